import Foundation
import ResponderCore
import ResponderStore

/// A work order as the engine's outputs show it (`tickets --json`, the protocol's
/// `work_order.*` and `agent.reply`), times in the desk's time zone; with its agents' replies
/// when they were asked for.
public struct WorkOrderView: Sendable, Encodable {
    /// The work order.
    public let workOrder: WorkOrder
    /// Its agents' replies, oldest first; nil when not asked for.
    public let replies: [AgentReply]?
    /// The conversation's turns an agent needs (what came before, then everything until it
    /// was resolved), oldest first; nil when not asked for.
    public let turns: [TurnView]?
    /// The desk's time zone.
    public let timeZone: TimeZone

    /// A view of `workOrder` (and its `replies` and conversation `turns`) in `timeZone`.
    public init(_ workOrder: WorkOrder, replies: [AgentReply]? = nil, turns: [TurnView]? = nil, timeZone: TimeZone) {
        self.workOrder = workOrder
        self.replies = replies
        self.turns = turns
        self.timeZone = timeZone
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        let order = workOrder
        try container.encode(order.id.description, forKey: .id)
        try container.encode(order.status.rawValue, forKey: .status)
        try container.encode(order.group, forKey: .group)
        try container.encode(order.priority.rawValue, forKey: .priority)
        try container.encode(order.routingReason.rawValue, forKey: .routingReason)
        try container.encode(order.decision.rawValue, forKey: .decision)
        try container.encode(order.conversation, forKey: .conversation)
        try container.encode(order.customer, forKey: .customer)
        try container.encode(order.channel, forKey: .channel)
        try container.encode(order.locale, forKey: .locale)
        try container.encode(order.text, forKey: .text)
        try container.encode(order.candidates.map(CandidateView.init), forKey: .candidates)
        try container.encode(order.agent, forKey: .agent)
        try container.encode(LocalTime(date: order.createdAt, timeZone: timeZone), forKey: .created)
        try container.encode(order.assignedAt.local(timeZone), forKey: .assigned)
        try container.encode(order.firstResponseAt.local(timeZone), forKey: .firstResponse)
        try container.encode(order.resolvedAt.local(timeZone), forKey: .resolved)
        try container.encode(order.slaDue.local(timeZone), forKey: .slaDue)
        try container.encode(order.reopenCount, forKey: .reopenCount)
        try container.encode(order.knowledgeBaseVersion, forKey: .knowledgeBaseVersion)
        try container.encode(order.isTest, forKey: .test)
        switch order.label {
        case .entry(let entry): try container.encode(["entry": entry], forKey: .label)
        case .newTopic(let topic): try container.encode(["new_topic": topic], forKey: .label)
        case nil: try container.encodeNil(forKey: .label)
        }
        if let replies {
            try container.encode(replies.map { ReplyView(reply: $0, timeZone: timeZone) }, forKey: .replies)
        }
        if let turns { try container.encode(turns, forKey: .turns) }
    }

    private enum Keys: String, CodingKey {
        case id, status, group, priority
        case routingReason = "routing_reason"
        case decision, conversation, customer, channel, locale, text, candidates, agent, created, assigned
        case firstResponse = "first_response"
        case resolved
        case slaDue = "sla_due"
        case reopenCount = "reopen_count"
        case knowledgeBaseVersion = "kb_version"
        case test, label, replies, turns
    }

    private struct CandidateView: Encodable {
        let candidate: CandidateScore

        init(_ candidate: CandidateScore) {
            self.candidate = candidate
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(candidate.intent, forKey: .intent)
            try container.encode(candidate.confidence.rounded(places: 4), forKey: .confidence)
        }

        private enum Keys: String, CodingKey { case intent, confidence }
    }

    private struct ReplyView: Encodable {
        let reply: AgentReply
        let timeZone: TimeZone

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(reply.agent, forKey: .agent)
            try container.encode(reply.text, forKey: .text)
            try container.encode(LocalTime(date: reply.at, timeZone: timeZone), forKey: .at)
        }

        private enum Keys: String, CodingKey { case agent, text, at }
    }
}
