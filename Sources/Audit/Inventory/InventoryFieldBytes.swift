/// The fields of one row as bytes, found by ``InventoryField``: views of an ``InventoryRow``'s
/// storage, made by ``InventoryRow/withFieldBytes(columns:_:)`` without copying the row.
struct InventoryFieldBytes {
    let buffer: UnsafeBufferPointer<UInt8>
    let starts: UnsafeBufferPointer<Int>
    let ends: UnsafeBufferPointer<Int>
    let columns: InventoryColumns

    var count: Int { starts.count }

    func range(ofField index: Int) -> Range<Int> { starts[index]..<ends[index] }

    /// The field's bytes without leading and trailing spaces and tabs; nil when absent or empty.
    func text(_ field: InventoryField) -> UnsafeBufferPointer<UInt8>? {
        guard let index = columns.index(of: field), index < count else { return nil }
        let trimmed = InventoryText.trimmed(range(ofField: index), in: buffer)
        return trimmed.isEmpty ? nil : UnsafeBufferPointer(rebasing: buffer[trimmed])
    }
}
