/// When to answer, clarify or escalate.
public struct DecisionPolicy: Sendable, Equatable {
    /// The lowest confidence at which to answer.
    public var threshold: Double
    /// Clarify when the runner-up is within this of the top candidate; 0 never clarifies.
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
    public func decide(top: Double?, runnerUp: Double?) -> Decision {
        guard let top, top >= threshold else { return .escalate }
        if margin > 0, let runnerUp, top - runnerUp < margin { return .clarify }
        return .answer
    }
}
