import ResponderStore

/// A CSAT score that was recorded.
public struct RatingOutcome: Sendable, Encodable {
    /// What was rated.
    public let target: RatingTarget
    /// The score, 1-5.
    public let score: Int

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NamedKey.self)
        switch target {
        case .conversation(let conversation): try container.encode(conversation, forKey: "conversation")
        case .workOrder(let id): try container.encode(id.description, forKey: "work_order")
        }
        try container.encode(score, forKey: "score")
    }
}
