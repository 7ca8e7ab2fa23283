/// The matcher's model settings. The defaults were chosen on CLINC150's validation split (see
/// `docs/matching.md`); a knowledge base does not need to change them.
public struct MatcherOptions: Sendable, Equatable {
    /// How text becomes terms.
    public var tokenizer: TokenizerOptions
    /// Additive smoothing for the per-entry term probabilities.
    public var smoothing: Double
    /// How much each term family counts in the blended score: unigram, bigram, chargram.
    public var familyWeights: [TermFamily: Double]
    /// Words of no evidence added to a message when averaging (a pseudo-count): the score of a
    /// message of n words (or CJK characters) is scaled by n / (n + evidencePrior), so a one-word
    /// message must carry much more evidence per word to be answered, and "yes" or "a" does not
    /// land on whichever entry happens to share a few letters with it.
    public var evidencePrior: Double = 2
    /// Score added by a matching pattern of weight 1, in the same units as the blended score.
    public var patternScore: Double
    /// Cross-validation folds used to learn the confidence calibrator when a base loads; fewer
    /// than 2 keeps `ConfidenceCalibrator.standard`.
    public var calibrationFolds = 4
    /// The share of customers' messages assumed to be out of scope when calibrating: the weight
    /// of the left-out entries' questions against the held-out questions of known entries.
    public var outOfScopeShare = 0.5
    /// L2 penalty of the calibrator's logistic regression (on standardised features).
    public var calibrationPenalty = 1.0
    /// How many candidates a result lists.
    public var candidateCount: Int
    /// Only the first this many characters (Unicode scalars) of a message are matched, so that a
    /// pasted novel costs no more than a long e-mail.
    public var maximumMessageLength = 4_000
    /// Margin-perceptron passes over the example questions after the log-odds weights; 0 for none.
    public var refinementEpochs: Int
    /// The score margin the refinement asks of each question's own entry over the best rival.
    public var refinementMargin: Double
    /// How far one refinement step moves a term's weight.
    public var refinementRate: Double
    /// The term families refinement adjusts; the others keep their log-odds weights.
    public var refinedFamilies: Set<TermFamily>
    /// A base of at most this many questions has its character n-grams refined too: on small
    /// bases that gains about a point of top-1 (15 questions per intent of HWU64: 0.786 -> 0.797)
    /// for little time, on CLINC150's 15,000 questions 0.3 points for a third more training.
    public var refineCharacterGramsUpTo = 5_000

    /// Creates options with the defaults.
    public init(
        tokenizer: TokenizerOptions = .standard, smoothing: Double = 0.5,
        familyWeights: [TermFamily: Double] = [.unigram: 1, .bigram: 1, .chargram: 2],
        patternScore: Double = 2, candidateCount: Int = 5,
        refinementEpochs: Int = 5, refinementMargin: Double = 2, refinementRate: Double = 10,
        refinedFamilies: Set<TermFamily> = [.unigram, .bigram]
    ) {
        self.refinementEpochs = refinementEpochs
        self.refinementMargin = refinementMargin
        self.refinementRate = refinementRate
        self.refinedFamilies = refinedFamilies
        self.tokenizer = tokenizer
        self.smoothing = smoothing
        self.familyWeights = familyWeights
        self.patternScore = patternScore
        self.candidateCount = candidateCount
    }

    /// The defaults.
    public static let standard = MatcherOptions()

    /// These options as they apply to a base of `questions` example questions: small bases have
    /// their character n-grams refined too (see `refineCharacterGramsUpTo`). The decision is
    /// final: applying the result again, e.g. to a part of the base, changes nothing.
    func forBase(questions: Int) -> MatcherOptions {
        var options = self
        if questions <= refineCharacterGramsUpTo, refinedFamilies.contains(.unigram) {
            options.refinedFamilies.insert(.chargram)
        }
        options.refineCharacterGramsUpTo = -1
        return options
    }

    /// Every setting that changes what training produces, as text in a fixed order (dictionaries
    /// and sets sorted, since their own order changes from process to process): part of a
    /// trained model's cache key. How many candidates are listed is left out.
    var trainingFingerprint: String {
        let families = TermFamily.allCases
        return [
            "chargrams \(tokenizer.charGramLengths.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "none")",
            "number \(tokenizer.numberPlaceholderLength)", "smoothing \(smoothing)",
            "families \(families.map { "\(familyWeights[$0] ?? 0)" }.joined(separator: ","))",
            "prior \(evidencePrior)", "pattern \(patternScore)", "length \(maximumMessageLength)",
            "refinement \(refinementEpochs) \(refinementMargin) \(refinementRate)",
            "refined \(families.filter(refinedFamilies.contains).map(\.name).joined(separator: ","))",
            "calibration \(calibrationFolds) \(outOfScopeShare) \(calibrationPenalty)",
            "chargram refinement up to \(refineCharacterGramsUpTo)",
        ].joined(separator: "; ")
    }
}
