import Foundation

/// Turns a candidate's `ConfidenceFeatures` into the probability that it is the right answer:
/// logistic regression, `1 / (1 + exp(-(bias + Σ weight_i × feature_i + patternLogit × p)))`, where
/// p is the summed weight of the candidate's patterns that matched.
///
/// Each knowledge base learns its own weights when it loads (`ConfidenceTraining`), from its own
/// questions, so the same `answer_threshold` means the same thing on every base. A base too small
/// to learn from gets `standard`, weights measured on several public intent sets.
public struct ConfidenceCalibrator: Sendable, Equatable {
    /// Where a calibrator's weights come from.
    public enum Origin: String, Sendable {
        /// Learned from the base's own questions.
        case trained
        /// `ConfidenceCalibrator.standard`: the base is too small to learn its own.
        case standard
    }

    /// The constant term of the logit.
    public let bias: Double
    /// One weight per feature, in the order of `ConfidenceFeatures.names`.
    public let weights: [Double]
    /// What a matching pattern of weight 1 adds to the logit: the author's word is strong
    /// evidence (3 multiplies the odds by 20), and it is not learned, since patterns are written
    /// to match the base's own questions.
    public let patternLogit: Double
    /// How the weights were obtained.
    public let origin: Origin

    /// Creates a calibrator from its coefficients.
    public init(bias: Double, weights: [Double], patternLogit: Double = 3, origin: Origin) {
        precondition(weights.count == ConfidenceFeatures.names.count, "one weight per feature")
        self.bias = bias
        self.weights = weights
        self.patternLogit = patternLogit
        self.origin = origin
    }

    /// The calibrator of a base too small to learn its own (fewer than
    /// `ConfidenceTraining.minimumExamples` held-out questions of each kind), and the weights every
    /// base's own are pulled towards: about what small bases (the support sets: some twenty
    /// intents of ten to twenty questions) learn.
    public static let standard = ConfidenceCalibrator(
        bias: -3.0, weights: [2.5, 1.2, -2.0, -0.8, 0.5, 0.6], origin: .standard)

    /// The logit (log-odds that the candidate is right) for `features` and a candidate whose
    /// matching patterns weigh `patternWeight` in all.
    public func logit(_ features: ConfidenceFeatures, patternWeight: Double = 0) -> Double {
        var total = bias + patternLogit * patternWeight
        for (weight, value) in zip(weights, features.values) { total += weight * value }
        return total
    }

    /// The probability, in [0, 1], that the candidate with `features` is the right answer.
    public func probability(_ features: ConfidenceFeatures, patternWeight: Double = 0) -> Double {
        ConfidenceCalibrator.sigmoid(logit(features, patternWeight: patternWeight))
    }

    /// How the confidence of `features` was made: each feature's value and share of the logit,
    /// the matching patterns last.
    public func breakdown(_ features: ConfidenceFeatures, patternWeight: Double = 0) -> ConfidenceBreakdown {
        ConfidenceBreakdown(
            bias: bias,
            terms: zip(ConfidenceFeatures.names, zip(features.values, weights)).map { name, pair in
                ConfidenceBreakdown.Term(name: name, value: pair.0, weight: pair.1)
            } + [ConfidenceBreakdown.Term(name: "pattern", value: patternWeight, weight: patternLogit)],
            origin: origin)
    }

    static func sigmoid(_ value: Double) -> Double {
        value >= 0 ? 1 / (1 + exp(-value)) : exp(value) / (1 + exp(value))
    }
}

/// How one confidence was computed from the features: what `ask --explain` shows.
public struct ConfidenceBreakdown: Sendable, Equatable {
    /// One feature's part.
    public struct Term: Sendable, Equatable {
        /// The feature's name (see `ConfidenceFeatures.names`).
        public let name: String
        /// Its value for this candidate.
        public let value: Double
        /// Its learned weight.
        public let weight: Double
        /// Its share of the logit: `value × weight`.
        public var contribution: Double { value * weight }
    }

    /// The constant term of the logit.
    public let bias: Double
    /// Each feature's part, in the order of `ConfidenceFeatures.names`, then the patterns'.
    public let terms: [Term]
    /// Whether the weights were learned from this base or standard.
    public let origin: ConfidenceCalibrator.Origin

    /// The log-odds: the bias plus every contribution.
    public var logit: Double { terms.reduce(bias) { $0 + $1.contribution } }
    /// The confidence: the logistic function of the logit.
    public var confidence: Double { ConfidenceCalibrator.sigmoid(logit) }
}
