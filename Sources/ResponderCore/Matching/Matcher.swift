import Foundation
import PCRE2

/// Ranks a knowledge base's entries for a message, each with a calibrated confidence.
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
/// its weight. The score ranks the candidates; a candidate's confidence is the probability that it
/// is the right answer, which `ConfidenceCalibrator` computes from the score, the margin to the
/// best rival and how much of the message the base knows, with weights the base learned from its
/// own questions when it loaded (`ConfidenceTraining`). `docs/matching.md` has the reasoning and
/// the measurements.
public struct Matcher: Sendable {
    /// The knowledge base it was built from.
    public let base: KnowledgeBase
    /// The model settings.
    public let options: MatcherOptions
    /// How confidences are computed from the candidates' features.
    public let calibrator: ConfidenceCalibrator
    let scorer: EntryScorer

    /// Builds the index for `base` and learns its calibrator from its questions.
    public init(base: KnowledgeBase, options: MatcherOptions = .standard) {
        self.init(base: base, options: options, calibrator: nil)
    }

    /// Builds the index for `base`; `calibrator` nil learns one from the base's questions, else
    /// that one is used (e.g. a matcher built on part of a base, borrowing the whole base's).
    public init(base: KnowledgeBase, options: MatcherOptions = .standard, calibrator: ConfidenceCalibrator?) {
        let questions = base.entries.reduce(0) { $0 + $1.questions.count }
        let training = options.forBase(questions: questions)
        let documents = Matcher.documents(of: base, options: options)
        let build: @Sendable () -> EntryScorer = {
            EntryScorer(
                documents: documents, entries: base.entries, patternEntries: Array(base.entries.indices),
                options: training)
        }
        if let calibrator {
            self.init(base: base, options: options, scorer: build(), calibrator: calibrator)
        } else {
            // The whole base's index and the calibration folds train side by side on the cores.
            let trained = ConfidenceTraining.calibrator(
                documents: documents, entries: base.entries, options: training, alongside: build)
            self.init(base: base, options: options, scorer: trained.alongside, calibrator: trained.calibrator)
        }
    }

    init(base: KnowledgeBase, options: MatcherOptions, scorer: EntryScorer, calibrator: ConfidenceCalibrator) {
        self.base = base
        self.options = options
        self.scorer = scorer
        self.calibrator = calibrator
    }

    /// Each entry's training documents: its questions (one each), then its keywords.
    static func documents(of base: KnowledgeBase, options: MatcherOptions) -> [[TermIndex.Document]] {
        let tokenizer = options.tokenizer
        return base.entries.concurrentMap { entry in
            entry.questions.map {
                TermIndex.Document(keys: Tokenizer.keys(of: $0.text, options: tokenizer), weight: 1.0)
            }
                + entry.keywords.map {
                    TermIndex.Document(keys: Tokenizer.keys(of: $0.text, options: tokenizer), weight: $0.weight)
                }
        }
    }

    /// Size of the index: distinct terms and (term, entry) postings.
    public var indexSize: (terms: Int, postings: Int) { (scorer.index.termCount, scorer.index.postingCount) }

    /// The best candidates for `text`; with `explain`, each with its contributions and how its
    /// confidence was made.
    public func match(_ text: String, explain: Bool = false) -> MatchResult {
        let text = truncated(text)
        let keys = Tokenizer.keys(of: text, options: options.tokenizer)
        let evidence = scorer.evidence(keys: keys, text: text)
        let ranked = evidence.ranked(count: options.candidateCount)
        let terms = explain ? distinctTerms(text) : []
        let termScale =
            explain
            ? EntryScorer.termScales(
                counts: evidence.termCounts, familyWeights: scorer.familyWeights, prior: options.evidencePrior)
            : SIMD4<Float>()
        // The top candidate's confidence is the calibrator's; it reads the terms alone (patterns
        // weigh in through the calibrator), against the best term score among the others.
        var features: ConfidenceFeatures? = nil
        var topConfidence = 0.0
        var topPatternWeight = 0.0
        if let top = ranked.first {
            let computed = ConfidenceFeatures(
                evidence: evidence, entry: top, rivalScore: evidence.bestTermScore(excluding: top),
                coverage: scorer.coverage(of: top, unigrams: evidence.unigrams))
            topPatternWeight = evidence.patternWeight(top)
            topConfidence = calibrator.probability(computed, patternWeight: topPatternWeight)
            features = computed
        }
        let candidates = ranked.enumerated().map { position, entry in
            // The calibrator is learned on best-ranked candidates; a lower one gets the top's
            // confidence in proportion to its score, so confidences follow the ranking.
            let isTop = position == 0
            let confidence =
                isTop ? topConfidence : topConfidence * Double(evidence.scores[entry] / evidence.scores[ranked[0]])
            return Candidate(
                intent: base.entries[entry].id, entryIndex: entry, confidence: confidence,
                score: Double(evidence.scores[entry]), features: isTop ? features : nil,
                contributions: explain
                    ? explanation(
                        terms, entry: entry, termScale: termScale, patterns: evidence.patternHits[entry] ?? []) : [],
                calibration: explain && isTop
                    ? features.map { calibrator.breakdown($0, patternWeight: topPatternWeight) } : nil)
        }
        // Terms that are evidence for no entry (character n-grams aside: they are parts of words).
        let unknown = terms.filter { $0.term.family != .chargram && !scorer.index.contains($0.key) }.map(\.term)
        return MatchResult(candidates: candidates, unknownTerms: unknown)
    }

    /// The blended score (as `Candidate.score`) of each of `entries` (indices into the base's
    /// entries) for `text`: 0 for an entry that the text gives no evidence for.
    public func scores(_ text: String, entries: [Int]) -> [Double] {
        let text = truncated(text)
        let evidence = scorer.evidence(keys: Tokenizer.keys(of: text, options: options.tokenizer), text: text)
        return entries.map { evidence.scores.indices.contains($0) ? Double(evidence.scores[$0]) : 0 }
    }

    /// `text`, cut to `maximumMessageLength` scalars.
    private func truncated(_ text: String) -> String { Self.cut(text, to: options.maximumMessageLength) }

    /// The first `limit` Unicode scalars of `text` (all of it when shorter), in time that does
    /// not grow with the rest of `text`.
    public static func cut(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit else { return text }  // fewer bytes than the limit: fewer scalars too
        let scalars = text.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex) else {
            return text
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[..<end])
        return String(view)
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
        _ terms: [(term: Term, key: TermKey)], entry: Int, termScale: SIMD4<Float>, patterns: [SourcePattern]
    ) -> [Contribution] {
        var contributions: [Contribution] = []
        for (term, key) in terms {
            let weight = scorer.index.weight(key, entry: entry) * termScale[term.family.rawValue]
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
