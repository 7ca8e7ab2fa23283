import Foundation
import ResponderCore

/// One customer message of a period as the assessment template sees it: what the bot did, who
/// responded and how fast, its work order and its rating.
///
/// A report holds one for every message of its period (a million over a big store), so it is
/// kept small: what its work order says lives in one object that the messages of that work order
/// share, its texts in another that is there only when asked for, and optional numbers are kept
/// with a value that cannot occur standing for none. Copying one costs a few reference counts.
public struct MessageRecord: Sendable {
    /// The ledger row's id.
    public let ledgerID: Int64
    /// When it arrived.
    public let receivedAt: Date
    /// The bot's time, in microseconds.
    public let latencyMicroseconds: Int
    /// The channel it came from.
    public let channel: String
    /// The answered entry, or the best candidate of one that was not answered.
    public let intent: String?
    /// The agent who gave the response; nil for the bot's.
    public let responder: String?
    /// Its work order's facts, shared by every message of that work order; nil without one.
    private var workOrderFacts: WorkOrderFacts.Facts?
    /// The conversation and the text; nil unless asked for.
    private var texts: Texts?
    /// `responseSeconds`, NaN for none.
    private let storedResponseSeconds: Double
    /// `workOrder`'s number, `Int64.min` for none.
    private let workOrderNumber: Int64
    /// `rating`, `Int32.min` for none.
    private let storedRating: Int32
    /// What the bot did.
    public let decision: Decision
    /// It joined its conversation's open work order (a follow-up; no first response of its own).
    public let joined: Bool
    /// It answered a clarification by picking one of its options ("2", "the second one"): what
    /// it means depends on the conversation.
    public let picked: Bool
    /// It opened its work order.
    public let opened: Bool
    /// That rating was given through the work order the message opened (`rate --work-order`).
    public let ratingTargetsWorkOrder: Bool

    /// The conversation (as stored: pseudonymised where it holds personal data); nil unless
    /// asked for, as the text.
    public var conversation: String? {
        get { texts?.conversation }
        set { texts = Texts(conversation: newValue, text: texts?.text) }
    }

    /// The customer's text as stored (redacted); nil unless asked for (`withText`; a dashboard's
    /// cases have theirs).
    public var text: String? {
        get { texts?.text }
        set { texts = Texts(conversation: texts?.conversation, text: newValue) }
    }

    /// The work order it opened or joined.
    public var workOrder: WorkOrderID? { workOrderNumber == Int64.min ? nil : WorkOrderID(workOrderNumber) }
    /// The work order's group.
    public var group: String? { workOrderFacts?.group }
    /// The work order's routing reason.
    public var routingReason: String? { workOrderFacts?.routingReason }
    /// The work order's status now.
    public var status: WorkOrderStatus? { workOrderFacts?.status }
    /// When the work order's first response is due.
    public var slaDue: Date? { workOrderFacts?.slaDue }
    /// Seconds from the message to its response: the bot's for its answers and clarifications,
    /// else to the work order's next agent reply; nil while no agent has replied.
    public var responseSeconds: Double? { storedResponseSeconds.isNaN ? nil : storedResponseSeconds }
    /// The latest CSAT rating (1-5) of the message, if any.
    public var rating: Int? { storedRating == Int32.min ? nil : Int(storedRating) }
    /// For a message that opened a work order, seconds from its creation to its first agent
    /// reply (the work order's first response, as the report counts it), nil while none; for
    /// an answer that also escalated, that is not the message's response (the bot's is).
    public var firstAgentReplySeconds: Double? { opened ? workOrderFacts?.firstResponseSeconds : nil }

    /// Creates a record. `group`, `routingReason`, `status` and `slaDue` are its work order's;
    /// `firstAgentReplySeconds` counts only for a record that `opened` it.
    public init(
        ledgerID: Int64, receivedAt: Date, conversation: String?, channel: String, decision: Decision, joined: Bool,
        picked: Bool = false,
        intent: String?,
        latencyMicroseconds: Int, workOrder: WorkOrderID?, opened: Bool, group: String?, routingReason: String?,
        status: WorkOrderStatus?, slaDue: Date?, responseSeconds: Double?, responder: String?,
        rating: Int?, ratingTargetsWorkOrder: Bool = false, firstAgentReplySeconds: Double? = nil, text: String?
    ) {
        let hasFacts =
            group != nil || routingReason != nil || status != nil || slaDue != nil || firstAgentReplySeconds != nil
        self.init(
            ledgerID: ledgerID, receivedAt: receivedAt, channel: channel, decision: decision, joined: joined,
            picked: picked, intent: intent, latencyMicroseconds: latencyMicroseconds,
            workOrderNumber: workOrder?.number, opened: opened, responseSeconds: responseSeconds,
            responder: responder, rating: rating, ratingTargetsWorkOrder: ratingTargetsWorkOrder,
            texts: conversation == nil && text == nil ? nil : Texts(conversation: conversation, text: text))
        if hasFacts {
            workOrderFacts = WorkOrderFacts.Facts(
                group: group, routingReason: routingReason, status: status, slaDue: slaDue,
                firstResponseSeconds: firstAgentReplySeconds)
        }
    }

    /// Creates a record as the store reads it: its work order's facts attached later.
    init(
        ledgerID: Int64, receivedAt: Date, channel: String, decision: Decision, joined: Bool, picked: Bool,
        intent: String?, latencyMicroseconds: Int, workOrderNumber: Int64?, opened: Bool, responseSeconds: Double?,
        responder: String?, rating: Int?, ratingTargetsWorkOrder: Bool, texts: Texts?
    ) {
        self.ledgerID = ledgerID
        self.receivedAt = receivedAt
        self.latencyMicroseconds = latencyMicroseconds
        self.channel = channel
        self.intent = intent
        self.responder = responder
        self.texts = texts
        storedResponseSeconds = responseSeconds ?? .nan
        self.workOrderNumber = workOrderNumber ?? Int64.min
        storedRating = rating.map { Int32(clamping: $0) } ?? Int32.min
        self.decision = decision
        self.joined = joined
        self.picked = picked
        self.opened = opened
        self.ratingTargetsWorkOrder = ratingTargetsWorkOrder
    }

    /// Gives it its work order's facts (shared with the other messages of that work order).
    mutating func attach(_ facts: WorkOrderFacts.Facts) {
        workOrderFacts = facts
    }

    /// A record's stored texts.
    final class Texts: Sendable {
        let conversation: String?
        let text: String?

        init(conversation: String?, text: String?) {
            self.conversation = conversation
            self.text = text
        }
    }

    /// Whether the bot responded (an answer or a clarification), rather than a person.
    public var isBotResponse: Bool { decision == .answer || decision == .clarify }

    /// Escalated or handed off to a work order: its response is an agent's.
    public var waitsForAgent: Bool {
        (decision == .escalate || decision == .handoff) && workOrderNumber != Int64.min
    }

    /// Answered by the bot without a work order.
    public var isAutomated: Bool { decision == .answer && workOrderNumber == Int64.min }

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
}

extension MessageRecord: Equatable {
    /// Equal when every public figure is: the facts and texts compared by value, not by object.
    public static func == (lhs: MessageRecord, rhs: MessageRecord) -> Bool {
        lhs.ledgerID == rhs.ledgerID && lhs.receivedAt == rhs.receivedAt
            && lhs.latencyMicroseconds == rhs.latencyMicroseconds && lhs.channel == rhs.channel
            && lhs.intent == rhs.intent && lhs.responder == rhs.responder && lhs.conversation == rhs.conversation
            && lhs.text == rhs.text && lhs.responseSeconds == rhs.responseSeconds && lhs.workOrder == rhs.workOrder
            && lhs.rating == rhs.rating && lhs.decision == rhs.decision && lhs.joined == rhs.joined
            && lhs.picked == rhs.picked && lhs.opened == rhs.opened
            && lhs.ratingTargetsWorkOrder == rhs.ratingTargetsWorkOrder && lhs.group == rhs.group
            && lhs.routingReason == rhs.routingReason && lhs.status == rhs.status && lhs.slaDue == rhs.slaDue
            && lhs.firstAgentReplySeconds == rhs.firstAgentReplySeconds
    }
}
