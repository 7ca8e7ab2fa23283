/// The three families of terms the matcher scores separately and then blends.
public enum TermFamily: Int, Sendable, CaseIterable, Codable {
    /// A stemmed word, or one CJK character.
    case unigram = 0
    /// Two adjacent stemmed words, or two adjacent CJK characters.
    case bigram = 1
    /// A character n-gram inside a non-CJK word (with `<` and `>` marking its ends).
    case chargram = 2

    /// The name used in explanations and JSON.
    public var name: String {
        switch self {
        case .unigram: "unigram"
        case .bigram: "bigram"
        case .chargram: "chargram"
        }
    }
}

/// One term of a message, as text: what explanations and tests show.
public struct Term: Hashable, Sendable, CustomStringConvertible {
    /// Which family it belongs to.
    public let family: TermFamily
    /// Its text: "password", "reset password", "<pas", "密码".
    public let text: String

    /// Creates a term.
    public init(_ family: TermFamily, _ text: String) {
        self.family = family
        self.text = text
    }

    public var description: String { "\(family.name):\(text)" }
}

/// A term reduced to its family and a 64-bit hash: what the index stores and looks up.
struct TermKey: Hashable, Sendable {
    let family: TermFamily
    let hash: UInt64

    init(family: TermFamily, bytes: UnsafeBufferPointer<UInt8>) {
        // FNV-1a, seeded per family so that "ab" as a unigram and as a char-gram differ.
        var value: UInt64 = 0xcbf2_9ce4_8422_2325 &+ UInt64(family.rawValue) &* 0x9E37_79B9_7F4A_7C15
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x100_0000_01b3
        }
        self.family = family
        self.hash = value
    }
}
