/// Precision, recall and F1 of one intent.
public struct IntentScore: Sendable, Equatable {
    /// The intent.
    public let intent: String
    /// Utterances labelled with it.
    public let support: Int
    /// Answered with it and right / answered with it.
    public let precision: Double
    /// Answered with it and right / labelled with it.
    public let recall: Double
    /// Harmonic mean of precision and recall.
    public let f1: Double
}

/// How often one intent was answered as another.
public struct Confusion: Sendable, Equatable {
    /// The labelled intent.
    public let expected: String
    /// The intent the engine answered with.
    public let answered: String
    /// How many times.
    public let count: Int
}

/// The figures of an evaluation under one decision policy.
public struct EvaluationReport: Sendable {
    /// The policy evaluated.
    public let policy: DecisionPolicy
    /// Labelled lines.
    public let lines: Int
    /// Lines with an intent.
    public let inScope: Int
    /// Lines without one.
    public let outOfScope: Int
    /// In-scope lines answered with their intent / in-scope lines.
    public let inScopeAccuracy: Double
    /// Out-of-scope lines not answered / out-of-scope lines (0 when there are none).
    public let outOfScopeRecall: Double
    /// Lines handled correctly (out of scope counted as its own class) / lines.
    public let accuracy: Double
    /// Lines escalated / lines.
    public let escalationRate: Double
    /// Lines clarified / lines.
    public let clarificationRate: Double
    /// The intents with the lowest F1, worst first.
    public let worstIntents: [IntentScore]
    /// The most frequent wrong answers, most frequent first.
    public let confusions: [Confusion]

    /// Scores `predictions` under `policy`, keeping `worst` intents and confusions.
    public init(predictions: [Prediction], policy: DecisionPolicy, worst: Int = 10) {
        self.policy = policy
        lines = predictions.count
        var inScope = 0
        var inScopeRight = 0
        var outOfScope = 0
        var outOfScopeRight = 0
        var escalated = 0
        var clarified = 0
        var labelled: [String: Int] = [:]
        var answeredAs: [String: Int] = [:]
        var right: [String: Int] = [:]
        var confused: [String: [String: Int]] = [:]
        for prediction in predictions {
            let decision = policy.decide(
                top: prediction.top == nil ? nil : prediction.topConfidence, runnerUp: prediction.runnerUpConfidence)
            if decision == .escalate { escalated += 1 }
            if decision == .clarify { clarified += 1 }
            let answered = decision == .answer ? prediction.top : nil
            if let answered { answeredAs[answered, default: 0] += 1 }
            guard let expected = prediction.expected else {
                outOfScope += 1
                if answered == nil { outOfScopeRight += 1 }
                continue
            }
            inScope += 1
            labelled[expected, default: 0] += 1
            if answered == expected {
                inScopeRight += 1
                right[expected, default: 0] += 1
            } else if let answered {
                confused[expected, default: [:]][answered, default: 0] += 1
            }
        }
        self.inScope = inScope
        self.outOfScope = outOfScope
        inScopeAccuracy = inScope == 0 ? 0 : Double(inScopeRight) / Double(inScope)
        outOfScopeRecall = outOfScope == 0 ? 0 : Double(outOfScopeRight) / Double(outOfScope)
        accuracy = lines == 0 ? 0 : Double(inScopeRight + outOfScopeRight) / Double(lines)
        escalationRate = lines == 0 ? 0 : Double(escalated) / Double(lines)
        clarificationRate = lines == 0 ? 0 : Double(clarified) / Double(lines)
        worstIntents = labelled.map { intent, support in
            let hits = Double(right[intent] ?? 0)
            let precision = answeredAs[intent].map { hits / Double($0) } ?? 0
            let recall = hits / Double(support)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return IntentScore(intent: intent, support: support, precision: precision, recall: recall, f1: f1)
        }
        .sorted { ($0.f1, $0.intent) < ($1.f1, $1.intent) }
        .prefix(worst).map { $0 }
        confusions = confused.flatMap { expected, answers in
            answers.map { Confusion(expected: expected, answered: $0.key, count: $0.value) }
        }
        .sorted { ($1.count, $0.expected, $0.answered) < ($0.count, $1.expected, $1.answered) }
        .prefix(worst).map { $0 }
    }
}
