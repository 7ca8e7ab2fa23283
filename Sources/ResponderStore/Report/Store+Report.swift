import Foundation
import GRDB
import ResponderCore

extension Store {
    /// Computes the report for `options`' period from one consistent snapshot of the store.
    public func report(_ options: ReportOptions) throws(StoreError) -> Report {
        try reportData([options])[0].report()
    }

    /// What the reports of `periods` are computed from, all read in one snapshot: for a report
    /// and the previous period's, or a dashboard. The computing (`ReportData.report()`) needs
    /// no store, so it can run beside other work.
    ///
    /// - Parameter progress: told how many of the first period's messages have been read, every 50,000.
    public func reportData(_ periods: [ReportOptions], progress: ((Int) -> Void)? = nil) throws(StoreError)
        -> [ReportData]
    {
        if let data = try readOnTwoCores(periods, progress: progress) { return data }
        return try read { db in
            let lookups = try RecordLookups(db, since: Self.earliest(periods))
            return try periods.enumerated().map { index, options in
                let records = try Self.messageRecords(
                    db, from: options.from, to: options.to, progress: index == 0 ? progress : nil, lookups: lookups)
                return ReportData(
                    options: options, records: records, workOrders: try ReportData.workOrders(db, options))
            }
        }
    }

    /// Where the reads of `periods` start, in stored milliseconds.
    static func earliest(_ periods: [ReportOptions]) -> Int64 {
        periods.map { $0.from?.storedMilliseconds ?? Int64.min }.min() ?? Int64.min
    }
}

/// One period's message records and work orders, read from the store: everything its report is
/// computed from.
public struct ReportData: Sendable {
    /// The period and how it counts.
    public let options: ReportOptions
    /// The period's customer messages (`Store.messageRecords`).
    public internal(set) var records: [MessageRecord]
    /// The work orders created in the period.
    let workOrders: [WorkOrderRow]

    /// A work order as the report counts it; times in stored milliseconds.
    struct WorkOrderRow: Sendable {
        let group: String
        let channel: String
        let created: Int64
        let firstResponse: Int64?
        let resolved: Int64?
        let due: Int64?
        let isResolved: Bool
        /// The bot answered (or asked to clarify) and also opened the work order: its reply was
        /// the message's first response, the agent's is only the work order's.
        let answeredByBot: Bool
    }

    /// The period's work orders, test ones left out.
    static func workOrders(_ db: Database, _ options: ReportOptions) throws -> [WorkOrderRow] {
        let rows = try ColumnScan(
            db,
            sql: """
                SELECT group_id, channel, created_at, first_response_at, resolved_at, sla_due_at,
                    status = '\(WorkOrderStatus.resolved.rawValue)', decision IN ('answer', 'clarify')
                FROM work_order WHERE test = 0 AND created_at >= ? AND created_at < ?
                """,
            arguments: [options.from?.storedMilliseconds ?? Int64.min, options.to?.storedMilliseconds ?? Int64.max])
        var workOrders: [WorkOrderRow] = []
        while try rows.next() {
            workOrders.append(
                WorkOrderRow(
                    group: rows.string(0), channel: rows.string(1), created: rows.int64(2),
                    firstResponse: rows.optionalInt64(3), resolved: rows.optionalInt64(4), due: rows.optionalInt64(5),
                    isResolved: rows.bool(6), answeredByBot: rows.bool(7)))
        }
        return workOrders
    }

    /// The report: the messages counted from their records in one pass, the work orders from
    /// theirs.
    public func report() -> Report {
        ReportComputation(options: options, from: options.from?.storedMilliseconds ?? Int64.min)
            .run(records, workOrders: workOrders)
    }
}

/// One report's arithmetic over its period's data.
private struct ReportComputation {
    let options: ReportOptions
    let from: Int64

    /// The report, its message figures from `records` (the period's, as `messageRecords` reads them).
    func run(_ records: [MessageRecord], workOrders rows: [ReportData.WorkOrderRow]) -> Report {
        var messages = messageFigures(records)
        let botResponse = Summary(sorting: &messages.latenciesMs)
        let workOrders = workOrderFigures(rows)
        let ratings = ratingBuckets(records)

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

    /// The message figures, in one pass over the period's records (`Store.messageRecords`).
    private func messageFigures(_ records: [MessageRecord]) -> MessageFigures {
        var figures = MessageFigures(bucketCounts: Array(repeating: 0, count: options.bucketBounds.count + 1))
        var channels = KeyedTallies<String, ChannelTally>()
        figures.latenciesMs.reserveCapacity(records.count)
        for index in records.indices {
            let record = records[index]
            let index = channels.index(of: record.channel) { ChannelTally(channel: record.channel) }
            let latencyMs = Double(record.latencyMicroseconds) / 1000
            channels.tallies[index].messages += 1
            channels.tallies[index].latencyTotalMs += latencyMs
            if record.isAutomated { channels.tallies[index].automated += 1 }
            if record.decision == .clarify { channels.tallies[index].clarified += 1 }
            if record.opened { channels.tallies[index].escalated += 1 }
            if record.joined { channels.tallies[index].joined += 1 }
            figures.latenciesMs.append(latencyMs)
            if record.waitsForAgent {
                if let seconds = record.responseSeconds {
                    figures.humanSeconds.append(seconds)
                    channels.tallies[index].humanSeconds.append(seconds)
                    figures.humanSecondsByGroup[record.group ?? "", default: []].append(seconds)
                } else {
                    figures.awaitingHuman += 1
                }
            } else if record.isBotResponse {
                let seconds = latencyMs / 1000
                figures.botFirstSeconds.append(seconds)
                channels.tallies[index].botSeconds.append(seconds)
                figures.bucketCounts[bucket(seconds: seconds)] += 1
            }
        }
        figures.channels = channels.tallies
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

    private func workOrderFigures(_ rows: [ReportData.WorkOrderRow]) -> WorkOrderFigures {
        struct GroupTally {
            var workOrders = 0, responded = 0, resolved = 0, met = 0, breached = 0, pending = 0
            var first: [Double] = [], business: [Double] = [], resolution: [Double] = []
        }
        var figures = WorkOrderFigures(bucketCounts: Array(repeating: 0, count: options.bucketBounds.count + 1))
        var groups = KeyedTallies<String, GroupTally>()
        let now = options.now.storedMilliseconds
        for row in rows {
            let (group, channel, created) = (row.group, row.channel, row.created)
            let (firstResponse, resolved, due, answeredByBot) = (
                row.firstResponse, row.resolved, row.due, row.answeredByBot
            )
            let index = groups.index(of: group) { GroupTally() }
            groups.tallies[index].workOrders += 1
            if let firstResponse {
                let seconds = Double(firstResponse - created) / 1000
                let business = Double(
                    options.calendar.businessSeconds(
                        from: Date(storedMilliseconds: created), to: Date(storedMilliseconds: firstResponse)))
                groups.tallies[index].responded += 1
                groups.tallies[index].first.append(seconds)
                groups.tallies[index].business.append(business)
                figures.humanFirstSeconds.append(seconds)
                figures.humanFirstBusinessSeconds.append(business)
                figures.humanFirstSecondsByChannel[channel, default: []].append(seconds)
                if !answeredByBot {
                    figures.escalatedFirstSeconds.append(seconds)
                    figures.escalatedFirstSecondsByChannel[channel, default: []].append(seconds)
                    figures.bucketCounts[bucket(seconds: seconds)] += 1
                }
                if let due {
                    if firstResponse <= due {
                        groups.tallies[index].met += 1
                    } else {
                        groups.tallies[index].breached += 1
                    }
                }
            } else {
                // Every work order waits for an agent, also one opened by a bot reply; but only a
                // plain escalation's message is still without its first response.
                figures.awaiting += 1
                if !answeredByBot, let bucket = awaitingBucket(createdAt: created) {
                    figures.bucketCounts[bucket] += 1
                }
                if let due {
                    if now > due { groups.tallies[index].breached += 1 } else { groups.tallies[index].pending += 1 }
                }
            }
            if let resolved, row.isResolved {
                groups.tallies[index].resolved += 1
                let seconds = Double(resolved - created) / 1000
                groups.tallies[index].resolution.append(seconds)
                figures.resolutionSeconds.append(seconds)
            }
        }
        let order =
            options.groupOrder.filter { groups.tally(for: $0) != nil }
            + groups.keys.filter { !options.groupOrder.contains($0) }.sorted()
        for group in order {
            guard let tally = groups.tally(for: group) else { continue }
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
    private func ratingBuckets(_ records: [MessageRecord]) -> [(score: Int, bucket: Int?)] {
        records.compactMap { record in
            guard let score = record.rating else { return nil }
            if record.waitsForAgent { return (score, record.responseSeconds.map { bucket(seconds: $0) }) }
            if record.ratingTargetsWorkOrder, record.firstAgentReplySeconds == nil { return (score, nil) }
            return (score, bucket(seconds: Double(record.latencyMicroseconds) / 1_000_000))
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
