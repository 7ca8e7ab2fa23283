/// The words that say what a topic is about, as customers wrote them: the terms most of its
/// messages share (by the square of that share), weighted by how rare they are elsewhere, shown in their most common surface
/// form ("deliveries", not the stem "deliveri").
public enum TopicKeywords {
    /// A keyword and the share of the topic's messages that contain it.
    public struct Keyword: Sendable, Equatable {
        /// As customers wrote it (lowercase): a word, two words, or Chinese characters.
        public let text: String
        /// Share of the topic's messages (by weight) that contain it, 0-1.
        public let coverage: Double
    }

    /// Up to `limit` keywords of the topic made of `members` (positions in `vectors` and
    /// `texts`), each in at least `minCoverage` of its messages, best first; single CJK
    /// characters are left out (too ambiguous to be a keyword).
    public static func keywords(
        of members: [Int], texts: [String], vectors: TermVectors, weights: [Int]? = nil, limit: Int = 5,
        minCoverage: Double = 0.3
    ) -> [Keyword] {
        var counts: [Int32: Int] = [:]
        var total = 0
        var surface = SurfaceForms()
        for member in members {
            let weight = weights?[member] ?? 1
            total += weight
            for term in vectors.vectors[member].terms { counts[term, default: 0] += weight }
            surface.add(texts[member], weight: weight)
        }
        guard total > 0 else { return [] }
        let scored = counts.compactMap { term, count -> (Term, Double, Double)? in
            let coverage = Double(count) / Double(total)
            let value = vectors.terms[Int(term)]
            guard coverage >= minCoverage, !isSingleCJK(value) else { return nil }
            return (value, coverage, coverage * coverage * vectors.idf[Int(term)])
        }
        .sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0.text < $1.0.text }
        var keywords: [Keyword] = []
        for (term, coverage, _) in scored where keywords.count < limit {
            let text = surface.text(of: term)
            guard !isFunctionWords(text) else { continue }
            // Two stems can share a written form ("ship" and "shipping" both from "shipping").
            if keywords.contains(where: { $0.text == text }) { continue }
            keywords.append(Keyword(text: text, coverage: coverage))
        }
        return keywords
    }

    /// Words that say nothing of a topic at a keyword's ends ("i buy", "give me"), and Chinese
    /// characters that do the same inside a character pair ("们平", "么入"): a pair of characters
    /// is cut from running text without knowing where words end, and these mark the cuts that
    /// straddle two words.
    static let englishFunctionWords: Set<String> = [
        "a", "an", "the", "i", "im", "me", "my", "you", "your", "we", "our", "us", "it", "its", "is", "are", "was",
        "be", "been", "am", "do", "does", "did", "can", "could", "would", "should", "will", "to", "for", "of", "in",
        "on", "at", "by", "with", "from", "and", "or", "but", "if", "so", "that", "this", "there", "what", "where",
        "when", "how", "why", "who", "which", "please", "hi", "hello", "not", "no", "have", "has", "had", "get",
        "got", "want", "need", "like", "just", "any", "some", "about",
    ]
    /// See `englishFunctionWords`.
    static let chineseFunctionCharacters: Set<Character> = [
        "的", "了", "吗", "呢", "吧", "啊", "么", "们", "我", "你", "您", "他", "她", "它", "是", "在", "有", "要", "这",
        "那", "怎", "什", "个", "一", "不", "就", "都", "也", "和", "给", "把", "被", "让", "想", "能", "可", "以", "还",
        "很", "请", "问", "下", "到", "说", "会", "吗", "哪", "为", "呀",
    ]

    private static func isFunctionWords(_ text: String) -> Bool {
        if text.unicodeScalars.contains(where: Tokenizer.isCJK) {
            return text.contains(where: chineseFunctionCharacters.contains)
        }
        let words = text.split(separator: " ").map(String.init)
        guard let first = words.first, let last = words.last else { return true }
        return englishFunctionWords.contains(first) || englishFunctionWords.contains(last)
    }

    private static func isSingleCJK(_ term: Term) -> Bool {
        guard term.family == .unigram, term.text.unicodeScalars.count == 1, let scalar = term.text.unicodeScalars.first
        else { return false }
        return Tokenizer.isCJK(scalar)
    }
}

/// The most common written form of each stemmed word in some texts.
private struct SurfaceForms {
    private var forms: [String: [String: Int]] = [:]

    mutating func add(_ text: String, weight: Int) {
        for token in Tokenizer.tokens(of: text) {
            guard case .word(let word) = token else { continue }
            forms[Stemmer.stem(word), default: [:]][word, default: 0] += weight
        }
    }

    /// A term as written: each stemmed word of it replaced by its commonest form.
    func text(of term: Term) -> String {
        term.text.split(separator: " ").map { part in
            let stem = String(part)
            guard let candidates = forms[stem] else { return stem }
            return candidates.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
        }.joined(separator: " ")
    }
}
