/// Finds and masks personal data (e-mail addresses, phone numbers, payment card numbers and
/// Chinese resident ID numbers) in customer messages before they are stored.
///
/// The scan is a hand-written pass over the text's UTF-8 bytes (see `PIIScanner`). Full-width
/// forms typed by Chinese input methods ("１３８００１３８０００", "＋８６", "ｍｅ＠ｅｘａｍｐｌｅ．ｃｏｍ")
/// and the ideographic space are read as the ASCII characters they stand for (see `FoldedText`),
/// but findings are ranges of the original text, and everything outside them is left exactly as
/// it was. Numbers are found by their digits whatever separates them from letters: Chinese
/// characters ("电话13800138000"), and ASCII letters or prefixes ("tel-13800138000",
/// "u-+8613800138000", "x4111111111111111") may touch them, so that personal data glued into an
/// identifier is masked too. A digit touching a number, directly or through "-", "_" or "."
/// ("2024-13800138000"), makes it part of a longer number, left alone. Every finding starts and
/// ends on Unicode scalar boundaries.
///
/// Numbers are masked only when they look like the kind they are claimed to be: card numbers must
/// pass the Luhn checksum and carry a card network's prefix and length, and are left alone right
/// after an order, tracking, reference or invoice word ("订单号", "order no."); ID numbers must hold
/// a real birth date and a valid ISO 7064 MOD 11-2 check character (15-digit first-generation
/// numbers, which have none, need a word such as "身份证" or "ID" shortly before them); and phone
/// numbers must have one of the written shapes described on `Kind.phone`. Order numbers, amounts,
/// dates and times stay.
///
/// `Sendable` because it holds no state: every call scans only its argument.
public struct Redactor: Sendable {
    /// What kind of personal data a span is.
    public enum Kind: String, Sendable, CaseIterable {
        /// An e-mail address such as "a.b+c@mail.example.co.uk", "josé@correo.es" or "王芳@例子.中国".
        case email
        /// A phone number: international with "+" and a country code ("+1 (415) 555-0132"), a
        /// Chinese number after "86" or "0086" and a space or dash ("0086 138 0013 8000"), a
        /// Chinese mobile number ("13800138000", "138-0013-8000"), a Chinese landline number with
        /// its area code ("010-62345678", "(0755) 8601 3388") or a North American number written
        /// with separators ("(415) 555-0132", "415.555.0132").
        case phone
        /// A payment card number that passes the Luhn checksum and has a card network's prefix.
        case card
        /// A Chinese resident ID number with a valid birth date and check character, or a
        /// first-generation 15-digit one with a valid birth date after an identity word.
        case nationalID = "id-number"

        /// The text that replaces a span of this kind: "[email]", "[phone]", "[card]", "[id-number]".
        var mask: String { "[\(rawValue)]" }
    }

    /// A span of personal data found in a text.
    public struct Finding: Sendable, Equatable {
        /// What kind of personal data the span holds.
        public let kind: Kind
        /// Where the span is, as indices into the scanned text.
        public let range: Range<String.Index>
    }

    /// Creates a redactor.
    public init() {}

    /// Every span of personal data in `text`, in order, non-overlapping.
    public func findings(in text: String) -> [Finding] {
        let spans = Self.spans(in: text)
        let utf8 = text.utf8
        return spans.map { span in
            let lower = utf8.index(utf8.startIndex, offsetBy: span.bytes.lowerBound)
            let upper = utf8.index(lower, offsetBy: span.bytes.count)
            return Finding(kind: span.kind, range: lower..<upper)
        }
    }

    /// `text` with each finding replaced by its mask: "[email]", "[phone]", "[card]", "[id-number]".
    public func redact(_ text: String) -> String {
        redact(text) { kind, _ in kind.mask }
    }

    /// `text` with each finding replaced by `replacement(kind, matchedText)`.
    ///
    /// `matchedText` is the finding's text as written, full-width forms and all. Text outside the
    /// findings is copied unchanged.
    public func redact(_ text: String, replacing replacement: (Kind, Substring) -> String) -> String {
        let findings = findings(in: text)
        guard !findings.isEmpty else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var copied = text.startIndex
        for finding in findings {
            output.append(contentsOf: text[copied..<finding.range.lowerBound])
            output.append(contentsOf: replacement(finding.kind, text[finding.range]))
            copied = finding.range.upperBound
        }
        output.append(contentsOf: text[copied...])
        return output
    }

    /// The spans of personal data in `text`, as UTF-8 byte offsets.
    static func spans(in text: String) -> [PIIScanner.Span] {
        if let spans = text.utf8.withContiguousStorageIfAvailable(spans(inUTF8:)) {
            return spans
        }
        var copy = text
        return copy.withUTF8(spans(inUTF8:))
    }

    /// The spans of personal data in `bytes` (valid UTF-8), as byte offsets.
    ///
    /// Text without an ASCII or full-width digit or "@" costs one pass over its bytes and no
    /// allocation; text with full-width forms is folded into a copy first.
    static func spans(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [PIIScanner.Span] {
        switch FoldedText.survey(bytes) {
        case .nothingToFind:
            return []
        case .plain:
            return PIIScanner(bytes: bytes).spans()
        case .fullWidth:
            let folded = FoldedText(folding: bytes)
            let spans = folded.bytes.withUnsafeBufferPointer { PIIScanner(bytes: $0).spans() }
            return spans.map(folded.original)
        }
    }
}
