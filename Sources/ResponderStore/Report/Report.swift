import Foundation

/// What automation did over a period: the support lead's view of the ledger.
///
/// Only customer messages received, and work orders created, in the period count; test traffic
/// never does. A message's *first response* is the bot's reply when the bot answered it (or asked
/// the customer to clarify), and the first agent reply when it was escalated: the bot's
/// acknowledgement of an escalation is not a response to the question.
///
/// *Every response* counts each customer message that got one, not only those that start a
/// thread: the bot's time for the bot's answers and clarifications, and for a message that
/// waited for an agent (an escalation, or a follow-up joining the conversation's open work
/// order) the time to the work order's next agent reply. Their mean is the average response
/// time: total response time / number of responses.
public struct Report: Sendable, Equatable {
    /// The period, `from` inclusive and `to` exclusive; nil ends are open.
    public let from: Date?
    /// See `from`.
    public let to: Date?
    /// Customer messages handled.
    public let messages: Int
    /// Messages the bot answered without escalating.
    public let automated: Int
    /// Messages the bot asked the customer to clarify.
    public let clarified: Int
    /// Messages that opened a work order (escalations, answers that also escalate, and
    /// handoffs after the bot failed several times in a row).
    public let escalated: Int
    /// Messages that joined their conversation's open work order (decision `handoff`): neither
    /// automated nor new escalations.
    public let joined: Int
    /// automated / messages; nil without messages.
    public let automationRate: Double?
    /// The bot's response time to every message, in milliseconds.
    public let botResponseMs: Summary
    /// Work order created -> first agent reply, in calendar minutes.
    public let humanFirstResponseMinutes: Summary
    /// The same, counting business hours only (nights, weekends and holidays excluded), in minutes.
    public let humanFirstResponseBusinessMinutes: Summary
    /// Work order created -> resolved, in calendar minutes, for resolved work orders.
    public let resolutionMinutes: Summary
    /// Every message's first response (bot or human), in minutes: the blended figure, over the
    /// messages that have had one (see `awaitingFirstResponse`).
    public let firstResponseMinutes: Summary
    /// Work orders no agent has replied to yet: escalations, and those opened by an answer or a
    /// clarification that also escalates.
    public let awaitingFirstResponse: Int
    /// Every response (see the type's notes), bot or agent, in minutes: mean = total response
    /// time / number of responses.
    public let responseMinutes: Summary
    /// Every agent response: each message that waited for an agent, to the next agent reply on
    /// its work order, in minutes.
    public let humanResponseMinutes: Summary
    /// Messages waiting for an agent that no agent has replied to since.
    public let awaitingResponse: Int
    /// SLA figures per group, in groups.yaml order then any others.
    public let sla: [SLAFigures]
    /// First-response-time buckets with their CSAT. An escalation still awaiting its first reply
    /// counts in the last bucket once it has waited longer than the last bound (its first
    /// response cannot be faster); until then it is only in `awaitingFirstResponse`. So the
    /// buckets' counts add up to `messages` less the escalations awaiting for less than that,
    /// and less the follow-ups that joined an open work order (`joined`: not first responses).
    /// A work order opened by a bot reply is in the bucket of that reply, waiting or not.
    public let buckets: [Bucket]
    /// All CSAT ratings of the period's messages.
    public let csat: CSAT
    /// Per channel, most messages first.
    public let byChannel: [ChannelFigures]
    /// Per group, in groups.yaml order then any others.
    public let byGroup: [GroupFigures]

    /// SLA attainment over every group: first responses met / (met + breached); nil when none.
    public var slaAttainment: Double? {
        let met = sla.reduce(0) { $0 + $1.met }
        let breached = sla.reduce(0) { $0 + $1.breached }
        return met + breached == 0 ? nil : Double(met) / Double(met + breached)
    }

    /// Mean first response if every message had waited for a human (the mean human first
    /// response), against the blended mean that automation gave; both in minutes.
    public var automationImpact: (allHumanMeanMinutes: Double?, blendedMeanMinutes: Double?) {
        (humanFirstResponseMinutes.mean, firstResponseMinutes.mean)
    }

    /// SLA attainment of one group.
    public struct SLAFigures: Sendable, Equatable {
        /// The group id.
        public let group: String
        /// First responses on or before their due time.
        public let met: Int
        /// First responses after it, and unanswered work orders already past it.
        public let breached: Int
        /// Unanswered work orders not yet due (not counted either way).
        public let pending: Int
        /// met / (met + breached); nil when neither.
        public var attainment: Double? { met + breached == 0 ? nil : Double(met) / Double(met + breached) }
    }

    /// Messages whose first response fell in one time range, with their mean CSAT.
    public struct Bucket: Sendable, Equatable {
        /// e.g. `<= 1 min`, `1-5 min`, `> 5 min`.
        public let label: String
        /// Upper bound in seconds (inclusive); nil for the last, open-ended bucket.
        public let upperBoundSeconds: Int?
        /// Messages whose first response fell here.
        public let count: Int
        /// Ratings of those messages. A rating given before the rated response happened (an
        /// escalation no agent has replied to yet) is in no bucket, only in `csat`.
        public let ratings: Int
        /// Their mean score; nil without ratings.
        public let meanCSAT: Double?
    }

    /// CSAT ratings (1-5).
    public struct CSAT: Sendable, Equatable {
        /// How many.
        public let count: Int
        /// Mean score; nil without ratings.
        public let mean: Double?
    }

    /// One channel's figures.
    public struct ChannelFigures: Sendable, Equatable {
        /// The channel name.
        public let channel: String
        /// Customer messages.
        public let messages: Int
        /// Answered by the bot without escalation.
        public let automated: Int
        /// That opened a work order.
        public let escalated: Int
        /// automated / messages.
        public var automationRate: Double? { messages == 0 ? nil : Double(automated) / Double(messages) }
        /// Mean bot response time, ms.
        public let botResponseMeanMs: Double?
        /// Human first-response times of its work orders, minutes.
        public let humanFirstResponseMinutes: Summary
        /// Its messages' first responses, bot or agent, minutes.
        public let firstResponseMinutes: Summary
        /// Every response to its messages, bot or agent, minutes.
        public let responseMinutes: Summary
        /// Every agent response to its messages, minutes.
        public let humanResponseMinutes: Summary
    }

    /// One group's figures.
    public struct GroupFigures: Sendable, Equatable {
        /// The group id.
        public let group: String
        /// Work orders created.
        public let workOrders: Int
        /// Of those, how many an agent has replied to.
        public let responded: Int
        /// Of those, how many are resolved now.
        public let resolved: Int
        /// Human first-response times, calendar minutes.
        public let humanFirstResponseMinutes: Summary
        /// The same in business minutes.
        public let humanFirstResponseBusinessMinutes: Summary
        /// Resolution times, minutes.
        public let resolutionMinutes: Summary
        /// Every agent response to a message of its work orders that waited for one (the
        /// escalation's and each follow-up's; not the reply to a message the bot answered and
        /// escalated, whose response was the bot's), minutes.
        public var humanResponseMinutes = Summary([])

        /// These figures with `humanResponseMinutes` set.
        func withHumanResponses(_ summary: Summary) -> GroupFigures {
            var figures = self
            figures.humanResponseMinutes = summary
            return figures
        }
    }
}
