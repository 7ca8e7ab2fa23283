/// The words just before a number that say what it is, read in the scanner's bytes (UTF-8, full-width
/// forms folded, so "：" and "＃" read as ":" and "#").
///
/// ASCII words match in any case and only as whole words: "order" is not found in "border", nor
/// "id" in "paid" or "idea".
struct PIIContext {
    /// The scanner's bytes.
    let bytes: UnsafeBufferPointer<UInt8>

    /// Words that make the number right after them an order, tracking, reference or invoice number.
    /// "订单号", "快递单号" and "物流单号" end in "单号"; "Order No.", "order number" and "Tracking
    /// #" are a word and a gap.
    static let orderWords = words([
        "order", "tracking", "ref", "ref.", "reference", "invoice",
        "订单", "单号", "运单", "发票", "发票号", "訂單", "單號", "運單", "發票", "發票號",
    ])

    /// What may stand between an order word and its number, longest first ("编号" before "号").
    static let orderGaps = words([
        " ", "\t", "\n", "\r", ":", "#", "-", "=", "(", "[", "no", "no.", "nr", "nr.", "number", "num", "id",
        "号", "码", "编号", "是", "为", "號", "碼", "編號", "為",
    ]).sorted { $0.bytes.count > $1.bytes.count }

    /// The most characters between an order word and its number.
    static let orderGapLimit = 12

    /// Words that say a number nearby is an identity card number.
    static let identityWords = words([
        "身份证", "身份證", "身份号", "身份號", "证件", "證件", "id", "id card", "identity", "identity card",
    ])

    /// The most characters between an identity word and the number.
    static let identityWindow = 12

    /// True when an order, tracking, reference or invoice word immediately precedes `start`: only
    /// `orderGaps` between them ("订单号：", "Order No. ", "tracking #"), at most `orderGapLimit`
    /// characters in all.
    func hasOrderWord(before start: Int) -> Bool {
        var end = start
        var skipped = 0
        while true {
            if Self.orderWords.contains(where: { word($0, endsAt: end) }) { return true }
            guard let gap = Self.orderGaps.first(where: { word($0, endsAt: end) }) else { return false }
            end -= gap.bytes.count
            skipped += gap.characters
            if skipped > Self.orderGapLimit { return false }
        }
    }

    /// True when an identity word ("身份证", "ID", "identity card") ends at most `identityWindow`
    /// characters before `start`.
    func hasIdentityWord(before start: Int) -> Bool {
        var end = start
        for _ in 0...Self.identityWindow {
            if Self.identityWords.contains(where: { word($0, endsAt: end) && !continuesWord($0, at: end) }) {
                return true
            }
            guard end > 0 else { return false }
            end -= 1
            while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        }
        return false
    }

    /// True when the text before `end` ends with `word`, and an ASCII word does not continue a
    /// longer word or number before it.
    private func word(_ word: Word, endsAt end: Int) -> Bool {
        let start = end - word.bytes.count
        guard start >= 0 else { return false }
        for (offset, expected) in word.bytes.enumerated() {
            var byte = bytes[start + offset]
            if byte &- UInt8(ascii: "A") < 26 { byte |= 0x20 }
            guard byte == expected else { return false }
        }
        guard word.bytes[0].isASCIILetter, start > 0 else { return true }
        return !bytes[start - 1].isASCIILetterOrDigit
    }

    /// True when an ASCII `word` that ends at `end` is continued by a letter after it ("idea").
    private func continuesWord(_ word: Word, at end: Int) -> Bool {
        guard let last = word.bytes.last, last.isASCIILetter, end < bytes.count else { return false }
        return bytes[end].isASCIILetter
    }

    /// A cue word: its UTF-8 bytes (ASCII letters in lower case) and its number of characters.
    struct Word: Sendable {
        let bytes: [UInt8]
        let characters: Int
    }

    private static func words(_ strings: [String]) -> [Word] {
        strings.map { Word(bytes: Array($0.utf8), characters: $0.unicodeScalars.count) }
    }
}

extension UInt8 {
    fileprivate var isASCIILetter: Bool { (self | 0x20) &- UInt8(ascii: "a") < 26 }
    fileprivate var isASCIILetterOrDigit: Bool { isASCIILetter || self &- UInt8(ascii: "0") < 10 }
}
