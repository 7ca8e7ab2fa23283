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

    /// A customer message whose first response is the bot's: it was not a plain escalation.
    static let botFirst = "(work_order IS NULL OR decision != 'escalate')"
    static let customerMessages = "kind = 'customer' AND test = 0 AND received_at >= ? AND received_at < ?"

    func run() throws -> Report {
        let channels = try channelRows()
        var latencies = try Int64.fetchAll(
            db, sql: "SELECT latency_us FROM ledger WHERE \(Self.customerMessages)", arguments: [from, to]
        ).map { Double($0) / 1000 }
        let botResponse = Summary(sorting: &latencies)
        latencies = []
        let workOrders = try workOrderFigures()
        let botFirst = try botFirstResponses()
        let ratings = try ratingRows()

        var firstResponseSeconds = botFirst.seconds + workOrders.escalatedFirstSeconds
        let firstResponse = Summary(sorting: &firstResponseSeconds).scaled(by: 60)
        let bucketCounts = zip(botFirst.bucketCounts, workOrders.bucketCounts).map(+)
        let labels = ReportOptions.bucketLabels(options.bucketBounds)
        let buckets = labels.indices.map { index in
            let scores = ratings.filter { $0.bucket == index }.map(\.score)
            return Report.Bucket(
                label: labels[index],
                upperBoundSeconds: options.bucketBounds.indices.contains(index)
                    ? options.bucketBounds[index] : nil,
                count: bucketCounts[index], ratings: scores.count, meanCSAT: mean(scores))
        }
        let messages = channels.reduce(0) { $0 + $1.messages }
        let automated = channels.reduce(0) { $0 + $1.automated }
        return Report(
            from: options.from, to: options.to, messages: messages, automated: automated,
            clarified: channels.reduce(0) { $0 + $1.clarified },
            escalated: channels.reduce(0) { $0 + $1.escalated },
            automationRate: messages == 0 ? nil : Double(automated) / Double(messages),
            botResponseMs: botResponse,
            humanFirstResponseMinutes: Summary(workOrders.humanFirstSeconds).scaled(by: 60),
            humanFirstResponseBusinessMinutes: Summary(workOrders.humanFirstBusinessSeconds).scaled(by: 60),
            resolutionMinutes: Summary(workOrders.resolutionSeconds).scaled(by: 60),
            firstResponseMinutes: firstResponse, awaitingFirstResponse: workOrders.awaiting,
            sla: workOrders.sla, buckets: buckets,
            csat: Report.CSAT(count: ratings.count, mean: mean(ratings.map(\.score))),
            byChannel: channels.map { row in
                Report.ChannelFigures(
                    channel: row.channel, messages: row.messages, automated: row.automated, escalated: row.escalated,
                    botResponseMeanMs: row.messages == 0 ? nil : row.latencyTotalMs / Double(row.messages),
                    humanFirstResponseMinutes: Summary(workOrders.humanFirstSecondsByChannel[row.channel] ?? [])
                        .scaled(by: 60))
            },
            byGroup: workOrders.groups)
    }

    private struct ChannelRow {
        let channel: String
        let messages: Int
        let automated: Int
        let clarified: Int
        let escalated: Int
        let latencyTotalMs: Double
    }

    private func channelRows() throws -> [ChannelRow] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT channel, COUNT(*), SUM(decision = 'answer' AND work_order IS NULL),
                    SUM(decision = 'clarify'), SUM(work_order IS NOT NULL), SUM(latency_us)
                FROM ledger WHERE \(Self.customerMessages)
                GROUP BY channel ORDER BY COUNT(*) DESC, channel
                """,
            arguments: [from, to]
        ).map {
            ChannelRow(
                channel: $0[0], messages: $0[1], automated: $0[2], clarified: $0[3], escalated: $0[4],
                latencyTotalMs: Double($0[5] as Int64) / 1000)
        }
    }

    /// The bot-first messages' response times (seconds) and how many fall in each bucket.
    private func botFirstResponses() throws -> (seconds: [Double], bucketCounts: [Int]) {
        let seconds = try Int64.fetchAll(
            db, sql: "SELECT latency_us FROM ledger WHERE \(Self.customerMessages) AND \(Self.botFirst)",
            arguments: [from, to]
        ).map { Double($0) / 1_000_000 }
        var counts = Array(repeating: 0, count: options.bucketBounds.count + 1)
        for value in seconds { counts[bucket(seconds: value)] += 1 }
        return (seconds, counts)
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
        var tallies: [String: GroupTally] = [:]
        let now = options.now.storedMilliseconds
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT group_id, channel, created_at, first_response_at, resolved_at, sla_due_at, status,
                    routing_reason = 'entry-escalation'
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
            let answeredByBot: Bool = row[7]
            var tally = tallies[group] ?? GroupTally()
            tally.workOrders += 1
            if let firstResponse {
                let seconds = Double(firstResponse - created) / 1000
                let business = Double(
                    options.calendar.businessSeconds(
                        from: Date(storedMilliseconds: created), to: Date(storedMilliseconds: firstResponse)))
                tally.responded += 1
                tally.first.append(seconds)
                tally.business.append(business)
                figures.humanFirstSeconds.append(seconds)
                figures.humanFirstBusinessSeconds.append(business)
                figures.humanFirstSecondsByChannel[channel, default: []].append(seconds)
                if !answeredByBot {
                    figures.escalatedFirstSeconds.append(seconds)
                    figures.bucketCounts[bucket(seconds: seconds)] += 1
                }
                if let due {
                    if firstResponse <= due { tally.met += 1 } else { tally.breached += 1 }
                }
            } else {
                if !answeredByBot { figures.awaiting += 1 }
                if let due {
                    if now > due { tally.breached += 1 } else { tally.pending += 1 }
                }
            }
            if let resolved, (row[6] as String) == WorkOrderStatus.resolved.rawValue {
                tally.resolved += 1
                let seconds = Double(resolved - created) / 1000
                tally.resolution.append(seconds)
                figures.resolutionSeconds.append(seconds)
            }
            tallies[group] = tally
        }
        let order =
            options.groupOrder.filter { tallies[$0] != nil }
            + tallies.keys.filter {
                !options.groupOrder.contains($0)
            }.sorted()
        for group in order {
            let tally = tallies[group]!
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

    /// Each rating of a period's message, with the bucket of that message's first response
    /// (nil while an escalated message awaits its first reply).
    private func ratingRows() throws -> [(score: Int, bucket: Int?)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT r.score, l.latency_us, l.decision = 'escalate' AND l.work_order IS NOT NULL,
                    w.first_response_at - w.created_at
                FROM rating r JOIN ledger l ON l.id = r.message LEFT JOIN work_order w ON w.id = l.work_order
                WHERE r.test = 0 AND l.test = 0 AND l.received_at >= ? AND l.received_at < ?
                """,
            arguments: [from, to]
        ).map { row in
            let humanFirst: Bool = row[2]
            let seconds: Double? =
                humanFirst ? (row[3] as Int64?).map { Double($0) / 1000 } : Double(row[1] as Int64) / 1_000_000
            return (row[0], seconds.map { bucket(seconds: $0) })
        }
    }

    private func mean(_ scores: [Int]) -> Double? {
        scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
    }
}
