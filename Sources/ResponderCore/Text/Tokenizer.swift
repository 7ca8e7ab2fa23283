/// How a message becomes terms.
public struct TokenizerOptions: Sendable, Equatable {
    /// Lengths of character n-grams taken inside non-CJK words; nil for none.
    public var charGramLengths: ClosedRange<Int>?
    /// Digit-only words of at least this length become the placeholder `<num>`, so that order
    /// numbers and phone numbers do not count as unknown words.
    public var numberPlaceholderLength: Int

    /// Creates options; the defaults are what the matcher uses.
    public init(charGramLengths: ClosedRange<Int>? = 3...4, numberPlaceholderLength: Int = 3) {
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

    /// Calls `body` with the key of every term of `text`, duplicates included: the matcher's hot path.
    static func forEachKey(in text: String, options: TokenizerOptions, _ body: (TermKey) -> Void) {
        forEachTerm(in: TextNormalizer.normalizedScalars(text), options: options) { family, bytes in
            body(TermKey(family: family, bytes: bytes))
        }
    }

    /// The distinct term keys of `text`, in order of first appearance.
    static func keys(of text: String, options: TokenizerOptions) -> [TermKey] {
        var keys: [TermKey] = []
        var seen = TermKeySet(expected: text.utf8.count * 2)
        forEachKey(in: text, options: options) { key in
            if seen.insert(key.hash) { keys.append(key) }
        }
        return keys
    }

    /// Calls `body` with each word (`isCJK` false) or CJK run (`isCJK` true) of normalised scalars.
    static func forEachToken(in scalars: [Unicode.Scalar], _ body: (ArraySlice<Unicode.Scalar>, _ isCJK: Bool) -> Void)
    {
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
    ///
    /// Terms are slices of a few reusable buffers, so a message costs a handful of allocations
    /// however long it is: a token's UTF-8 bytes with the byte offset of each scalar, from which
    /// CJK characters and character n-grams are cut without copying.
    static func forEachTerm(
        in scalars: [Unicode.Scalar], options: TokenizerOptions,
        _ body: (TermFamily, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        var bytes: [UInt8] = []  // the current token, UTF-8, padded with "<" and ">" for words
        var offsets: [Int] = []  // byte offset of each scalar in `bytes`, plus the end
        var word: [UInt8] = []  // the current word, stemmed
        var pair: [UInt8] = []  // "previous word" + " " + "word"
        var previousWord: [UInt8] = []
        var hasPreviousWord = false
        bytes.reserveCapacity(64)
        offsets.reserveCapacity(32)
        word.reserveCapacity(32)

        forEachToken(in: scalars) { token, cjk in
            bytes.removeAll(keepingCapacity: true)
            offsets.removeAll(keepingCapacity: true)
            if !cjk {
                offsets.append(0)
                bytes.append(UInt8(ascii: "<"))
            }
            for scalar in token {
                offsets.append(bytes.count)
                appendUTF8(scalar, to: &bytes)
            }
            if !cjk {
                offsets.append(bytes.count)
                bytes.append(UInt8(ascii: ">"))
            }
            offsets.append(bytes.count)

            bytes.withUnsafeBufferPointer { all in
                if cjk {
                    hasPreviousWord = false
                    for index in 0..<(offsets.count - 1) {
                        body(.unigram, UnsafeBufferPointer(rebasing: all[offsets[index]..<offsets[index + 1]]))
                        if index + 2 < offsets.count {
                            body(.bigram, UnsafeBufferPointer(rebasing: all[offsets[index]..<offsets[index + 2]]))
                        }
                    }
                    return
                }
                word.removeAll(keepingCapacity: true)
                word.append(contentsOf: all[1..<(all.count - 1)])
                if word.count >= options.numberPlaceholderLength, word.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                    word.removeAll(keepingCapacity: true)
                    word.append(contentsOf: "<num>".utf8)
                } else {
                    if let lengths = options.charGramLengths {
                        let scalarCount = offsets.count - 1
                        for length in lengths where length <= scalarCount {
                            for start in 0...(scalarCount - length) {
                                body(
                                    .chargram,
                                    UnsafeBufferPointer(rebasing: all[offsets[start]..<offsets[start + length]]))
                            }
                        }
                    }
                    Stemmer.stem(&word)
                }
            }
            if cjk { return }
            word.withUnsafeBufferPointer { body(.unigram, $0) }
            if hasPreviousWord {
                pair.removeAll(keepingCapacity: true)
                pair.append(contentsOf: previousWord)
                pair.append(0x20)
                pair.append(contentsOf: word)
                pair.withUnsafeBufferPointer { body(.bigram, $0) }
            }
            swap(&previousWord, &word)
            hasPreviousWord = true
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
