import Foundation

/// The work order to open for a message: where it goes, how urgent it is, and when its first
/// response is due.
public struct Escalation: Sendable, Equatable {
    /// Where it goes and how urgent it is.
    public var routing: Routing
    /// When the first response is due (nil when the business calendar never opens).
    public var slaDue: Date?
    /// What the work order shows as the customer's message when it is not the message's own
    /// text: for an answer to a clarification, the question clarified and the option chosen.
    public var subject: String?

    /// Creates an escalation.
    public init(routing: Routing, slaDue: Date?, subject: String? = nil) {
        self.routing = routing
        self.slaDue = slaDue
        self.subject = subject
    }
}

/// What the engine does with one message: the reply, and the work order to open when it
/// escalates (or answers an entry that also escalates).
public struct TriageOutcome: Sendable {
    /// The reply to send.
    public let reply: Reply
    /// Set when a work order must be opened.
    public let escalation: Escalation?
    /// What the conversation made of the message (`matched` when it was handled on its own).
    public let turn: ConversationTurn
    /// For a message joining an open work order: the bot's short acknowledgement, if the base
    /// has one.
    public let acknowledgement: String?
    /// For a message joining an open work order: the higher priority the priority rules give
    /// the message, which the work order takes; nil when they give none higher.
    public let raisedPriority: Priority?

    /// An outcome; a message handled on its own by default.
    public init(
        reply: Reply, escalation: Escalation?, turn: ConversationTurn = .matched, acknowledgement: String? = nil,
        raisedPriority: Priority? = nil
    ) {
        self.reply = reply
        self.escalation = escalation
        self.turn = turn
        self.acknowledgement = acknowledgement
        self.raisedPriority = raisedPriority
    }
}

/// Decides, routes and schedules: the whole of the engine's handling of a message that does not
/// touch storage.
///
/// Immutable and `Sendable`: build one per knowledge base and share it.
public struct Triage: Sendable {
    /// Matches and decides.
    public let responder: AutoResponder
    /// Routes escalations.
    public let router: Router
    /// Business hours for SLA due times.
    public let calendar: BusinessCalendar

    /// Builds the engine for `responder`'s knowledge base.
    public init(responder: AutoResponder) {
        self.responder = responder
        self.router = Router(base: responder.base, options: responder.matcher.options)
        self.calendar = BusinessCalendar(settings: responder.base.settings)
    }

    /// The knowledge base.
    public var base: KnowledgeBase { responder.base }

    /// Handles `text` from `channel`, received at `receivedAt`.
    ///
    /// A work order is opened when the engine escalates; when it answers with an entry that
    /// escalates; and when it asks the customer to clarify but a human must see the message
    /// anyway: every entry offered escalates (a complaint or a lost parcel, whichever it is),
    /// or an `urgent` priority rule matches (fraud, legal threats).
    public func handle(
        _ text: String, locale: String? = nil, channel: String?, receivedAt: Date, explain: Bool = false
    ) -> TriageOutcome {
        // Cut once, before anything that takes time in proportion to the text: the matcher, the
        // locale, and every routing, priority and channel pattern see the same bounded slice.
        let text = Matcher.cut(text, to: responder.matcher.options.maximumMessageLength)
        let reply = responder.reply(to: text, locale: locale, explain: explain)
        var entryGroup = reply.escalateTo
        switch reply.decision {
        case .answer where entryGroup == nil:
            return TriageOutcome(reply: reply, escalation: nil)
        case .clarify:
            let offered = reply.options.map { base.entry($0.intent)?.escalate }
            if !offered.isEmpty, offered.allSatisfy({ $0 != nil }) {
                entryGroup = offered[0]
            } else if router.priority(text) != .urgent {
                return TriageOutcome(reply: reply, escalation: nil)
            }
        default:
            break
        }
        return TriageOutcome(
            reply: reply,
            escalation: escalation(text, reply: reply, channel: channel, entryGroup: entryGroup, receivedAt: receivedAt)
        )
    }

    /// The work order to open for `text`: routed, prioritised and given its SLA due time.
    func escalation(_ text: String, reply: Reply, channel: String?, entryGroup: String?, receivedAt: Date)
        -> Escalation
    {
        let routing = router.route(text, reply: reply, channel: channel, entryGroup: entryGroup)
        let target = base.groups.group(routing.group)?.firstResponse ?? .businessTime(seconds: 0)
        return Escalation(routing: routing, slaDue: calendar.due(after: receivedAt, target: target))
    }
}
