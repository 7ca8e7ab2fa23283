import Foundation

/// What a candidate's confidence is computed from: how strong its evidence is, how far ahead of
/// the rest it is, and how much of the message the base knows at all.
///
/// The raw score alone does not mean the same on every base (it depends on how many entries and
/// questions share a message's words), so the calibrator reads it together with the margin to the
/// best rival, the share of the message's words and word pairs the base has never seen, the share
/// of its words that speak for this entry, and the length. All of them are read from the terms
/// alone: a matching pattern is the author's word, added by the calibrator on top (patterns are
/// written to match the base's own questions, so held-out questions cannot show what they are worth).
public struct ConfidenceFeatures: Sendable, Equatable {
    /// The features' names, in the order of `values`: what `--explain` and docs show.
    public static let names = ["score", "margin", "unknown_words", "unknown_pairs", "coverage", "length"]

    /// The direction each feature may push the confidence: +1 up only, -1 down only, 0 either.
    /// A stronger score, a wider margin or more of the message speaking for
    /// the entry never make it less likely to be right; more unseen words never more likely.
    static let signs = [1, 1, -1, -1, 1, 0]

    /// The values, in the order of `names`.
    public let values: [Double]

    /// Creates features from their values (in the order of `names`).
    public init(values: [Double]) {
        precondition(values.count == ConfidenceFeatures.names.count, "one value per feature")
        self.values = values
    }

    /// The features of candidate `entry` for a message whose evidence is `evidence`.
    /// - Parameters:
    ///   - rivalScore: the best term score among the other entries (0 when there is none).
    ///   - coverage: the share of the message's unigrams with positive weight for `entry`.
    init(evidence: Evidence, entry: Int, rivalScore: Double, coverage: Double) {
        let score = evidence.termScore(entry)
        let words = evidence.termCounts[TermFamily.unigram.rawValue]
        values = [
            score,
            score - Swift.max(rivalScore, 0),
            ConfidenceFeatures.unknownShare(evidence, .unigram),
            ConfidenceFeatures.unknownShare(evidence, .bigram),
            coverage,
            log(1 + Double(words)),
        ]
    }

    /// The share of the message's terms of `family` that no entry uses (1 when it has none).
    private static func unknownShare(_ evidence: Evidence, _ family: TermFamily) -> Double {
        let count = evidence.termCounts[family.rawValue]
        guard count > 0 else { return 1 }
        return Double(count - evidence.knownCounts[family.rawValue]) / Double(count)
    }
}
