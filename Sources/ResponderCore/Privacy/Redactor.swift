/// Finds and masks personal data (e-mail addresses, phone numbers, payment card numbers and
/// Chinese resident ID numbers) in customer messages before they are stored.
///
/// The scan is a hand-written pass over the text's UTF-8 bytes (see `PIIScanner`); every span it
/// reports is made of ASCII characters only, so its ends are always on Unicode scalar boundaries.
/// Digits are ASCII digits: full-width digits ("１３８…") are not recognised. Chinese or other
/// non-ASCII characters may touch a span directly ("电话13800138000"); an ASCII letter or digit
/// touching it means it is part of a longer identifier, and it is left alone.
///
/// Numbers are masked only when they look like the kind they are claimed to be: card numbers must
/// pass the Luhn checksum and carry a card network's prefix and length, ID numbers must hold a real
/// birth date and a valid ISO 7064 MOD 11-2 check character, and phone numbers must have one of
/// the written shapes described on `Kind.phone`. Order numbers, amounts, dates and times stay.
///
/// `Sendable` because it holds no state: every call scans only its argument.
public struct Redactor: Sendable {
    /// What kind of personal data a span is.
    public enum Kind: String, Sendable, CaseIterable {
        /// An e-mail address such as "a.b+c@mail.example.co.uk".
        case email
        /// A phone number: international with "+" and a country code ("+1 (415) 555-0132"), a
        /// Chinese mobile number ("13800138000", "138-0013-8000") or a North American number
        /// written with separators ("(415) 555-0132", "415.555.0132").
        case phone
        /// A payment card number that passes the Luhn checksum and has a card network's prefix.
        case card
        /// A Chinese resident ID number with a valid birth date and check character.
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
        let spans = Self.spans(in: text)
        guard !spans.isEmpty else { return text }
        let utf8 = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        var copied = 0
        for span in spans {
            output.append(contentsOf: utf8[copied..<span.bytes.lowerBound])
            output.append(contentsOf: span.kind.mask.utf8)
            copied = span.bytes.upperBound
        }
        output.append(contentsOf: utf8[copied...])
        // Every span is ASCII, so cutting at its ends leaves valid UTF-8.
        return String(decoding: output, as: UTF8.self)
    }

    /// The spans of personal data in `text`, as UTF-8 byte offsets.
    static func spans(in text: String) -> [PIIScanner.Span] {
        if let spans = text.utf8.withContiguousStorageIfAvailable({ PIIScanner(bytes: $0).spans() }) {
            return spans
        }
        var copy = text
        return copy.withUTF8 { PIIScanner(bytes: $0).spans() }
    }
}
