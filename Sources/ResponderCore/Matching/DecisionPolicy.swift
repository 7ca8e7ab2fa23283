/// When to answer, clarify or escalate.
public struct DecisionPolicy: Sendable, Equatable {
    /// The lowest confidence at which to answer.
    public var threshold: Double
    /// Clarify when the runner-up's confidence is within this share of the top candidate's (0.05:
    /// within 5%) and the two together reach the threshold; 0 never clarifies.
    public var margin: Double

    /// Creates a policy.
    public init(threshold: Double, margin: Double) {
        self.threshold = threshold
        self.margin = margin
    }

    /// The policy in a base's settings.
    public init(_ settings: Settings) {
        self.init(threshold: settings.answerThreshold, margin: settings.ambiguityMargin)
    }

    /// The decision for ranked candidates.
    public func decide(_ candidates: [Candidate]) -> Decision {
        decide(top: candidates.first?.confidence, runnerUp: candidates.dropFirst().first?.confidence)
    }

    /// The decision for the top two confidences (nil when there is no such candidate).
    ///
    /// Answer when the top confidence reaches the threshold and the runner-up is not within the
    /// margin (a share of the top confidence: 0.05 means within 5% of it). When the runner-up is
    /// within the margin, clarify if the two together reach the threshold (the customer most
    /// likely means one of them, though neither alone is sure enough); escalate otherwise.
    public func decide(top: Double?, runnerUp: Double?) -> Decision {
        guard let top else { return .escalate }
        if margin > 0, let runnerUp, top - runnerUp < margin * top {
            return top + runnerUp >= threshold ? .clarify : .escalate
        }
        return top >= threshold ? .answer : .escalate
    }
}
