import Foundation

/// What a conversation's history says about its next message, as the store reads it in the
/// transaction that records that message.
public struct ConversationContext: Sendable, Equatable {
    /// The conversation's unresolved work order (open, assigned or responded).
    public struct OpenWorkOrder: Sendable, Equatable {
        /// Its id, e.g. `WO-000042`.
        public var id: String
        /// Its priority now.
        public var priority: Priority

        /// An open work order.
        public init(id: String, priority: Priority) {
            self.id = id
            self.priority = priority
        }
    }

    /// The bot's last turn in the conversation.
    public struct BotTurn: Sendable, Equatable {
        /// What the bot did.
        public var decision: Decision
        /// The entries offered, for a clarification, in the order shown.
        public var options: [(intent: String, question: String)]
        /// The locale the bot replied in.
        public var locale: String?
        /// When the customer's message it replied to arrived.
        public var at: Date
        /// The customer's message it replied to (as stored: redacted when redaction is on).
        public var text: String?

        /// A bot turn.
        public init(
            decision: Decision, options: [(intent: String, question: String)], locale: String?, at: Date,
            text: String? = nil
        ) {
            self.decision = decision
            self.options = options
            self.locale = locale
            self.at = at
            self.text = text
        }

        public static func == (lhs: BotTurn, rhs: BotTurn) -> Bool {
            lhs.decision == rhs.decision && lhs.locale == rhs.locale && lhs.at == rhs.at && lhs.text == rhs.text
                && lhs.options.map(\.intent) == rhs.options.map(\.intent)
                && lhs.options.map(\.question) == rhs.options.map(\.question)
        }
    }

    /// The unresolved work order the conversation is handed off to, if any.
    public var openWorkOrder: OpenWorkOrder?
    /// The bot's last turn, if the conversation has one.
    public var lastTurn: BotTurn?
    /// How many of the conversation's latest messages in a row the bot could not answer
    /// (clarifications not picked from), each within the clarification window of the next.
    public var failures: Int

    /// A context; the default is a new conversation.
    public init(openWorkOrder: OpenWorkOrder? = nil, lastTurn: BotTurn? = nil, failures: Int = 0) {
        self.openWorkOrder = openWorkOrder
        self.lastTurn = lastTurn
        self.failures = failures
    }

    /// A conversation with no history.
    public static let new = ConversationContext()
}

/// What the conversation made of a message.
public enum ConversationTurn: Sendable, Equatable {
    /// Matched on its own: the conversation changed nothing.
    case matched
    /// Answered a clarification by picking one of its options (0-based), by number or by words.
    case picked(option: Int, by: OptionPick)
    /// Joined the conversation's open work order (a handoff): recorded on it for the agent, and
    /// not answered by the bot.
    case joined
    /// The bot could not answer several messages in a row: a work order is opened for a person.
    case handedOff(failures: Int)

    /// How the ledger stores it: `picked:2:number` (the option 1-based, as shown), `joined`,
    /// `handed-off:2`; nil for `matched`.
    public var stored: String? {
        switch self {
        case .matched: nil
        case .picked(let option, let pick): "picked:\(option + 1):\(pick.rawValue)"
        case .joined: "joined"
        case .handedOff(let failures): "handed-off:\(failures)"
        }
    }

    /// Reads `stored`'s form back; `matched` for nil or anything unknown.
    public init(stored: String?) {
        let parts = stored?.split(separator: ":").map(String.init) ?? []
        switch parts.first {
        case "picked" where parts.count == 3:
            guard let option = Int(parts[1]), option > 0, let pick = OptionPick(rawValue: parts[2]) else {
                self = .matched
                return
            }
            self = .picked(option: option - 1, by: pick)
        case "joined": self = .joined
        case "handed-off": self = .handedOff(failures: parts.count > 1 ? Int(parts[1]) ?? 0 : 0)
        default: self = .matched
        }
    }
}

/// How a customer picked a clarification's option.
public enum OptionPick: String, Sendable, Equatable {
    /// By its number or position: "2", "the second one", "第二个".
    case number
    /// By words that match its entry much better than the other options'.
    case words
}
