import Foundation
import ResponderCore

/// A customer message the engine has handled, as the ledger records it.
public struct HandledMessage: Sendable {
    /// The conversation it belongs to.
    public var conversation: String
    /// The customer, if the front end said (redacted before storing).
    public var customer: String?
    /// The channel it came from.
    public var channel: String
    /// The customer's text (redacted before storing): kept in the ledger for every customer
    /// message, answered, clarified or escalated, so that any reply can be reviewed, and on its
    /// work order when it opens one.
    public var text: String
    /// The locale the engine replied in.
    public var locale: String?
    /// When the engine read it.
    public var receivedAt: Date
    /// How long the engine took to reply, in microseconds.
    public var latencyMicroseconds: Int
    /// What the engine did.
    public var decision: Decision
    /// The best candidate, answered or not, and its confidence (0 when there was none).
    public var intent: String?
    /// The best candidate's confidence.
    public var confidence: Double
    /// The candidates, best first (kept in the ledger, and on the work order).
    public var candidates: [CandidateScore]
    /// For a clarify, the entries offered, each with its question (kept in the ledger); empty
    /// otherwise.
    public var options: [ClarifyOption]
    /// The knowledge-base version that handled it.
    public var knowledgeBaseVersion: String
    /// Test traffic: stored, but left out of reports.
    public var isTest: Bool
    /// The front end's id for this message; a message recorded again with the same key in the
    /// same conversation is recognised as a retry and not counted twice.
    public var messageKey: String?
    /// Set when the message opens a work order.
    public var escalation: Escalation?
    /// What the conversation made of it: `joined` records it on the conversation's open work
    /// order (and sends that back to its agent if they had replied).
    public var turn: ConversationTurn
    /// For a message joining an open work order: the priority the work order is raised to.
    public var raisedPriority: Priority?

    /// Creates a record of a handled message.
    public init(
        conversation: String, customer: String? = nil, channel: String, text: String, locale: String? = nil,
        receivedAt: Date, latencyMicroseconds: Int, decision: Decision, intent: String?, confidence: Double,
        candidates: [CandidateScore] = [], options: [ClarifyOption] = [], knowledgeBaseVersion: String,
        isTest: Bool = false, messageKey: String? = nil, escalation: Escalation? = nil,
        turn: ConversationTurn = .matched, raisedPriority: Priority? = nil
    ) {
        self.conversation = conversation
        self.customer = customer
        self.channel = channel
        self.text = text
        self.locale = locale
        self.receivedAt = receivedAt
        self.latencyMicroseconds = latencyMicroseconds
        self.decision = decision
        self.intent = intent
        self.confidence = confidence
        self.candidates = candidates
        self.options = options
        self.knowledgeBaseVersion = knowledgeBaseVersion
        self.isTest = isTest
        self.messageKey = messageKey
        self.escalation = escalation
        self.turn = turn
        self.raisedPriority = raisedPriority
    }
}

/// A customer message as the ledger recorded it: enough for a retry to get the first outcome
/// in full.
public struct StoredMessage: Sendable, Equatable {
    /// The ledger row's id.
    public let ledgerID: Int64
    /// The customer's text as stored (redacted when redaction is on); nil for a message recorded
    /// before the ledger kept every message's text.
    public let text: String?
    /// What the engine did.
    public let decision: Decision
    /// The best candidate then.
    public let intent: String?
    /// Its confidence.
    public let confidence: Double
    /// The candidates, best first; empty for a message recorded before the ledger kept them.
    public let candidates: [CandidateScore]
    /// For a clarify, the entries offered with their questions; empty otherwise.
    public let options: [ClarifyOption]
    /// The locale the engine replied in.
    public let locale: String?
    /// How long the engine took.
    public let latencyMicroseconds: Int
    /// The work order it opened (or joined), as it is now.
    public let workOrder: WorkOrder?
    /// What the conversation made of it.
    public let turn: ConversationTurn
    /// The conversation's unresolved work order now, if any.
    public let conversationWorkOrder: WorkOrder?
}

/// What recording a message did.
public struct RecordedMessage: Sendable, Equatable {
    /// The ledger row's id.
    public let ledgerID: Int64
    /// The work order it opened or joined (or, for a retry, had), if any.
    public let workOrder: WorkOrder?
    /// True when the message had been recorded before under the same key: nothing new was written.
    public let isDuplicate: Bool
    /// The conversation's unresolved work order after the message (the one it opened or joined,
    /// or one it left alone, as when it answered a clarification), if any.
    public var conversationWorkOrder: WorkOrder?

    /// A record.
    public init(ledgerID: Int64, workOrder: WorkOrder?, isDuplicate: Bool, conversationWorkOrder: WorkOrder? = nil) {
        self.ledgerID = ledgerID
        self.workOrder = workOrder
        self.isDuplicate = isDuplicate
        self.conversationWorkOrder = conversationWorkOrder ?? workOrder.flatMap { $0.status == .resolved ? nil : $0 }
    }
}

extension HandledMessage {
    /// The record of `outcome`, the engine's handling of `text`.
    public init(
        _ outcome: TriageOutcome, text: String, conversation: String, customer: String? = nil, channel: String,
        receivedAt: Date, latencyMicroseconds: Int, knowledgeBaseVersion: String, isTest: Bool = false,
        messageKey: String? = nil
    ) {
        let reply = outcome.reply
        self.init(
            conversation: conversation, customer: customer, channel: channel, text: text, locale: reply.locale,
            receivedAt: receivedAt, latencyMicroseconds: latencyMicroseconds, decision: reply.decision,
            intent: reply.intent ?? reply.match.top?.intent, confidence: reply.confidence,
            candidates: reply.match.candidates.map { CandidateScore(intent: $0.intent, confidence: $0.confidence) },
            options: reply.options.map { ClarifyOption(intent: $0.intent, question: $0.question) },
            knowledgeBaseVersion: knowledgeBaseVersion, isTest: isTest, messageKey: messageKey,
            escalation: outcome.escalation, turn: outcome.turn, raisedPriority: outcome.raisedPriority)
    }
}

extension Triage {
    /// Handles `text`, received at `receivedAt`, as a customer message: the outcome, and the
    /// ledger's record of it, its latency counted from `startedAt` (when the message was taken
    /// in) to the decision.
    public func handle(
        _ text: String, locale: String? = nil, conversation: String, customer: String? = nil, channel: String,
        isTest: Bool = false, messageKey: String? = nil, receivedAt: Date = Date(),
        startedAt: ContinuousClock.Instant = .now, explain: Bool = false
    ) -> (outcome: TriageOutcome, record: HandledMessage) {
        let outcome = handle(text, locale: locale, channel: channel, receivedAt: receivedAt, explain: explain)
        let latency = Int((ContinuousClock.now - startedAt) / .microseconds(1))
        let record = HandledMessage(
            outcome, text: text, conversation: conversation, customer: customer, channel: channel,
            receivedAt: receivedAt, latencyMicroseconds: latency, knowledgeBaseVersion: base.version, isTest: isTest,
            messageKey: messageKey)
        return (outcome, record)
    }
}
