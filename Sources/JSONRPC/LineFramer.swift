/// Splits a byte stream into newline-delimited lines (a CR before the LF is dropped), never
/// holding more than `maximumLength` bytes of one line: a longer line is skipped as it arrives
/// and reported once it ends.
public struct LineFramer: Sendable {
    /// What the stream yielded.
    public enum Item: Sendable, Equatable {
        /// A complete line, without its line end.
        case line([UInt8])
        /// A line longer than the limit, skipped; `length` bytes, line end excluded (at least; a
        /// very long line is not counted to its end once it is known to be too long).
        case tooLong(length: Int)
    }

    /// The longest line kept, in bytes.
    public let maximumLength: Int
    private var partial: [UInt8] = []
    private var skipping = false
    private var skippedLength = 0
    /// Whether the last byte skipped was a CR: the line end's, if an LF follows.
    private var skippedCR = false

    /// A framer for lines of at most `maximumLength` bytes.
    public init(maximumLength: Int) {
        self.maximumLength = maximumLength
    }

    /// True while part of a line has been read but not its end.
    public var hasPartialLine: Bool { !partial.isEmpty || skipping }

    /// Feeds `bytes`; returns the lines they complete.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) -> [Item] {
        var items: [Item] = []
        var start = 0
        let count = bytes.count
        while start < count {
            var end = start
            while end < count, bytes[end] != 0x0A { end += 1 }
            let segment = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            if skipping {
                skippedLength += segment.count
                if let last = segment.last { skippedCR = last == 0x0D }
            } else if partial.count + segment.count > maximumLength + 1 {
                // One byte of slack: a CR before the LF is the line end, not part of the line.
                skipping = true
                skippedLength = partial.count + segment.count
                skippedCR = segment.last == 0x0D
                partial.removeAll()
            } else {
                partial.append(contentsOf: segment)
            }
            guard end < count else { break }
            items.append(finishLine())
            start = end + 1
        }
        return items
    }

    /// At end of input: the last line if it had no line end.
    public mutating func finish() -> [Item] {
        hasPartialLine ? [finishLine()] : []
    }

    /// Drops a partial line (when stopping on a signal, a half-sent request is not answered).
    public mutating func discardPartialLine() {
        partial.removeAll()
        skipping = false
        skippedLength = 0
    }

    private mutating func finishLine() -> Item {
        defer {
            partial.removeAll(keepingCapacity: true)
            skipping = false
            skippedLength = 0
        }
        if skipping { return .tooLong(length: skippedLength - (skippedCR ? 1 : 0)) }
        if partial.last == 0x0D { partial.removeLast() }
        if partial.count > maximumLength { return .tooLong(length: partial.count) }
        return .line(partial)
    }
}
