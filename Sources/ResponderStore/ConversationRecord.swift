import Foundation
import ResponderCore

/// One turn of a conversation as the ledger holds it: a customer message (with what the bot
/// did with it) or an agent's reply.
public struct StoredTurn: Sendable, Equatable {
    /// Who wrote it.
    public enum Author: String, Sendable {
        /// The customer; the bot's reply is described by `decision`, `intent` and `options`.
        case customer
        /// An agent replying to a work order.
        case agent
    }

    /// Who wrote it.
    public let author: Author
    /// When the customer's message arrived, or when the agent replied.
    public let at: Date
    /// What they wrote (redacted when redaction is on); nil for a customer message recorded
    /// before the ledger kept every message's text.
    public let text: String?
    /// The agent, for an agent's reply.
    public let agent: String?
    /// What the bot did with a customer message.
    public let decision: Decision?
    /// The entry the bot answered (or, unanswered, the best candidate).
    public let intent: String?
    /// The options the bot offered, for a clarification.
    public let options: [ClarifyOption]
    /// The locale the bot replied in.
    public let locale: String?
    /// How long the bot took, in microseconds.
    public let latencyMicroseconds: Int?
    /// The work order the message opened or joined, or the agent replied to.
    public let workOrder: WorkOrderID?
    /// What the conversation made of a customer message.
    public let turn: ConversationTurn
}

/// Where a conversation stands, as the store records it.
public struct ConversationRecord: Sendable, Equatable {
    /// The conversation's work orders, oldest first.
    public let workOrders: [WorkOrder]
    /// Its turns, oldest first (the latest ones, when there are more than asked for).
    public let turns: [StoredTurn]
    /// When its latest customer message arrived; nil when it has none.
    public let lastMessageAt: Date?
}
