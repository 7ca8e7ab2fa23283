import Foundation
import ResponderCore

/// One customer message of a period as the assessment template sees it: what the bot did, who
/// responded and how fast, its work order and its rating.
public struct MessageRecord: Sendable, Equatable {
    /// The ledger row's id.
    public let ledgerID: Int64
    /// When it arrived.
    public let receivedAt: Date
    /// The conversation (as stored: pseudonymised where it holds personal data).
    public let conversation: String
    /// The channel it came from.
    public let channel: String
    /// What the bot did.
    public let decision: Decision
    /// It joined its conversation's open work order (a follow-up; no first response of its own).
    public let joined: Bool
    /// The answered entry, or the best candidate of one that was not answered.
    public let intent: String?
    /// The bot's time, in microseconds.
    public let latencyMicroseconds: Int
    /// The work order it opened or joined.
    public let workOrder: WorkOrderID?
    /// It opened that work order.
    public let opened: Bool
    /// The work order's group and routing reason.
    public let group: String?
    /// See `group`.
    public let routingReason: String?
    /// The work order's status now.
    public let status: WorkOrderStatus?
    /// When the work order was resolved, if it is.
    public let resolvedAt: Date?
    /// When the work order's first response is due.
    public let slaDue: Date?
    /// Seconds from the message to its response: the bot's for its answers and clarifications,
    /// else to the work order's next agent reply; nil while no agent has replied.
    public let responseSeconds: Double?
    /// The agent who gave that response; nil for the bot's.
    public let responder: String?
    /// The latest CSAT rating (1-5) of the message, if any.
    public let rating: Int?
    /// For a message that opened a work order, seconds from its creation to its first agent
    /// reply (the work order's first response, as the report counts it), nil while none; for
    /// an answer that also escalated, that is not the message's response (the bot's is).
    public let firstAgentReplySeconds: Double?
    /// The customer's text as stored (redacted); nil unless asked for.
    public var text: String?

    /// Whether the bot responded (an answer or a clarification), rather than a person.
    public var isBotResponse: Bool { decision == .answer || decision == .clarify }

    /// Answered by the bot without a work order.
    public var isAutomated: Bool { decision == .answer && workOrder == nil }

    /// Its problem type: the entry for an answered message, the group and routing reason for
    /// one a person handles, the best candidate for a clarification.
    public var problemType: String {
        if decision == .answer, let intent { return intent }
        if let group { return "\(group) (\(routingReason ?? "routed"))" }
        return intent.map { "\($0) (clarified)" } ?? "unmatched"
    }

    /// Resolved: answered by the bot alone, or its work order is resolved.
    public var isResolved: Bool { isAutomated || status == .resolved }

    /// Creates a record.
    public init(
        ledgerID: Int64, receivedAt: Date, conversation: String, channel: String, decision: Decision, joined: Bool,
        intent: String?,
        latencyMicroseconds: Int, workOrder: WorkOrderID?, opened: Bool, group: String?, routingReason: String?,
        status: WorkOrderStatus?, resolvedAt: Date?, slaDue: Date?, responseSeconds: Double?, responder: String?,
        rating: Int?, firstAgentReplySeconds: Double? = nil, text: String?
    ) {
        self.ledgerID = ledgerID
        self.receivedAt = receivedAt
        self.conversation = conversation
        self.channel = channel
        self.decision = decision
        self.joined = joined
        self.intent = intent
        self.latencyMicroseconds = latencyMicroseconds
        self.workOrder = workOrder
        self.opened = opened
        self.group = group
        self.routingReason = routingReason
        self.status = status
        self.resolvedAt = resolvedAt
        self.slaDue = slaDue
        self.responseSeconds = responseSeconds
        self.responder = responder
        self.rating = rating
        self.firstAgentReplySeconds = firstAgentReplySeconds
        self.text = text
    }
}
