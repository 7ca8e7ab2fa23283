/// The matcher's view of one labelled utterance: enough to re-decide it under any policy.
public struct Prediction: Sendable, Equatable {
    /// The expected intent; nil for out of scope.
    public let expected: String?
    /// The top candidate's intent, if any.
    public let top: String?
    /// The top candidate's confidence (0 when none).
    public let topConfidence: Double
    /// The runner-up's confidence, if any.
    public let runnerUpConfidence: Double?

    /// Creates a prediction.
    public init(expected: String?, top: String?, topConfidence: Double, runnerUpConfidence: Double?) {
        self.expected = expected
        self.top = top
        self.topConfidence = topConfidence
        self.runnerUpConfidence = runnerUpConfidence
    }

    /// What the engine would answer with under `policy`: the intent, or nil when it would not answer.
    public func answered(under policy: DecisionPolicy) -> String? {
        policy.decide(top: top == nil ? nil : topConfidence, runnerUp: runnerUpConfidence) == .answer ? top : nil
    }

    /// Whether the engine does the right thing under `policy`: answers with the expected intent,
    /// or, for an out-of-scope utterance, does not answer.
    public func isCorrect(under policy: DecisionPolicy) -> Bool {
        answered(under: policy) == expected
    }
}
