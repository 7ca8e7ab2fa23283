import Foundation
import GRDB
import ResponderCore

extension Store {
    /// Computes the report for `options`' period from one consistent snapshot of the store.
    ///
    /// Counting is done by SQLite; only the values that percentiles need, and the work orders
    /// (for business-hours arithmetic), come back to Swift.
    public func report(_ options: ReportOptions) throws(StoreError) -> Report {
        try read { db in try ReportQuery(options: options, db: db).run() }
    }
}

/// One report's queries over one snapshot.
private struct ReportQuery {
    let options: ReportOptions
    let db: Database
    let from: Int64
    let to: Int64

    init(options: ReportOptions, db: Database) {
        self.options = options
        self.db = db
        from = options.from?.storedMilliseconds ?? Int64.min
        to = options.to?.storedMilliseconds ?? Int64.max
    }

    func run() throws -> Report {
        var messages = try messageFigures()
        let botResponse = Summary(sorting: &messages.latenciesMs)
        let workOrders = try workOrderFigures()
        let ratings = try ratingRows()

        var firstResponseSeconds = messages.botFirstSeconds + workOrders.escalatedFirstSeconds
        let firstResponse = Summary(sorting: &firstResponseSeconds).scaled(by: 60)
        var responseSeconds = messages.botFirstSeconds + messages.humanSeconds
        let response = Summary(sorting: &responseSeconds).scaled(by: 60)
        let bucketCounts = zip(messages.bucketCounts, workOrders.bucketCounts).map(+)
        let labels = ReportOptions.bucketLabels(options.bucketBounds)
        let buckets = labels.indices.map { index in
            let scores = ratings.filter { $0.bucket == index }.map(\.score)
            return Report.Bucket(
                label: labels[index],
                upperBoundSeconds: options.bucketBounds.indices.contains(index) ? options.bucketBounds[index] : nil,
                count: bucketCounts[index], ratings: scores.count, meanCSAT: mean(scores))
        }
        let channels = messages.channels.sorted { ($0.messages, $1.channel) > ($1.messages, $0.channel) }
        let total = channels.reduce(0) { $0 + $1.messages }
        let automated = channels.reduce(0) { $0 + $1.automated }
        return Report(
            from: options.from, to: options.to, messages: total, automated: automated,
            clarified: channels.reduce(0) { $0 + $1.clarified },
            escalated: channels.reduce(0) { $0 + $1.escalated },
            joined: channels.reduce(0) { $0 + $1.joined },
            automationRate: total == 0 ? nil : Double(automated) / Double(total),
            botResponseMs: botResponse,
            humanFirstResponseMinutes: Summary(workOrders.humanFirstSeconds).scaled(by: 60),
            humanFirstResponseBusinessMinutes: Summary(workOrders.humanFirstBusinessSeconds).scaled(by: 60),
            resolutionMinutes: Summary(workOrders.resolutionSeconds).scaled(by: 60),
            firstResponseMinutes: firstResponse, awaitingFirstResponse: workOrders.awaiting,
            responseMinutes: response, humanResponseMinutes: Summary(messages.humanSeconds).scaled(by: 60),
            awaitingResponse: messages.awaitingHuman,
            sla: workOrders.sla, buckets: buckets,
            csat: Report.CSAT(count: ratings.count, mean: mean(ratings.map(\.score))),
            byChannel: channels.map { tally in
                Report.ChannelFigures(
                    channel: tally.channel, messages: tally.messages, automated: tally.automated,
                    escalated: tally.escalated,
                    botResponseMeanMs: tally.messages == 0 ? nil : tally.latencyTotalMs / Double(tally.messages),
                    humanFirstResponseMinutes: Summary(workOrders.humanFirstSecondsByChannel[tally.channel] ?? [])
                        .scaled(by: 60),
                    firstResponseMinutes: Summary(
                        tally.botSeconds + (workOrders.escalatedFirstSecondsByChannel[tally.channel] ?? [])
                    ).scaled(by: 60),
                    responseMinutes: Summary(tally.botSeconds + tally.humanSeconds).scaled(by: 60),
                    humanResponseMinutes: Summary(tally.humanSeconds).scaled(by: 60))
            },
            byGroup: groupFigures(workOrders.groups, humanSeconds: messages.humanSecondsByGroup))
    }

    /// The groups' figures with their every-response times, and a row for each group whose
    /// only activity in the period is follow-ups on work orders created before it.
    private func groupFigures(_ groups: [Report.GroupFigures], humanSeconds: [String: [Double]])
        -> [Report.GroupFigures]
    {
        let listed = Set(groups.map(\.group))
        let others = humanSeconds.keys.filter { !listed.contains($0) }.sorted().map { group in
            Report.GroupFigures(
                group: group, workOrders: 0, responded: 0, resolved: 0, humanFirstResponseMinutes: Summary([]),
                humanFirstResponseBusinessMinutes: Summary([]), resolutionMinutes: Summary([]))
        }
        return (groups + others).map { figures in
            figures.withHumanResponses(Summary(humanSeconds[figures.group] ?? []).scaled(by: 60))
        }
    }

    private struct ChannelTally {
        let channel: String
        var messages = 0
        var automated = 0
        var clarified = 0
        var escalated = 0
        var joined = 0
        var latencyTotalMs = 0.0
        /// The bot's responses (answers and clarifications), in seconds.
        var botSeconds: [Double] = []
        /// Agents' responses to messages that waited for one, in seconds.
        var humanSeconds: [Double] = []
    }

    private struct MessageFigures {
        var channels: [ChannelTally] = []
        var latenciesMs: [Double] = []
        /// Response times of the messages whose first response was the bot's (not plain escalations).
        var botFirstSeconds: [Double] = []
        /// Every message that waited for an agent (an escalation, or one joining an open work
        /// order): the time to the work order's next agent reply.
        var humanSeconds: [Double] = []
        var humanSecondsByGroup: [String: [Double]] = [:]
        /// Messages waiting for an agent that no agent has replied to since.
        var awaitingHuman = 0
        var bucketCounts: [Int]
    }

    /// One pass over the period's customer messages. Each row comes back as its channel and one
    /// integer, latency << 4 | joined << 3 | decision << 1 | opened-a-work-order, which keeps a
    /// report over a million rows to one cheap scan; a message waiting for an agent also brings
    /// its group and its wait until the work order's next agent reply (from the index on the
    /// ledger by work order and time).
    private func messageFigures() throws -> MessageFigures {
        var figures = MessageFigures(bucketCounts: Array(repeating: 0, count: options.bucketBounds.count + 1))
        var channelIndex: [String: Int] = [:]
        let replies = try AgentReplies(db, since: from)
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT l.channel, (l.latency_us << 4) | (coalesce(l.handling = 'joined', 0) << 3)
                    | (CASE l.decision WHEN 'answer' THEN 0 WHEN 'clarify' THEN 1 WHEN 'escalate' THEN 2 ELSE 3 END << 1)
                    | (l.work_order IS NOT NULL AND coalesce(l.handling != 'joined', 1)),
                    l.work_order, l.received_at, w.group_id
                FROM ledger l LEFT JOIN work_order w ON w.id = l.work_order
                WHERE l.kind = 'customer' AND l.test = 0 AND l.received_at >= ? AND l.received_at < ?
                """,
            arguments: [from, to])
        while let row = try rows.next() {
            let channel: String = row[0]
            let packed: Int64 = row[1]
            let latencyMicroseconds = Double(packed >> 4)
            let joined = (packed >> 3) & 1 == 1
            let decision = (packed >> 1) & 3
            let openedWorkOrder = packed & 1 == 1
            let waitsForAgent = decision >= 2 && (openedWorkOrder || joined)
            let index: Int
            if let known = channelIndex[channel] {
                index = known
            } else {
                index = figures.channels.count
                channelIndex[channel] = index
                figures.channels.append(ChannelTally(channel: channel))
            }
            figures.channels[index].messages += 1
            figures.channels[index].latencyTotalMs += latencyMicroseconds / 1000
            if decision == 0, !openedWorkOrder { figures.channels[index].automated += 1 }
            if decision == 1 { figures.channels[index].clarified += 1 }
            if openedWorkOrder { figures.channels[index].escalated += 1 }
            if joined { figures.channels[index].joined += 1 }
            figures.latenciesMs.append(latencyMicroseconds / 1000)
            if waitsForAgent {
                let received: Int64 = row[3]
                if let workOrder = row[2] as Int64?, let reply = replies.next(to: workOrder, after: received) {
                    let waitedMs = reply.at - received
                    let seconds = Double(waitedMs) / 1000
                    figures.humanSeconds.append(seconds)
                    figures.channels[index].humanSeconds.append(seconds)
                    figures.humanSecondsByGroup[row[4] as String? ?? "", default: []].append(seconds)
                } else {
                    figures.awaitingHuman += 1
                }
            } else if decision < 2 {
                let seconds = latencyMicroseconds / 1_000_000
                figures.botFirstSeconds.append(seconds)
                figures.channels[index].botSeconds.append(seconds)
                figures.bucketCounts[bucket(seconds: seconds)] += 1
            }
        }
        return figures
    }

    /// The bucket a first response of `seconds` falls in.
    func bucket(seconds: Double) -> Int {
        options.bucketBounds.firstIndex { seconds <= Double($0) } ?? options.bucketBounds.count
    }

    private struct WorkOrderFigures {
        var humanFirstSeconds: [Double] = []
        var humanFirstBusinessSeconds: [Double] = []
        var humanFirstSecondsByChannel: [String: [Double]] = [:]
        /// Human first responses to plain escalations: those messages' first responses.
        var escalatedFirstSeconds: [Double] = []
        var escalatedFirstSecondsByChannel: [String: [Double]] = [:]
        var resolutionSeconds: [Double] = []
        var bucketCounts: [Int]
        var awaiting = 0
        var sla: [Report.SLAFigures] = []
        var groups: [Report.GroupFigures] = []
    }

    private func workOrderFigures() throws -> WorkOrderFigures {
        struct GroupTally {
            var workOrders = 0, responded = 0, resolved = 0, met = 0, breached = 0, pending = 0
            var first: [Double] = [], business: [Double] = [], resolution: [Double] = []
        }
        var figures = WorkOrderFigures(bucketCounts: Array(repeating: 0, count: options.bucketBounds.count + 1))
        // Tallies by index, mutated in place: copying one out of a dictionary and back would copy
        // its arrays on every row.
        var tallies: [GroupTally] = []
        var groupIndex: [String: Int] = [:]
        let now = options.now.storedMilliseconds
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT group_id, channel, created_at, first_response_at, resolved_at, sla_due_at, status,
                    decision IN ('answer', 'clarify')
                FROM work_order WHERE test = 0 AND created_at >= ? AND created_at < ?
                """,
            arguments: [from, to])
        while let row = try rows.next() {
            let group: String = row[0]
            let channel: String = row[1]
            let created: Int64 = row[2]
            let firstResponse: Int64? = row[3]
            let resolved: Int64? = row[4]
            let due: Int64? = row[5]
            // The bot answered (or asked to clarify) and also opened the work order: its reply was the
            // message's first response, the agent's is only the work order's.
            let answeredByBot: Bool = row[7]
            let index: Int
            if let known = groupIndex[group] {
                index = known
            } else {
                index = tallies.count
                groupIndex[group] = index
                tallies.append(GroupTally())
            }
            tallies[index].workOrders += 1
            if let firstResponse {
                let seconds = Double(firstResponse - created) / 1000
                let business = Double(
                    options.calendar.businessSeconds(
                        from: Date(storedMilliseconds: created), to: Date(storedMilliseconds: firstResponse)))
                tallies[index].responded += 1
                tallies[index].first.append(seconds)
                tallies[index].business.append(business)
                figures.humanFirstSeconds.append(seconds)
                figures.humanFirstBusinessSeconds.append(business)
                figures.humanFirstSecondsByChannel[channel, default: []].append(seconds)
                if !answeredByBot {
                    figures.escalatedFirstSeconds.append(seconds)
                    figures.escalatedFirstSecondsByChannel[channel, default: []].append(seconds)
                    figures.bucketCounts[bucket(seconds: seconds)] += 1
                }
                if let due {
                    if firstResponse <= due { tallies[index].met += 1 } else { tallies[index].breached += 1 }
                }
            } else {
                // Every work order waits for an agent, also one opened by a bot reply; but only a
                // plain escalation's message is still without its first response.
                figures.awaiting += 1
                if !answeredByBot, let bucket = awaitingBucket(createdAt: created) {
                    figures.bucketCounts[bucket] += 1
                }
                if let due {
                    if now > due { tallies[index].breached += 1 } else { tallies[index].pending += 1 }
                }
            }
            if let resolved, (row[6] as String) == WorkOrderStatus.resolved.rawValue {
                tallies[index].resolved += 1
                let seconds = Double(resolved - created) / 1000
                tallies[index].resolution.append(seconds)
                figures.resolutionSeconds.append(seconds)
            }
        }
        let order =
            options.groupOrder.filter { groupIndex[$0] != nil }
            + groupIndex.keys.filter { !options.groupOrder.contains($0) }.sorted()
        for group in order {
            let tally = tallies[groupIndex[group]!]
            figures.sla.append(
                Report.SLAFigures(group: group, met: tally.met, breached: tally.breached, pending: tally.pending))
            figures.groups.append(
                Report.GroupFigures(
                    group: group, workOrders: tally.workOrders, responded: tally.responded, resolved: tally.resolved,
                    humanFirstResponseMinutes: Summary(tally.first).scaled(by: 60),
                    humanFirstResponseBusinessMinutes: Summary(tally.business).scaled(by: 60),
                    resolutionMinutes: Summary(tally.resolution).scaled(by: 60)))
        }
        return figures
    }

    /// The latest rating of each of the period's messages, with the bucket of that message's
    /// first response (for a follow-up that joined a work order, its own response: the next agent
    /// reply). A rating whose response has not happened is in no bucket: that of an escalation
    /// or a follow-up no agent has replied to yet, and that of a work order without a reply
    /// (which `rate` refuses, but a store may hold from before it did).
    private func ratingRows() throws -> [(score: Int, bucket: Int?)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT r.score, l.latency_us, l.decision IN ('escalate', 'handoff') AND l.work_order IS NOT NULL,
                    CASE WHEN l.handling = 'joined' THEN
                        (SELECT min(a.responded_at) FROM ledger a
                            WHERE a.work_order = l.work_order AND a.kind = 'agent' AND a.responded_at >= l.received_at)
                        - l.received_at
                    ELSE w.first_response_at - w.created_at END,
                    r.target GLOB 'work-order:*'
                FROM (
                    SELECT message, score, target,
                        ROW_NUMBER() OVER (PARTITION BY message ORDER BY rated_at DESC, id DESC) AS latest
                    FROM rating WHERE test = 0
                ) r
                JOIN ledger l ON l.id = r.message LEFT JOIN work_order w ON w.id = l.work_order
                WHERE r.latest = 1 AND l.test = 0 AND l.received_at >= ? AND l.received_at < ?
                """,
            arguments: [from, to]
        ).map { row in
            let humanFirst: Bool = row[2]
            let waited: Int64? = row[3]
            let ratesWorkOrder: Bool = row[4]
            if humanFirst || ratesWorkOrder {
                guard let waited else { return (row[0], nil) }
                if humanFirst { return (row[0], bucket(seconds: Double(waited) / 1000)) }
            }
            return (row[0], bucket(seconds: Double(row[1] as Int64) / 1_000_000))
        }
    }

    /// The bucket of an escalation still awaiting its first reply: the last one once it has
    /// waited longer than the last bound (its first response cannot be faster), else none yet.
    func awaitingBucket(createdAt: Int64) -> Int? {
        let waited = Double(options.now.storedMilliseconds - createdAt) / 1000
        guard let last = options.bucketBounds.last, waited > Double(last) else { return nil }
        return options.bucketBounds.count
    }

    private func mean(_ scores: [Int]) -> Double? {
        scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
    }
}
