import Foundation
import ResponderCore

/// One customer message of a period as the assessment template sees it: what the bot did, who
/// responded and how fast, its work order and its rating.
public struct MessageRecord: Sendable, Equatable {
    /// The ledger row's id.
    public let ledgerID: Int64
    /// When it arrived.
    public let receivedAt: Date
    /// The conversation (as stored: pseudonymised where it holds personal data); nil unless
    /// asked for, as the text.
    public var conversation: String?
    /// The channel it came from.
    public let channel: String
    /// What the bot did.
    public let decision: Decision
    /// It joined its conversation's open work order (a follow-up; no first response of its own).
    public let joined: Bool
    /// It answered a clarification by picking one of its options ("2", "the second one"): what
    /// it means depends on the conversation.
    public let picked: Bool
    /// The answered entry, or the best candidate of one that was not answered.
    public let intent: String?
    /// The bot's time, in microseconds.
    public let latencyMicroseconds: Int
    /// The work order it opened or joined.
    public let workOrder: WorkOrderID?
    /// It opened that work order.
    public let opened: Bool
    /// The work order's group and routing reason.
    public internal(set) var group: String?
    /// See `group`.
    public internal(set) var routingReason: String?
    /// The work order's status now.
    public internal(set) var status: WorkOrderStatus?
    /// When the work order's first response is due.
    public internal(set) var slaDue: Date?
    /// Seconds from the message to its response: the bot's for its answers and clarifications,
    /// else to the work order's next agent reply; nil while no agent has replied.
    public let responseSeconds: Double?
    /// The agent who gave that response; nil for the bot's.
    public let responder: String?
    /// The latest CSAT rating (1-5) of the message, if any.
    public let rating: Int?
    /// That rating was given through the work order the message opened (`rate --work-order`).
    public let ratingTargetsWorkOrder: Bool
    /// For a message that opened a work order, seconds from its creation to its first agent
    /// reply (the work order's first response, as the report counts it), nil while none; for
    /// an answer that also escalated, that is not the message's response (the bot's is).
    public internal(set) var firstAgentReplySeconds: Double?
    /// The customer's text as stored (redacted); nil unless asked for (`withText`; a dashboard's
    /// cases have theirs).
    public var text: String?

    /// Whether the bot responded (an answer or a clarification), rather than a person.
    public var isBotResponse: Bool { decision == .answer || decision == .clarify }

    /// Escalated or handed off to a work order: its response is an agent's.
    public var waitsForAgent: Bool { (decision == .escalate || decision == .handoff) && workOrder != nil }

    /// Answered by the bot without a work order.
    public var isAutomated: Bool { decision == .answer && workOrder == nil }

    /// Its problem type: the entry for an answered message, the group and routing reason for
    /// one a person handles, the best candidate for a clarification.
    public var problemType: String { problemTypeKey.name }

    /// What `problemType` is made of, to group by without building its text for every message.
    var problemTypeKey: ProblemType {
        if decision == .answer, let intent { return .entry(intent) }
        if let group { return .routed(group: group, reason: routingReason) }
        return intent.map(ProblemType.clarified) ?? .unmatched
    }

    /// A problem type: the entry answered, the group and reason routed to, the candidate clarified.
    enum ProblemType: Hashable {
        case entry(String)
        case routed(group: String, reason: String?)
        case clarified(String)
        case unmatched

        var name: String {
            switch self {
            case .entry(let intent): intent
            case .routed(let group, let reason): "\(group) (\(reason ?? "routed"))"
            case .clarified(let intent): "\(intent) (clarified)"
            case .unmatched: "unmatched"
            }
        }
    }

    /// Resolved: answered by the bot alone, or its work order is resolved.
    public var isResolved: Bool { isAutomated || status == .resolved }

    /// Creates a record.
    public init(
        ledgerID: Int64, receivedAt: Date, conversation: String?, channel: String, decision: Decision, joined: Bool,
        picked: Bool = false,
        intent: String?,
        latencyMicroseconds: Int, workOrder: WorkOrderID?, opened: Bool, group: String?, routingReason: String?,
        status: WorkOrderStatus?, slaDue: Date?, responseSeconds: Double?, responder: String?,
        rating: Int?, ratingTargetsWorkOrder: Bool = false, firstAgentReplySeconds: Double? = nil, text: String?
    ) {
        self.ledgerID = ledgerID
        self.receivedAt = receivedAt
        self.conversation = conversation
        self.channel = channel
        self.decision = decision
        self.joined = joined
        self.picked = picked
        self.intent = intent
        self.latencyMicroseconds = latencyMicroseconds
        self.workOrder = workOrder
        self.opened = opened
        self.group = group
        self.routingReason = routingReason
        self.status = status
        self.slaDue = slaDue
        self.responseSeconds = responseSeconds
        self.responder = responder
        self.rating = rating
        self.ratingTargetsWorkOrder = ratingTargetsWorkOrder
        self.firstAgentReplySeconds = firstAgentReplySeconds
        self.text = text
    }
}
