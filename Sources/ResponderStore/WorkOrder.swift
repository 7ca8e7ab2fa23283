import Foundation
import ResponderCore

/// A work order's id: `WO-` and a number that is unique across every process using the store.
public struct WorkOrderID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The number (the row id).
    public let number: Int64

    /// The id with this number.
    public init(_ number: Int64) {
        self.number = number
    }

    /// Parses `WO-000042`, `wo-42` or `42`; nil for anything else.
    public init?(_ text: String) {
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        if digits.uppercased().hasPrefix("WO-") { digits = digits.dropFirst(3) }
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(\.isASCIIDigit), let number = Int64(digits),
            number > 0
        else { return nil }
        self.number = number
    }

    /// `WO-` and the number, zero-padded to six digits: `WO-000042`.
    public var description: String {
        let digits = String(number)
        return "WO-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    public static func < (lhs: WorkOrderID, rhs: WorkOrderID) -> Bool { lhs.number < rhs.number }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// An entry the matcher considered, with its confidence, as kept on a work order.
public struct CandidateScore: Sendable, Equatable, Codable {
    /// The entry id.
    public let intent: String
    /// The matcher's confidence, 0-1.
    public let confidence: Double

    /// Creates a candidate score.
    public init(intent: String, confidence: Double) {
        self.intent = intent
        self.confidence = confidence
    }
}

/// An escalated message waiting for, or handled by, a human agent.
public struct WorkOrder: Sendable, Equatable {
    /// `WO-` and a number.
    public let id: WorkOrderID
    /// The conversation the message came from.
    public let conversation: String
    /// The customer, as the front end named them (redacted when redaction is on).
    public let customer: String?
    /// The channel the message came from, e.g. `chat`, `email`, `phone`.
    public let channel: String
    /// The message's locale.
    public let locale: String?
    /// The customer's message (redacted when redaction is on).
    public let text: String
    /// The specialist group it is routed to.
    public let group: String
    /// How urgent it is.
    public let priority: Priority
    /// What decided the group.
    public let routingReason: Routing.Reason
    /// What the bot did with the message: `escalate`, or `answer`/`clarify` when it replied and
    /// a human must follow up as well.
    public let decision: Decision
    /// Where it is in its life.
    public let status: WorkOrderStatus
    /// The entries the matcher considered, best first.
    public let candidates: [CandidateScore]
    /// The agent who has it, if any.
    public let agent: String?
    /// When it was created.
    public let createdAt: Date
    /// When it was (last) assigned.
    public let assignedAt: Date?
    /// When an agent first replied.
    public let firstResponseAt: Date?
    /// When it was (last) resolved; nil while not resolved.
    public let resolvedAt: Date?
    /// When the first response is due by the group's target in business hours; nil when the
    /// business calendar has no opening hours at all.
    public let slaDue: Date?
    /// How many times it has been reopened.
    public let reopenCount: Int
    /// The knowledge-base version that escalated it.
    public let knowledgeBaseVersion: String
    /// Whether it came from test traffic (kept out of reports).
    public let isTest: Bool
    /// What the agent who resolved it said would have answered it, if they said.
    public internal(set) var label: WorkOrderLabel? = nil
}

/// An agent's label on a resolved work order: the entry that would have answered its message,
/// or a topic the knowledge base lacks. Labelled messages grow the evaluation set
/// (`export labelled`) and tell `replay` what is right.
public enum WorkOrderLabel: Sendable, Hashable {
    /// The knowledge-base entry (its id) that would have answered.
    case entry(String)
    /// None would: a short name for the missing topic.
    case newTopic(String)
}

/// An agent's reply to a work order.
public struct AgentReply: Sendable, Equatable {
    /// The work order replied to.
    public let workOrder: WorkOrderID
    /// Who replied.
    public let agent: String
    /// What they wrote (redacted when redaction is on).
    public let text: String
    /// When they replied.
    public let at: Date
}

/// A message an agent labelled, through the work order it opened.
public struct LabelledMessage: Sendable, Equatable {
    /// The work order.
    public let workOrder: WorkOrderID
    /// The customer's text as stored (redacted).
    public let text: String
    /// The agent's label.
    public let label: WorkOrderLabel

    /// The entry that would have answered it; nil for a new topic.
    public var entry: String? {
        if case .entry(let entry) = label { return entry }
        return nil
    }
}
