/// The text the scanner reads when full-width forms are present: the UTF-8 bytes with each
/// full-width ASCII form (U+FF01–U+FF5E, "１３８", "＋８６", "ｍｅ＠ｅｘａｍｐｌｅ．ｃｏｍ") folded to the
/// ASCII character it stands for and the ideographic space (U+3000) folded to a space.
///
/// Chinese and Japanese input methods type these forms. Every folded character is 3 bytes in the
/// text and 1 byte here, so an offset here maps back to the text by adding 2 for every folded
/// character before it; a span that starts or ends on a folded character maps to whole characters.
struct FoldedText {
    /// What a quick look at a text's bytes says about scanning it.
    enum Survey: Equatable {
        /// No ASCII or full-width digit and no "@" or "＠": there is nothing to find.
        case nothingToFind
        /// Something to scan and no full-width form: scan the bytes as they are.
        case plain
        /// Something to scan and full-width forms to fold first.
        case fullWidth
    }

    /// The folded UTF-8 bytes.
    let bytes: [UInt8]
    /// The offsets in `bytes` of the characters that were folded, ascending.
    private let foldedOffsets: [Int]

    /// Folds the full-width forms in `text` (valid UTF-8).
    init(folding text: UnsafeBufferPointer<UInt8>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var foldedOffsets: [Int] = []
        var index = 0
        while index < text.count {
            if let ascii = Self.folded(text, at: index) {
                foldedOffsets.append(bytes.count)
                bytes.append(ascii)
                index += 3
            } else {
                bytes.append(text[index])
                index += 1
            }
        }
        self.bytes = bytes
        self.foldedOffsets = foldedOffsets
    }

    /// Whether `text` (valid UTF-8) may hold personal data, and whether it has full-width forms.
    /// Reads each byte once and allocates nothing.
    static func survey(_ text: UnsafeBufferPointer<UInt8>) -> Survey {
        var hasCandidate = false
        var hasFullWidth = false
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte < 0x80 {
                if byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "@") { hasCandidate = true }
                index += 1
            } else if let ascii = folded(text, at: index) {
                hasFullWidth = true
                if ascii &- UInt8(ascii: "0") < 10 || ascii == UInt8(ascii: "@") { hasCandidate = true }
                index += 3
            } else {
                index += 1
            }
            if hasCandidate && hasFullWidth { return .fullWidth }
        }
        return hasCandidate ? .plain : .nothingToFind
    }

    /// The ASCII byte that the full-width form or ideographic space at `index` folds to, or nil.
    @inline(__always)
    private static func folded(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt8? {
        let lead = text[index]
        guard lead == 0xEF || lead == 0xE3, index + 2 < text.count else { return nil }
        let second = text[index + 1]
        let third = text[index + 2]
        switch (lead, second) {
        case (0xEF, 0xBC) where third >= 0x81: return third &- 0x60  // U+FF01–U+FF3F
        case (0xEF, 0xBD) where third <= 0x9E: return third &- 0x20  // U+FF40–U+FF5E
        case (0xE3, 0x80) where third == 0x80: return UInt8(ascii: " ")  // U+3000
        default: return nil
        }
    }

    /// The offset in the original text of `offset` in `bytes`.
    func originalOffset(_ offset: Int) -> Int {
        // The number of folded characters before `offset`, by binary search.
        var low = 0
        var high = foldedOffsets.count
        while low < high {
            let middle = (low + high) / 2
            if foldedOffsets[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return offset + 2 * low
    }

    /// `span` as offsets into the original text.
    func original(_ span: PIIScanner.Span) -> PIIScanner.Span {
        PIIScanner.Span(
            kind: span.kind, bytes: originalOffset(span.bytes.lowerBound)..<originalOffset(span.bytes.upperBound))
    }
}
