import Foundation
import PCRE2

/// Ranks a knowledge base's entries for a message.
///
/// Built once per knowledge base; matching is read-only and safe to call from many threads at
/// once. Term weights start as smoothed log-odds learned from each entry's questions and keywords
/// (`TermIndex`) and are then sharpened by a few averaged-perceptron passes over the questions
/// (`Refinement`), so that entries which share most of their words are told apart.
///
/// A candidate's score blends the term families: for each family, the summed weights of the
/// message's terms for that entry divided by the number of the message's terms in that family
/// (unknown terms included, so that a message full of words the base has never seen scores low);
/// the families are averaged with `MatcherOptions.familyWeights`, and the blend of a message of
/// n words is scaled by n / (n + `evidencePrior`). A matching pattern adds `patternScore` times
/// its weight. Confidence is `score / (score + confidenceScale)`. `docs/matching.md` has the
/// reasoning and the measurements.
public struct Matcher: Sendable {
    /// The knowledge base it was built from.
    public let base: KnowledgeBase
    /// The model settings.
    public let options: MatcherOptions
    private let index: TermIndex
    private let familyWeights: [Double]
    private let patternEntries: [Int]

    /// Builds the index for `base`.
    public init(base: KnowledgeBase, options: MatcherOptions = .standard) {
        self.base = base
        self.options = options
        let tokenizer = options.tokenizer
        let documents = base.entries.concurrentMap { entry in
            entry.questions.map {
                TermIndex.Document(keys: Tokenizer.keys(of: $0.text, options: tokenizer), weight: 1.0)
            }
                + entry.keywords.map {
                    TermIndex.Document(keys: Tokenizer.keys(of: $0.text, options: tokenizer), weight: $0.weight)
                }
        }
        let familyWeights = TermFamily.allCases.map { options.familyWeights[$0] ?? 0 }
        let refinement =
            options.refinementEpochs > 0
            ? Refinement(
                epochs: options.refinementEpochs, margin: Float(options.refinementMargin),
                rate: Float(options.refinementRate),
                families: TermFamily.allCases.map { options.refinedFamilies.contains($0) }
            ) {
                Matcher.termScales($0, familyWeights: familyWeights, prior: options.evidencePrior)
            } : nil
        self.index = TermIndex(documents: documents, smoothing: options.smoothing, refinement: refinement)
        self.familyWeights = familyWeights
        self.patternEntries = base.entries.indices.filter { !base.entries[$0].patterns.isEmpty }
    }

    /// Size of the index: distinct terms and (term, entry) postings.
    public var indexSize: (terms: Int, postings: Int) { (index.termCount, index.postingCount) }

    /// The best candidates for `text`; with `explain`, each with its contributions.
    public func match(_ text: String, explain: Bool = false) -> MatchResult {
        let text = truncated(text)
        let keys = Tokenizer.keys(of: text, options: options.tokenizer)
        let termScale = Matcher.termScales(keys, familyWeights: familyWeights, prior: options.evidencePrior)

        var scores = [Float](repeating: 0, count: base.entries.count)
        scores.withUnsafeMutableBufferPointer { scores in
            for key in keys {
                let scale = termScale[key.family.rawValue]
                if scale != 0 { index.accumulate(key, scale: scale, into: scores) }
            }
        }
        var matchedPatterns: [Int: [SourcePattern]] = [:]
        let scratch = patternEntries.isEmpty ? nil : MatchScratch()
        for entry in patternEntries {
            // A pattern that hits a match limit counts as not matching.
            for pattern in base.entries[entry].patterns
            where (try? pattern.pattern.matches(text, using: scratch)) == true {
                scores[entry] += Float(options.patternScore * pattern.weight)
                matchedPatterns[entry, default: []].append(pattern)
            }
        }

        let ranked = topEntries(scores, count: options.candidateCount)
        let terms = explain ? distinctTerms(text) : []
        let candidates = ranked.map { entry in
            let score = Double(scores[entry])
            let contributions =
                explain
                ? explanation(terms, entry: entry, termScale: termScale, patterns: matchedPatterns[entry] ?? []) : []
            return Candidate(
                intent: base.entries[entry].id, entryIndex: entry, confidence: confidence(score), score: score,
                contributions: contributions)
        }
        // Terms that are evidence for no entry (character n-grams aside: they are parts of words).
        let unknown = terms.filter { $0.term.family != .chargram && !index.contains($0.key) }.map(\.term)
        return MatchResult(candidates: candidates, unknownTerms: unknown)
    }

    /// Each family's multiplier for the terms of one message: the family's weight divided by the
    /// message's number of terms in that family and by the summed weights of the families present,
    /// times n / (n + prior) for a message of n unigrams (the short-message shrink).
    static func termScales(_ keys: [TermKey], familyWeights: [Double], prior: Double) -> [Float] {
        var familyCounts = [0, 0, 0]
        for key in keys { familyCounts[key.family.rawValue] += 1 }
        var present = 0.0
        for family in 0..<3 where familyCounts[family] > 0 { present += familyWeights[family] }
        var scales = [Float](repeating: 0, count: 3)
        // Shrink short messages' averages toward "no evidence": n words count as n + prior.
        let words = Double(familyCounts[TermFamily.unigram.rawValue])
        let shrink = words / (words + prior)
        for family in 0..<3 where familyCounts[family] > 0 && present > 0 {
            scales[family] = Float(shrink * familyWeights[family] / (Double(familyCounts[family]) * present))
        }
        return scales
    }

    /// `text`, cut to `maximumMessageLength` scalars.
    private func truncated(_ text: String) -> String {
        let limit = options.maximumMessageLength
        guard text.utf8.count > limit else { return text }  // fewer bytes than the limit: fewer scalars too
        let scalars = text.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex) else {
            return text
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[..<end])
        return String(view)
    }

    /// Maps a blended score to [0, 1).
    public func confidence(_ score: Double) -> Double {
        score <= 0 ? 0 : score / (score + options.confidenceScale)
    }

    /// The `count` entries with the highest positive scores, best first (ties: lower index first).
    private func topEntries(_ scores: [Float], count: Int) -> [Int] {
        guard count > 0 else { return [] }
        var best = [Int](repeating: -1, count: count)
        var filled = 0
        var floor: Float = 0  // the score to beat once `best` is full
        scores.withUnsafeBufferPointer { scores in
            for entry in scores.indices {
                let score = scores[entry]
                guard score > floor || (filled < count && score > 0) else { continue }
                // Insertion into the short sorted list, shifting the weaker ones down.
                var position = Swift.min(filled, count - 1)
                while position > 0, scores[best[position - 1]] < score {
                    best[position] = best[position - 1]
                    position -= 1
                }
                best[position] = entry
                if filled < count { filled += 1 }
                if filled == count { floor = scores[best[count - 1]] }
            }
        }
        return Array(best.prefix(filled))
    }

    /// The distinct terms of `text` with their keys, in order: what explanations are built from,
    /// tokenised once however many candidates are explained.
    private func distinctTerms(_ text: String) -> [(term: Term, key: TermKey)] {
        var seen = Set<TermKey>()
        var terms: [(term: Term, key: TermKey)] = []
        Tokenizer.forEachTerm(in: TextNormalizer.normalizedScalars(text), options: options.tokenizer) { family, bytes in
            let key = TermKey(family: family, bytes: bytes)
            if seen.insert(key).inserted { terms.append((Term(family, String(decoding: bytes, as: UTF8.self)), key)) }
        }
        return terms
    }

    private func explanation(
        _ terms: [(term: Term, key: TermKey)], entry: Int, termScale: [Float], patterns: [SourcePattern]
    ) -> [Contribution] {
        var contributions: [Contribution] = []
        for (term, key) in terms {
            let weight = index.weight(key, entry: entry) * termScale[term.family.rawValue]
            if weight != 0 { contributions.append(Contribution(source: .term(term), score: Double(weight))) }
        }
        for pattern in patterns {
            contributions.append(
                Contribution(
                    source: .pattern(pattern.pattern.source, pattern.location),
                    score: options.patternScore * pattern.weight))
        }
        return contributions.sorted { $0.score > $1.score }
    }
}
