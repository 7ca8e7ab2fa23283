/// How a message becomes terms.
public struct TokenizerOptions: Sendable, Equatable {
    /// Lengths of character n-grams taken inside non-CJK words; empty for none.
    public var charGramLengths: ClosedRange<Int>?
    /// Digit-only words of at least this length become the placeholder `<num>`, so that order
    /// numbers and phone numbers do not count as unknown words.
    public var numberPlaceholderLength: Int

    /// Creates options; the defaults are what the matcher uses.
    public init(charGramLengths: ClosedRange<Int>? = 3...5, numberPlaceholderLength: Int = 3) {
        self.charGramLengths = charGramLengths
        self.numberPlaceholderLength = numberPlaceholderLength
    }

    /// The matcher's defaults.
    public static let standard = TokenizerOptions()
}

/// Splits normalised text into terms: stemmed words and word bigrams for alphabetic scripts,
/// character unigrams and bigrams for runs of CJK characters (so Chinese needs no segmenter),
/// and character n-grams inside words for misspellings and morphology.
public enum Tokenizer {
    /// A word or a run of CJK characters, before stemming.
    public enum Token: Equatable, Sendable {
        /// A run of letters and digits outside CJK scripts.
        case word(String)
        /// A run of CJK characters (Han, kana, Hangul).
        case cjk(String)
    }

    /// The words and CJK runs of `text`, after normalisation.
    public static func tokens(of text: String) -> [Token] {
        var tokens: [Token] = []
        forEachToken(in: TextNormalizer.normalizedScalars(text)) { scalars, isCJK in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            tokens.append(isCJK ? .cjk(String(view)) : .word(String(view)))
        }
        return tokens
    }

    /// Every term of `text` in order of appearance (duplicates kept).
    public static func terms(of text: String, options: TokenizerOptions = .standard) -> [Term] {
        var terms: [Term] = []
        forEachTerm(in: TextNormalizer.normalizedScalars(text), options: options) { family, bytes in
            terms.append(Term(family, String(decoding: bytes, as: UTF8.self)))
        }
        return terms
    }

    /// The distinct term keys of `text`, sorted: the matcher's hot path.
    static func keys(of text: String, options: TokenizerOptions) -> [TermKey] {
        var keys: [TermKey] = []
        keys.reserveCapacity(64)
        forEachTerm(in: TextNormalizer.normalizedScalars(text), options: options) { family, bytes in
            keys.append(TermKey(family: family, bytes: bytes))
        }
        keys.sort { ($0.family.rawValue, $0.hash) < ($1.family.rawValue, $1.hash) }
        var unique: [TermKey] = []
        unique.reserveCapacity(keys.count)
        for key in keys where unique.last != key { unique.append(key) }
        return unique
    }

    /// Calls `body` with each word (`isCJK` false) or CJK run (`isCJK` true) of normalised scalars.
    static func forEachToken(in scalars: [Unicode.Scalar], _ body: (ArraySlice<Unicode.Scalar>, _ isCJK: Bool) -> Void) {
        var start = 0
        while start < scalars.count {
            let first = scalars[start]
            if first == " " {
                start += 1
                continue
            }
            let cjk = isCJK(first)
            var end = start + 1
            while end < scalars.count, scalars[end] != " ", isCJK(scalars[end]) == cjk { end += 1 }
            body(scalars[start..<end], cjk)
            start = end
        }
    }

    /// Calls `body` with the family and UTF-8 bytes of every term of normalised scalars.
    static func forEachTerm(
        in scalars: [Unicode.Scalar], options: TokenizerOptions,
        _ body: (TermFamily, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        var previousWord: [UInt8]? = nil
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64)
        func emit(_ family: TermFamily) { buffer.withUnsafeBufferPointer { body(family, $0) } }

        forEachToken(in: scalars) { token, cjk in
            if cjk {
                previousWord = nil
                var previous: Unicode.Scalar? = nil
                for scalar in token {
                    buffer.removeAll(keepingCapacity: true)
                    appendUTF8(scalar, to: &buffer)
                    emit(.unigram)
                    if let previous {
                        buffer.removeAll(keepingCapacity: true)
                        appendUTF8(previous, to: &buffer)
                        appendUTF8(scalar, to: &buffer)
                        emit(.bigram)
                    }
                    previous = scalar
                }
                return
            }
            var word: [UInt8] = []
            word.reserveCapacity(token.count)
            for scalar in token { appendUTF8(scalar, to: &word) }
            if word.count >= options.numberPlaceholderLength, word.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                word = Array("<num>".utf8)
            } else {
                if let lengths = options.charGramLengths { emitCharGrams(token, lengths, body) }
                Stemmer.stem(&word)
            }
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: word)
            emit(.unigram)
            if let previousWord {
                buffer.removeAll(keepingCapacity: true)
                buffer.append(contentsOf: previousWord)
                buffer.append(0x20)
                buffer.append(contentsOf: word)
                emit(.bigram)
            }
            previousWord = word
        }
    }

    private static func emitCharGrams(
        _ token: ArraySlice<Unicode.Scalar>, _ lengths: ClosedRange<Int>,
        _ body: (TermFamily, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4 * lengths.upperBound)
        var padded: [Unicode.Scalar] = ["<"]
        padded.append(contentsOf: token)
        padded.append(">")
        for length in lengths where length <= padded.count {
            for start in 0...(padded.count - length) {
                buffer.removeAll(keepingCapacity: true)
                for scalar in padded[start..<(start + length)] { appendUTF8(scalar, to: &buffer) }
                buffer.withUnsafeBufferPointer { body(.chargram, $0) }
            }
        }
    }

    /// True for Han ideographs, kana, Hangul and CJK compatibility characters.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
            0x20000...0x2FA1F:
            true
        default: false
        }
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        if scalar.isASCII {
            bytes.append(UInt8(scalar.value))
        } else {
            UTF8.encode(scalar) { bytes.append($0) }
        }
    }
}
