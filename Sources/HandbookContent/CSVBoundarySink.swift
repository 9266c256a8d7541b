/// A sink that keeps nothing: for finding record boundaries.
public struct CSVBoundarySink: CSVFieldSink {
    public init() {}
    @inlinable
    public mutating func unquotedField(_: Range<Int>, of _: UnsafeBufferPointer<UInt8>, line _: Int, column _: Int) {}
    @inlinable
    public mutating func quotedText(_: Range<Int>, of _: UnsafeBufferPointer<UInt8>) {}
    @inlinable
    public mutating func endQuotedField(line _: Int, column _: Int) {}
}
