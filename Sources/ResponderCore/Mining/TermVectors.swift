import Foundation

/// Short texts as weighted term vectors for grouping them by topic: stemmed words and word
/// pairs, Chinese (CJK) characters and character pairs, each weighted by how rare it is across
/// the texts and a background corpus (the base's questions), so that the words every message
/// shares ("my", "how", "我", "的") weigh almost nothing.
public struct TermVectors: Sendable {
    /// One text's vector: term ids ascending, weights of unit length.
    public struct Vector: Sendable, Equatable {
        /// Term ids, ascending.
        public let terms: [Int32]
        /// Weight of each term; the vector has unit length (or no terms at all).
        public let weights: [Double]

        /// The dot product with another vector (both sorted by term).
        public func dot(_ other: Vector) -> Double {
            var (i, j, sum) = (0, 0, 0.0)
            while i < terms.count, j < other.terms.count {
                if terms[i] == other.terms[j] {
                    sum += weights[i] * other.weights[j]
                    i += 1
                    j += 1
                } else if terms[i] < other.terms[j] {
                    i += 1
                } else {
                    j += 1
                }
            }
            return sum
        }
    }

    /// The vector of each text, in the order given.
    public let vectors: [Vector]
    /// The text of each term id (stemmed words, word pairs, CJK characters and pairs).
    public let terms: [Term]
    /// Each term's inverse document frequency over the texts and the background.
    public let idf: [Double]

    /// Tokenises `texts` and weighs their terms by how rare they are among `texts` and
    /// `background` together (each text counted once).
    public init(_ texts: [String], background: [String] = []) {
        var ids: [Term: Int32] = [:]
        var terms: [Term] = []
        var frequency: [Int] = []
        func termSets(_ texts: [String]) -> [[Int32]] {
            texts.map { text in
                var seen = Set<Int32>()
                var set: [Int32] = []
                for term in Self.features(of: text) {
                    let id: Int32
                    if let known = ids[term] {
                        id = known
                    } else {
                        id = Int32(terms.count)
                        ids[term] = id
                        terms.append(term)
                        frequency.append(0)
                    }
                    if seen.insert(id).inserted { set.append(id) }
                }
                for id in set { frequency[Int(id)] += 1 }
                return set
            }
        }
        let sets = termSets(texts)
        _ = termSets(background)
        let documents = Double(texts.count + background.count)
        let idf = frequency.map { max(0, log((documents + 1) / (Double($0) + 1))) }
        vectors = sets.map { set in
            let sorted = set.sorted()
            var weights = sorted.map { idf[Int($0)] * Self.familyWeight(terms[Int($0)]) }
            let length = weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if length > 0 { weights = weights.map { $0 / length } }
            return Vector(terms: length > 0 ? sorted : [], weights: length > 0 ? weights : [])
        }
        self.terms = terms
        self.idf = idf
    }

    /// The terms topics are told apart by: words and word pairs (stemmed), CJK characters and
    /// character pairs; no character n-grams inside words (they tie misspellings together but
    /// also unrelated words), and nothing with `<num>` (an order number says nothing of the topic).
    static func features(of text: String) -> [Term] {
        Tokenizer.terms(of: text, options: TokenizerOptions(charGramLengths: nil))
            .filter { !$0.text.contains("<num>") && !isFunctionTerm($0) }
    }

    /// Stems of English function words ("you", "the", "how"), for `isFunctionTerm`.
    private static let functionStems = Set(TopicKeywords.englishFunctionWords.map(Stemmer.stem))

    /// A term made of function words ("do you", "at your") or holding a Chinese function
    /// character ("我", "们平"): it says how something is asked, not what about, and dilutes
    /// the similarity of two messages that share their topic's words.
    static func isFunctionTerm(_ term: Term) -> Bool {
        if term.text.unicodeScalars.contains(where: Tokenizer.isCJK) {
            return term.text.contains(where: TopicKeywords.chineseFunctionCharacters.contains)
        }
        return term.text.split(separator: " ").contains { functionStems.contains(String($0)) }
    }

    /// A single CJK character says less than a word: 好, 我, 单 belong to many topics.
    private static func familyWeight(_ term: Term) -> Double {
        guard term.family == .unigram, term.text.unicodeScalars.count == 1,
            let scalar = term.text.unicodeScalars.first, Tokenizer.isCJK(scalar)
        else { return 1 }
        return 0.5
    }
}
