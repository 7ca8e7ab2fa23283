import Foundation
import ResponderCore
import ResponderStore

/// Where a conversation stands.
public enum ConversationState: String, Sendable, Encodable {
    /// No message recorded yet.
    case new
    /// The bot handles it: no work order is open.
    case bot
    /// Handed off: its work order waits for an agent (open, or assigned and not replied to
    /// since the customer last wrote).
    case awaitingAgent = "awaiting_agent"
    /// An agent has replied and the customer has not written since.
    case withAgent = "with_agent"
    /// Its last work order was resolved and the customer has not written since.
    case resolved

    /// The state a conversation with `workOrder` as its latest is in, before any later message.
    init(workOrder: WorkOrder) {
        switch workOrder.status {
        case .open, .assigned: self = .awaitingAgent
        case .responded: self = .withAgent
        case .resolved: self = .resolved
        }
    }
}

/// One turn of a conversation as outputs show it: the customer's message, the bot's reply to
/// it, or an agent's reply. Texts are as stored (redacted when redaction is on).
public struct TurnView: Sendable, Encodable {
    /// Who spoke.
    public enum Speaker: String, Sendable {
        case customer, bot, agent
    }

    /// Who spoke.
    public let from: Speaker
    /// When.
    public let at: Date
    /// What they said; nil for a customer message recorded before the ledger kept texts.
    public let text: String?
    /// The agent, for an agent's turn.
    public let agent: String?
    /// For the customer's turn, what the bot did with it; for the bot's, what it said.
    public let decision: Decision?
    /// For the bot's answer, the entry.
    public let intent: String?
    /// For the bot's clarification, the options offered.
    public let options: [MessageOutcome.Option]
    /// The work order the turn opened, joined or replied to.
    public let workOrder: WorkOrderID?
    /// What the conversation made of the customer's message.
    public let turn: ConversationTurn
    /// For the customer's turn, how long the bot took, in microseconds.
    let latencyMicroseconds: Int?
    /// The desk's time zone.
    public let timeZone: TimeZone

    /// The turns of `stored`: each customer message followed by the bot's reply to it when the
    /// bot said something (an answer, a clarification, an acknowledgement), rendered from
    /// `base` (an entry since removed from the base shows its id only).
    static func turns(_ stored: [StoredTurn], base: KnowledgeBase, timeZone: TimeZone) -> [TurnView] {
        stored.flatMap { turn -> [TurnView] in
            switch turn.author {
            case .agent:
                return [
                    TurnView(
                        from: .agent, at: turn.at, text: turn.text, agent: turn.agent, decision: nil, intent: nil,
                        options: [], workOrder: turn.workOrder, turn: .matched, latencyMicroseconds: nil,
                        timeZone: timeZone)
                ]
            case .customer:
                let customer = TurnView(
                    from: .customer, at: turn.at, text: turn.text, agent: nil, decision: turn.decision, intent: nil,
                    options: [], workOrder: turn.workOrder, turn: turn.turn,
                    latencyMicroseconds: turn.latencyMicroseconds, timeZone: timeZone)
                guard let bot = botTurn(turn, base: base, timeZone: timeZone) else { return [customer] }
                return [customer, bot]
            }
        }
    }

    /// What the bot said in reply to the customer's `turn`, if anything.
    private static func botTurn(_ turn: StoredTurn, base: KnowledgeBase, timeZone: TimeZone) -> TurnView? {
        let settings = base.settings
        let locale = turn.locale ?? settings.defaultLocale
        let text: String?
        switch turn.decision {
        case .answer:
            text = turn.intent.flatMap { base.entry($0)?.answer(locale: locale, fallback: settings.defaultLocale) }
        case .clarify:
            text = nil
        case .handoff where turn.turn == .joined:
            guard let workOrder = turn.workOrder else { return nil }
            text = settings.conversation.acknowledgement(
                locale: locale, fallback: settings.defaultLocale, workOrder: workOrder.description)
            if text == nil { return nil }
        default:
            return nil
        }
        let at = turn.at.addingTimeInterval(Double(turn.latencyMicroseconds ?? 0) / 1_000_000)
        return TurnView(
            from: .bot, at: at, text: text, agent: nil, decision: turn.decision,
            intent: turn.decision == .answer ? turn.intent : nil,
            options: turn.options.map { MessageOutcome.Option(intent: $0.intent, question: $0.question) },
            workOrder: nil, turn: .matched, latencyMicroseconds: nil, timeZone: timeZone)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(from.rawValue, forKey: .from)
        try container.encode(LocalTime(date: at, timeZone: timeZone), forKey: .at)
        if let agent { try container.encode(agent, forKey: .agent) }
        try container.encode(text, forKey: .text)
        if let decision { try container.encode(decision.rawValue, forKey: .decision) }
        if let intent { try container.encode(intent, forKey: .intent) }
        if !options.isEmpty { try container.encode(options, forKey: .options) }
        if let workOrder { try container.encode(workOrder.description, forKey: .workOrder) }
        if let handling = turn.stored { try container.encode(handling, forKey: .handling) }
    }

    private enum Keys: String, CodingKey {
        case from, at, agent, text, decision, intent, options
        case workOrder = "work_order"
        case handling
    }
}

/// One customer message's response time.
public struct ResponseTime: Sendable, Equatable {
    /// Whether it started a thread (its response is a first response), rather than following
    /// up in a conversation handed off to a person.
    public let isFirst: Bool
    /// Whether a person responds to it (rather than the bot).
    public let isHuman: Bool
    /// Seconds from the message to its response; nil while an agent has not replied.
    public let seconds: Double?
}

/// A conversation: where it stands, its work orders and its turns (`conversation.get`).
public struct ConversationView: Sendable, Encodable {
    /// The conversation's id, as the caller gave it.
    public let conversation: String
    /// Where it stands.
    public let state: ConversationState
    /// Its unresolved work order, else its latest one.
    public let workOrder: WorkOrder?
    /// Every work order it has had, oldest first.
    public let workOrders: [WorkOrderID]
    /// Its turns, oldest first.
    public let turns: [TurnView]
    /// The desk's time zone.
    public let timeZone: TimeZone

    /// Each customer message's response, oldest first: the bot's time for its answers and
    /// clarifications; for a message that waited for an agent, the time to the next agent reply
    /// on its work order. The same definition as the report's every-response figures.
    public var responseTimes: [ResponseTime] {
        turns.enumerated().compactMap { index, turn in
            guard turn.from == .customer, let decision = turn.decision else { return nil }
            let isFirst = turn.turn != .joined
            guard decision == .escalate || decision == .handoff, let workOrder = turn.workOrder else {
                let seconds = Double(turn.latencyMicroseconds ?? 0) / 1_000_000
                return ResponseTime(isFirst: isFirst, isHuman: false, seconds: seconds)
            }
            let reply = turns[(index + 1)...].first { $0.from == .agent && $0.workOrder == workOrder }
            return ResponseTime(
                isFirst: isFirst, isHuman: true, seconds: reply.map { $0.at.timeIntervalSince(turn.at) })
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(conversation, forKey: .conversation)
        try container.encode(state.rawValue, forKey: .state)
        try container.encode(workOrder?.id.description, forKey: .workOrder)
        try container.encode(workOrders.map(\.description), forKey: .workOrders)
        try container.encode(turns, forKey: .turns)
    }

    private enum Keys: String, CodingKey {
        case conversation, state
        case workOrder = "work_order"
        case workOrders = "work_orders"
        case turns
    }
}
