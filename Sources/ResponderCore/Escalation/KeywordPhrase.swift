/// A keyword or phrase as a sequence of units, matched against a message on the same footing as
/// the matcher: normalised, stemmed words and single CJK characters, so "charged twice" matches
/// "Charged me twice? No: charged twice!" and "退款" matches "我要退款".
struct KeywordPhrase: Sendable, Equatable {
    /// The phrase's units in order.
    let units: [String]

    /// The units of `text`: each normalised word stemmed, each CJK character on its own.
    static func units(of text: String) -> [String] {
        var units: [String] = []
        for token in Tokenizer.tokens(of: text) {
            switch token {
            case .word(let word): units.append(Stemmer.stem(word))
            case .cjk(let run): units.append(contentsOf: run.unicodeScalars.map { String($0) })
            }
        }
        return units
    }

    /// Creates the phrase for `keyword`.
    init(_ keyword: String) {
        units = Self.units(of: keyword)
    }

    /// Whether the phrase occurs, unit for unit and contiguously, in `message`'s units.
    func occurs(in message: [String]) -> Bool {
        guard !units.isEmpty, units.count <= message.count else { return false }
        for start in 0...(message.count - units.count) where message[start] == units[0] {
            if message[start..<(start + units.count)].elementsEqual(units) { return true }
        }
        return false
    }
}

/// Keywords and patterns that, together, say how strongly a message points at something
/// (a group, a priority).
struct EvidenceRule: Sendable {
    let phrases: [(phrase: KeywordPhrase, weight: Double)]
    let patterns: [SourcePattern]

    init(keywords: [SourceKeyword], patterns: [SourcePattern]) {
        self.phrases = keywords.map { (KeywordPhrase($0.text), $0.weight) }
        self.patterns = patterns
    }

    /// Each matching keyword's weight, plus `patternScore` times each matching pattern's weight;
    /// 0 when nothing matches. A pattern that fails (e.g. hits its match limit) counts as no match.
    func score(units: [String], text: String, patternScore: Double) -> Double {
        var score = 0.0
        for (phrase, weight) in phrases where phrase.occurs(in: units) { score += weight }
        for pattern in patterns where (try? pattern.pattern.matches(text)) == true {
            score += patternScore * pattern.weight
        }
        return score
    }
}
