import Foundation
import ResponderCore
import ResponderStore

/// What the engine did with one customer message: the reply, and the work order it opened.
///
/// `ask --json` prints it and the protocol's `message` returns it, from this one type; the REPL
/// and `ask` render the same value as text.
public struct MessageOutcome: Sendable, Encodable {
    /// One entry the customer may have meant, best first.
    public struct Candidate: Sendable, Encodable {
        /// The entry's id.
        public let intent: String
        /// Its confidence.
        public let confidence: Double
        /// The matcher's evidence (score, contributions, calibration), when explained.
        public let detail: ResponderCore.Candidate?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(intent, forKey: .intent)
            try container.encode(confidence.rounded(places: 4), forKey: .confidence)
            guard let detail else { return }
            try container.encode(detail.score.rounded(places: 4), forKey: .score)
            try container.encode(detail.contributions.map(ContributionView.init), forKey: .contributions)
            if let calibration = detail.calibration {
                try container.encode(CalibrationView(breakdown: calibration), forKey: .calibration)
            }
        }

        private enum Keys: String, CodingKey {
            case intent, confidence, score, contributions, calibration
        }
    }

    /// An entry offered to the customer when the engine asks them to choose.
    public struct Option: Sendable, Encodable, Equatable {
        /// The entry's id.
        public let intent: String
        /// An example question of the entry, in the customer's locale.
        public let question: String
    }

    /// Answer, clarify or escalate.
    public let decision: Decision
    /// The answered entry; nil unless the decision is `answer`.
    public let intent: String?
    /// The best candidate's confidence.
    public let confidence: Double
    /// The answer text; nil unless the decision is `answer`.
    public let answer: String?
    /// The locale of the reply.
    public let locale: String?
    /// The ranked candidates.
    public let candidates: [Candidate]
    /// The entries offered (clarify only).
    public let options: [Option]
    /// The group an answered entry also escalates to, if any.
    public let escalateTo: String?
    /// Where the message was routed, when it opened (or would open) a work order.
    public let escalation: Escalation?
    /// The work order opened (as stored), when the message was recorded and escalated.
    public let workOrder: WorkOrder?
    /// True when the message is in the store (recorded now, or before for a retry).
    public let isRecorded: Bool
    /// The conversation's unresolved work order after the message: `workOrder` when it opened
    /// or joined one, else one it left alone (an answer to a clarification while a person has
    /// the conversation).
    public let conversationWorkOrder: WorkOrder?
    /// True when this is a retry: the first outcome, as recorded, and nothing new stored.
    public let isDuplicate: Bool
    /// What the conversation made of the message: an answer to a clarification, a handoff.
    public let turn: ConversationTurn
    /// For a message joining an open work order: the bot's acknowledgement, if the base has one.
    public let acknowledgement: String?
    /// How long the engine took, in microseconds (the first time, for a retry).
    public let latencyMicroseconds: Int
    /// The matcher's full reply, when the message was handled now (not for a retry).
    public let reply: Reply?
    /// The desk's time zone, in which times are printed.
    public let timeZone: TimeZone
    /// Whether the candidates carry the matcher's evidence.
    public let isExplained: Bool

    /// The SLA due time of the work order.
    public var slaDue: Date? { workOrder?.slaDue ?? escalation?.slaDue }

    /// Where the conversation stands after the message; nil when nothing was recorded.
    public var conversationState: ConversationState? {
        guard isRecorded else { return nil }
        return (conversationWorkOrder ?? workOrder).map(ConversationState.init(workOrder:)) ?? .bot
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(decision.rawValue, forKey: .decision)
        try container.encode(intent, forKey: .intent)
        try container.encode(confidence.rounded(places: 4), forKey: .confidence)
        try container.encode(answer, forKey: .answer)
        try container.encode(locale, forKey: .locale)
        try container.encode(candidates, forKey: .candidates)
        if decision == .clarify { try container.encode(options, forKey: .options) }
        if let escalateTo { try container.encode(escalateTo, forKey: .escalate) }
        switch turn {
        case .picked(let option, let pick):
            try container.encode(PickedView(option: option + 1, by: pick.rawValue), forKey: .picked)
        case .joined:
            try container.encode("open_work_order", forKey: .handoffReason)
            try container.encode(acknowledgement, forKey: .acknowledgement)
        case .handedOff:
            try container.encode("repeated_failure", forKey: .handoffReason)
        case .matched:
            break
        }
        try container.encode(workOrder?.id.description, forKey: .workOrder)
        try container.encode(workOrder?.group ?? escalation?.routing.group, forKey: .group)
        try container.encode((workOrder?.priority ?? escalation?.routing.priority)?.rawValue, forKey: .priority)
        try container.encode(slaDue.local(timeZone), forKey: .slaDue)
        try container.encode(conversationState?.rawValue, forKey: .conversationState)
        try container.encode(isDuplicate, forKey: .duplicate)
        try container.encode(latencyMicroseconds, forKey: .latency)
    }

    private struct PickedView: Encodable {
        let option: Int
        let by: String
    }

    private enum Keys: String, CodingKey {
        case decision, intent, confidence, answer, locale, candidates, options, escalate, picked
        case handoffReason = "handoff_reason"
        case acknowledgement
        case conversationState = "conversation_state"
        case workOrder = "work_order"
        case group, priority
        case slaDue = "sla_due"
        case duplicate
        case latency = "latency_us"
    }
}

extension MessageOutcome {
    /// The outcome of a message handled now.
    init(
        _ outcome: TriageOutcome, recorded: RecordedMessage?, latencyMicroseconds: Int, timeZone: TimeZone,
        explained: Bool
    ) {
        let reply = outcome.reply
        self.init(
            decision: reply.decision, intent: reply.intent, confidence: reply.confidence, answer: reply.answer,
            locale: reply.locale,
            candidates: reply.match.candidates.map {
                Candidate(intent: $0.intent, confidence: $0.confidence, detail: explained ? $0 : nil)
            },
            options: reply.options.map { Option(intent: $0.intent, question: $0.question) },
            escalateTo: reply.escalateTo, escalation: outcome.escalation, workOrder: recorded?.workOrder,
            isRecorded: recorded != nil, conversationWorkOrder: recorded?.conversationWorkOrder, isDuplicate: false,
            turn: outcome.turn,
            acknowledgement: outcome.acknowledgement,
            latencyMicroseconds: latencyMicroseconds, reply: reply, timeZone: timeZone,
            isExplained: explained)
    }
}

/// A term's or a pattern's share of a candidate's score.
private struct ContributionView: Encodable {
    let contribution: Contribution

    init(_ contribution: Contribution) {
        self.contribution = contribution
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch contribution.source {
        case .term(let term):
            try container.encode(term.text, forKey: .term)
            try container.encode(term.family.name, forKey: .family)
        case .pattern(let source, let location):
            try container.encode(source, forKey: .pattern)
            try container.encode(location.description, forKey: .location)
        }
        try container.encode(contribution.score.rounded(places: 4), forKey: .score)
    }

    private enum Keys: String, CodingKey {
        case term, family, pattern, location, score
    }
}

/// How a confidence was made: the logit's bias and each feature's value, weight and share.
private struct CalibrationView: Encodable {
    let breakdown: ConfidenceBreakdown

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(breakdown.origin.rawValue, forKey: .origin)
        try container.encode(breakdown.bias.rounded(places: 4), forKey: .bias)
        try container.encode(breakdown.terms.map(FeatureView.init), forKey: .features)
        try container.encode(breakdown.logit.rounded(places: 4), forKey: .logit)
    }

    private enum Keys: String, CodingKey {
        case origin, bias, features, logit
    }

    private struct FeatureView: Encodable {
        let term: ConfidenceBreakdown.Term

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(term.name, forKey: .name)
            try container.encode(term.value.rounded(places: 4), forKey: .value)
            try container.encode(term.weight.rounded(places: 4), forKey: .weight)
            try container.encode(term.contribution.rounded(places: 4), forKey: .contribution)
        }

        private enum Keys: String, CodingKey {
            case name, value, weight, contribution
        }
    }
}
