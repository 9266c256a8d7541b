/// Small text routines of the inventory readers, on UTF-8 bytes for speed.
enum InventoryText {
    /// `text` without leading and trailing spaces and tabs; returns `text` itself when there are none.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        guard isSpace(first) || isSpace(last) else { return text }
        let bytes = Array(utf8)
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// A `;`-separated list, each item trimmed, empty items dropped.
    static func list(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var items: [String] = []
        for part in text.split(separator: ";") {
            let item = trimmed(String(part))
            if !item.isEmpty { items.append(item) }
        }
        return items
    }

    /// `range` of `buffer` without leading and trailing spaces and tabs.
    static func trimmed(_ range: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end, isSpace(buffer[start]) { start += 1 }
        while end > start, isSpace(buffer[end - 1]) { end -= 1 }
        return start..<end
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var any: UInt8 = 0
        for byte in bytes { any |= byte }
        return any < 0x80
    }

    /// Calls `item` with each item of the `;`-separated list `bytes`, trimmed, empty items dropped,
    /// as ``list(_:)`` splits it. A list that is not ASCII is handed whole to `nonASCII` as text,
    /// for ``list(_:)`` to split by characters.
    static func forEachItem(
        of bytes: UnsafeBufferPointer<UInt8>, _ item: (UnsafeBufferPointer<UInt8>) -> Void,
        nonASCII: (String) -> Void
    ) {
        guard isASCII(bytes) else {
            nonASCII(String(decoding: bytes, as: UTF8.self))
            return
        }
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: ";") { end += 1 }
            let trimmed = trimmed(start..<end, in: bytes)
            if !trimmed.isEmpty { item(UnsafeBufferPointer(rebasing: bytes[trimmed])) }
            start = end + 1
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}
