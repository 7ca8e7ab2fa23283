/// What the engine does with a message.
public enum Decision: String, Sendable, Codable, CaseIterable {
    /// Confident: reply with the top entry's answer.
    case answer
    /// Two entries are too close: ask the customer which one they mean.
    case clarify
    /// Not confident: hand the message to a human.
    case escalate
    /// The conversation is with a person (it has an unresolved work order, or the bot failed
    /// several times in a row): the message goes to them, not to the matcher's answer. Only
    /// the conversation decides this, never the matcher alone.
    case handoff
}

/// How much one term or pattern added to a candidate's score.
public struct Contribution: Sendable, Equatable {
    /// What contributed.
    public enum Source: Sendable, Equatable {
        /// A term of the message.
        case term(Term)
        /// A pattern of the entry, with where it is written.
        case pattern(String, SourceLocation)
    }

    /// What contributed.
    public let source: Source
    /// Its share of the blended score.
    public let score: Double
}

/// One entry the message might be about.
public struct Candidate: Sendable {
    /// The entry's id (the intent).
    public let intent: String
    /// Index into the knowledge base's entries.
    public let entryIndex: Int
    /// For the top candidate, the probability, in [0, 1], that it is the right answer (calibrated
    /// per base); for the others, the top's confidence times their score over the top's.
    public let confidence: Double
    /// The blended score the candidates are ranked by (its scale depends on the base).
    public let score: Double
    /// What the confidence was computed from (the top candidate only).
    public let features: ConfidenceFeatures?
    /// Each matched term's and pattern's contribution, largest first (only when explaining).
    public let contributions: [Contribution]
    /// How the confidence was made from the features (only for the top candidate, when explaining).
    public let calibration: ConfidenceBreakdown?
}

/// The matcher's result for one message.
public struct MatchResult: Sendable {
    /// The best candidates, most confident first.
    public let candidates: [Candidate]
    /// Terms of the message that no entry has ever used (only when explaining).
    public let unknownTerms: [Term]

    /// The top candidate, if any.
    public var top: Candidate? { candidates.first }
}
