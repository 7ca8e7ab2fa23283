import Foundation
import ResponderCore

/// What a support lead looks at over a period: the headline figures against the previous period,
/// the trend day by day (or week by week) with its anomalous days, response speed against
/// satisfaction, breakdowns, and the cases worth reading. Made from the period's
/// `MessageRecord`s and the two periods' `Report`s; no storage of its own.
public struct Dashboard: Sendable {
    /// Days or weeks.
    public enum Granularity: String, Sendable, CaseIterable {
        case day, week
    }

    /// One day's (or week's) figures.
    public struct Point: Sendable, Equatable {
        /// Its first instant, in the desk's time zone.
        public let start: Date
        /// Customer messages.
        public var messages = 0
        /// Answered by the bot alone.
        public var automated = 0
        /// Clarified.
        public var clarified = 0
        /// Opened a work order.
        public var escalated = 0
        /// Joined an open work order.
        public var joined = 0
        /// Human first responses, in minutes, of the work orders opened in it.
        public var humanFirstResponses: [Double] = []
        /// First responses due and met, and due and missed (or overdue now).
        public var slaMet = 0
        /// See `slaMet`.
        public var slaMissed = 0
        /// Ratings of its messages.
        public var ratings: [Int] = []
        /// First responses (the bot's or an agent's) of its messages, minutes; follow-ups that
        /// joined a work order have none of their own.
        public var firstResponses: [Double] = []
        /// Whether its human first response is anomalous (see `Dashboard.anomalies`).
        public var isAnomalous = false

        /// automated / messages.
        public var automationRate: Double? { messages == 0 ? nil : Double(automated) / Double(messages) }
        /// Mean human first response, minutes.
        public var humanFirstResponseMean: Double? { Summary(humanFirstResponses).mean }
        /// 90th percentile human first response, minutes.
        public var humanFirstResponseP90: Double? { Summary(humanFirstResponses).p90 }
        /// met / (met + missed).
        public var slaAttainment: Double? {
            slaMet + slaMissed == 0 ? nil : Double(slaMet) / Double(slaMet + slaMissed)
        }
        /// Mean first response, bot or human, minutes.
        public var firstResponseMean: Double? { Summary(firstResponses).mean }
        /// Mean rating.
        public var csat: Double? { ratings.isEmpty ? nil : Double(ratings.reduce(0, +)) / Double(ratings.count) }
    }

    /// A day whose human first response was far above the period's typical day, and what drove it.
    public struct Anomaly: Sendable, Equatable {
        /// The day (or week).
        public let start: Date
        /// Its mean human first response, minutes.
        public let meanMinutes: Double
        /// The typical day's (the median of the days' means), minutes.
        public let typicalMinutes: Double
        /// What drove it, largest first: the group and the channel with the most excess wait,
        /// and the volume against a typical day.
        public let drivers: [String]
    }

    /// First responses in one time range: the bot's and the agents'.
    public struct Distribution: Sendable, Equatable {
        /// The bucket's label, as the report's.
        public let label: String
        /// Messages the bot responded to in this range.
        public let bot: Int
        /// Messages an agent first responded to in this range.
        public let human: Int
    }

    /// One row of a breakdown (by channel, group, problem type or agent).
    public struct Row: Sendable, Equatable {
        /// The channel, group, problem type or agent.
        public let key: String
        /// Messages.
        public let count: Int
        /// Their first responses, in minutes (messages that had one; follow-ups that joined a
        /// work order have none of their own).
        public let firstResponse: Summary
        /// The longest first response, minutes.
        public let maxMinutes: Double?
        /// Resolved (answered by the bot alone, or the work order resolved) / messages.
        public let resolutionRate: Double?
        /// Mean rating and how many.
        public let csat: Double?
        /// See `csat`.
        public let ratings: Int
    }

    /// A conversation worth reading.
    public struct Case: Sendable, Equatable {
        /// The message.
        public let record: MessageRecord
        /// How long it waited (for one still waiting, until now), minutes.
        public let waitedMinutes: Double?
        /// Still without a response.
        public let isWaiting: Bool
    }

    /// The period: `from` inclusive, `to` exclusive.
    public let from: Date
    /// See `from`.
    public let to: Date
    /// The previous period of the same length.
    public let previousFrom: Date
    /// This period's report.
    public let current: Report
    /// The previous period's report.
    public let previous: Report
    /// Days or weeks.
    public let granularity: Granularity
    /// The trend, one point a day (or week), with no gaps.
    public let points: [Point]
    /// The anomalous days, oldest first.
    public let anomalies: [Anomaly]
    /// First responses by time range, bot against human.
    public let distribution: [Distribution]
    /// By channel, most messages first.
    public let byChannel: [Row]
    /// By group (messages a person handled), most first.
    public let byGroup: [Row]
    /// By problem type, most first.
    public let byProblemType: [Row]
    /// By the agent who responded, most first (pseudonymised unless asked otherwise).
    public let byAgent: [Row]
    /// Rated 1 or 2 although answered within the first bucket, worst first.
    public private(set) var fastUnsatisfied: [Case]
    /// Rated 1 or 2 and answered after the last bucket bound (or not yet), worst first.
    public private(set) var slowUnsatisfied: [Case]
    /// The escalations that waited longest for their first response (or still wait).
    public private(set) var longestWaits: [Case]

    /// How an anomalous day is decided: its mean human first response (over at least
    /// `minimumResponses` responses) is more than three times the typical day's and more than
    /// three robust standard deviations (1.4826 x the median absolute deviation) above it, the
    /// typical day being the median of the days' means; with fewer than five days with
    /// responses, none is.
    public static let anomalyRule =
        "a day's mean human first response is over 3 times the period's median day and over 3 robust standard deviations (1.4826 x MAD) above it; days with fewer than 2 responses, and periods with fewer than 5 such days, have none"
    static let minimumResponses = 2
    /// Periods up to this many days get their whole trend; longer ones, the part with messages.
    static let longestTrendDays = 400.0
}

extension Dashboard {
    /// Builds the dashboard for `records` (the period's messages, as `Store.messageRecords` reads
    /// them) and the two periods' reports.
    ///
    /// - Parameters:
    ///   - timeZone: the desk's, in which days start.
    ///   - bucketBounds: the first-response buckets' bounds, seconds.
    ///   - showAgents: agents by name; otherwise `agent 1`, `agent 2`... in order of name.
    ///   - now: for how long an unanswered escalation has waited.
    public init(
        records: [MessageRecord], from: Date, to: Date, previousFrom: Date, current: Report, previous: Report,
        granularity: Granularity, timeZone: TimeZone, bucketBounds: [Int], showAgents: Bool, now: Date,
        caseLimit: Int = 10
    ) {
        self.init(
            records: records, from: from, to: to, previousFrom: previousFrom, granularity: granularity,
            timeZone: timeZone, bucketBounds: bucketBounds, showAgents: showAgents, now: now, caseLimit: caseLimit,
            current: { current }, previous: { previous })
    }

    /// Builds the dashboard for `current` and the previous period, whose reports are computed on
    /// a second core while this one computes the dashboard's own figures.
    public init(
        current: ReportData, previous: ReportData, granularity: Granularity, timeZone: TimeZone, showAgents: Bool,
        caseLimit: Int = 10
    ) {
        let options = current.options
        let from = options.from ?? current.records.first?.receivedAt ?? options.now
        self.init(
            records: current.records, from: from, to: options.to ?? options.now,
            previousFrom: previous.options.from ?? from, granularity: granularity, timeZone: timeZone,
            bucketBounds: options.bucketBounds, showAgents: showAgents, now: options.now, caseLimit: caseLimit,
            current: { current.report() }, previous: { previous.report() })
    }

    /// Computes the two reports, the trend and each breakdown side by side, on every core.
    private init(
        records: [MessageRecord], from: Date, to: Date, previousFrom: Date, granularity: Granularity,
        timeZone: TimeZone, bucketBounds: [Int], showAgents: Bool, now: Date, caseLimit: Int,
        current currentReport: @escaping @Sendable () -> Report,
        previous previousReport: @escaping @Sendable () -> Report
    ) {
        let trend = Computation {
            Trend(
                records: records, from: from, to: to, granularity: granularity, timeZone: timeZone,
                bucketBounds: bucketBounds, now: now, caseLimit: caseLimit)
        }
        let (currentComputation, previousComputation) = (Computation(currentReport), Computation(previousReport))
        let byChannel = Computation { Self.rows(records) { $0.channel } }
        let byGroup = Computation { Self.rows(records) { $0.group } }
        let byProblemType = Computation { Self.rows(records, key: { $0.problemTypeKey }, name: { $0.name }) }
        let byAgent = Computation {
            let names = Self.agentNames(records, showAgents: showAgents)
            return Self.rows(records) { $0.responder.flatMap { names[$0] } }
        }
        runConcurrently([
            currentComputation, byProblemType, trend, byChannel, byGroup, byAgent, previousComputation,
        ])
        let (current, previous, figures) = (currentComputation.result, previousComputation.result, trend.result)
        self.byChannel = byChannel.result
        self.byGroup = byGroup.result
        self.byProblemType = byProblemType.result
        self.byAgent = byAgent.result
        self.from = from
        self.to = to
        self.previousFrom = previousFrom
        self.current = current
        self.previous = previous
        self.granularity = granularity
        points = figures.points
        anomalies = figures.anomalies
        distribution = figures.distribution
        fastUnsatisfied = figures.fastUnsatisfied
        slowUnsatisfied = figures.slowUnsatisfied
        longestWaits = figures.longestWaits
    }

    /// Gives the cases their stored texts and conversations (`texts` by ledger id, as
    /// `Store.messageTexts` reads them), read once for the few listed.
    public mutating func attachTexts(_ texts: [Int64: (conversation: String, text: String?)]) {
        func attach(_ cases: [Case]) -> [Case] {
            cases.map { item in
                var record = item.record
                record.text = texts[record.ledgerID]?.text
                record.conversation = texts[record.ledgerID]?.conversation
                return Case(record: record, waitedMinutes: item.waitedMinutes, isWaiting: item.isWaiting)
            }
        }
        fastUnsatisfied = attach(fastUnsatisfied)
        slowUnsatisfied = attach(slowUnsatisfied)
        longestWaits = attach(longestWaits)
    }

    /// How reports name the agents who responded to `records`: by name with `showAgents`, else
    /// `agent 1`, `agent 2`... in order of name (the same in the dashboard and the CSV export).
    public static func agentNames(_ records: [MessageRecord], showAgents: Bool) -> [String: String] {
        let agents = Set(records.compactMap { $0.responder }).sorted()
        return Dictionary(uniqueKeysWithValues: agents.enumerated().map { ($1, showAgents ? $1 : "agent \($0 + 1)") })
    }

    /// The start of the day (or ISO week, Monday) that `date` falls in.
    static func pointStart(_ date: Date, granularity: Granularity, calendar: Calendar) -> Date {
        switch granularity {
        case .day: return calendar.startOfDay(for: date)
        case .week:
            return calendar.dateInterval(of: .weekOfYear, for: date)?.start ?? calendar.startOfDay(for: date)
        }
    }

    /// A breakdown of `records` by `key` (records without one are left out), most messages first.
    static func rows(_ records: [MessageRecord], key: (MessageRecord) -> String?) -> [Row] {
        rows(records, key: key, name: { $0 })
    }

    /// A breakdown of `records` by `key`, each row named by `name`: one tally a key, found by one
    /// lookup a record.
    static func rows<Key: Hashable>(
        _ records: [MessageRecord], key: (MessageRecord) -> Key?, name: (Key) -> String
    ) -> [Row] {
        var rows = KeyedTallies<Key, RowTally>()
        for index in records.indices {
            let record = records[index]
            guard let key = key(record) else { continue }
            let index = rows.index(of: key) { RowTally() }
            rows.tallies[index].count += 1
            if record.isResolved { rows.tallies[index].resolved += 1 }
            if let rating = record.rating {
                rows.tallies[index].ratingTotal += rating
                rows.tallies[index].ratings += 1
            }
            if !record.joined, let seconds = record.responseSeconds {
                rows.tallies[index].firstResponses.append(seconds / 60)
            }
        }
        return zip(rows.keys, rows.tallies).map { key, tally in
            Row(
                key: name(key), count: tally.count, firstResponse: Summary(tally.firstResponses),
                maxMinutes: tally.firstResponses.max(), resolutionRate: Double(tally.resolved) / Double(tally.count),
                csat: tally.ratings == 0 ? nil : Double(tally.ratingTotal) / Double(tally.ratings),
                ratings: tally.ratings)
        }
        .sorted { ($0.count, $1.key) > ($1.count, $0.key) }
    }

    /// Marks the anomalous points (see `anomalyRule`) and says what drove each.
    static func anomalies(
        _ points: inout [Point], records: [MessageRecord], granularity: Granularity, index: (Date) -> Int?
    ) -> [Anomaly] {
        let means = points.filter { $0.humanFirstResponses.count >= minimumResponses }.compactMap(
            \.humanFirstResponseMean)
        guard means.count >= 5, let typical = Summary(means).p50 else { return [] }
        let deviation = Summary(means.map { abs($0 - typical) }).p50 ?? 0
        let threshold = typical + max(2 * typical, 3 * 1.4826 * deviation)
        let typicalVolume = Summary(points.map { Double($0.messages) }).p50 ?? 0
        var found: [Anomaly] = []
        for position in points.indices {
            let point = points[position]
            guard point.humanFirstResponses.count >= minimumResponses, let mean = point.humanFirstResponseMean,
                mean > threshold
            else { continue }
            points[position].isAnomalous = true
            let escalations = records.filter {
                $0.opened && $0.firstAgentReplySeconds != nil && index($0.receivedAt) == position
            }
            var drivers: [String] = []
            for (label, key) in [("group", { (r: MessageRecord) in r.group ?? "-" }), ("channel", { $0.channel })] {
                var excess: [String: (minutes: Double, count: Int)] = [:]
                for record in escalations {
                    let over = max(0, (record.firstAgentReplySeconds ?? 0) / 60 - typical)
                    excess[key(record), default: (0, 0)].minutes += over
                    excess[key(record), default: (0, 0)].count += 1
                }
                if let (name, worst) = excess.max(by: { $0.value.minutes < $1.value.minutes }), worst.minutes > 0 {
                    let share = excess.values.reduce(0) { $0 + $1.minutes }
                    drivers.append(
                        "\(label) \(name): \(worst.count) of \(escalations.count) escalations, "
                            + "\(Int((worst.minutes / max(share, 1e-9) * 100).rounded()))% of the excess wait")
                }
            }
            if typicalVolume > 0 {
                drivers.append(
                    String(
                        format: "volume %d messages, %.1fx a typical day", point.messages,
                        Double(point.messages) / typicalVolume))
            }
            found.append(Anomaly(start: point.start, meanMinutes: mean, typicalMinutes: typical, drivers: drivers))
        }
        return found
    }
}

/// One breakdown row's counts while its records are read.
private struct RowTally {
    var count = 0
    var resolved = 0
    var ratingTotal = 0
    var ratings = 0
    var firstResponses: [Double] = []
}

/// The trend, its anomalies, the response distribution and the cases, from the period's records.
private struct Trend {
    let points: [Dashboard.Point]
    let anomalies: [Dashboard.Anomaly]
    let distribution: [Dashboard.Distribution]
    let fastUnsatisfied: [Dashboard.Case]
    let slowUnsatisfied: [Dashboard.Case]
    let longestWaits: [Dashboard.Case]

    typealias Point = Dashboard.Point
    typealias Distribution = Dashboard.Distribution
    typealias Case = Dashboard.Case
    typealias Granularity = Dashboard.Granularity

    init(
        records: [MessageRecord], from: Date, to: Date, granularity: Granularity, timeZone: TimeZone,
        bucketBounds: [Int], now: Date, caseLimit: Int
    ) {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        // The trend covers the period; one much longer than a year (a report "from 2000"), only
        // the part that has messages.
        var trendFrom = from
        var trendTo = to
        if to.timeIntervalSince(from) > Dashboard.longestTrendDays * 86400, let first = records.first?.receivedAt,
            let last = records.last?.receivedAt
        {
            trendFrom = max(from, first)
            trendTo = min(to, last.addingTimeInterval(1))
        }
        var starts: [Date] = []
        // The first point starts with the period, also mid-week: nothing before it is counted.
        var aligned = Dashboard.pointStart(trendFrom, granularity: granularity, calendar: calendar)
        var start = max(trendFrom, aligned)
        while start < trendTo, starts.count < Int(Dashboard.longestTrendDays) * 10 {
            starts.append(start)
            aligned =
                calendar.date(byAdding: granularity == .day ? .day : .weekOfYear, value: 1, to: aligned) ?? trendTo
            start = aligned
        }
        var points = starts.map { Point(start: $0) }
        func index(_ date: Date) -> Int? {
            // The last start not after `date`.
            var low = 0
            var high = starts.count - 1
            guard high >= 0, date >= starts[0] else { return nil }
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= date { low = middle } else { high = middle - 1 }
            }
            return low
        }
        for position in records.indices {
            let record = records[position]
            guard let point = index(record.receivedAt) else { continue }
            points[point].messages += 1
            if record.isAutomated { points[point].automated += 1 }
            if record.decision == .clarify { points[point].clarified += 1 }
            if record.opened { points[point].escalated += 1 }
            if record.joined { points[point].joined += 1 }
            if let rating = record.rating { points[point].ratings.append(rating) }
            if !record.joined, let seconds = record.responseSeconds {
                points[point].firstResponses.append(seconds / 60)
            }
            if record.opened {
                // Every work order opened, as the report counts them (also one a bot answer opened).
                let first = record.firstAgentReplySeconds
                if let first { points[point].humanFirstResponses.append(first / 60) }
                if let due = record.slaDue {
                    let answered = first.map { record.receivedAt.addingTimeInterval($0) }
                    if let answered {
                        if answered <= due { points[point].slaMet += 1 } else { points[point].slaMissed += 1 }
                    } else if now > due {
                        points[point].slaMissed += 1
                    }
                }
            }
        }
        let anomalies = Dashboard.anomalies(&points, records: records, granularity: granularity, index: index)
        self.points = points
        self.anomalies = anomalies

        let labels = ReportOptions.bucketLabels(bucketBounds)
        var bot = Array(repeating: 0, count: labels.count)
        var human = Array(repeating: 0, count: labels.count)
        let bucket = { (seconds: Double) in bucketBounds.firstIndex { seconds <= Double($0) } ?? bucketBounds.count }
        for index in records.indices where !records[index].joined {
            let record = records[index]
            guard let seconds = record.responseSeconds else { continue }
            if record.isBotResponse { bot[bucket(seconds)] += 1 } else if record.opened { human[bucket(seconds)] += 1 }
        }
        distribution = labels.indices.map { Distribution(label: labels[$0], bot: bot[$0], human: human[$0]) }

        let fast = Double(bucketBounds.first ?? 60)
        let slow = Double(bucketBounds.last ?? 300)
        let unsatisfied = records.filter { ($0.rating ?? 5) <= 2 && !$0.joined }
            .sorted {
                ($0.rating ?? 0, -($0.responseSeconds ?? .infinity)) < (
                    $1.rating ?? 0, -($1.responseSeconds ?? .infinity)
                )
            }
        fastUnsatisfied = unsatisfied.filter { ($0.responseSeconds ?? .infinity) <= fast }.prefix(caseLimit)
            .map { Case(record: $0, waitedMinutes: $0.responseSeconds.map { $0 / 60 }, isWaiting: false) }
        slowUnsatisfied = unsatisfied.filter { ($0.responseSeconds ?? .infinity) > slow }.prefix(caseLimit)
            .map { record in
                let waited = record.responseSeconds ?? now.timeIntervalSince(record.receivedAt)
                return Case(record: record, waitedMinutes: waited / 60, isWaiting: record.responseSeconds == nil)
            }
        // The longest of the escalations' waits: ranked by index and wait, records copied only for
        // the few listed.
        var waits: [(index: Int, seconds: Double)] = []
        for (index, record) in records.enumerated() where record.opened && !record.isBotResponse {
            waits.append((index, record.responseSeconds ?? now.timeIntervalSince(record.receivedAt)))
        }
        waits.sort { ($0.seconds, $1.index) > ($1.seconds, $0.index) }
        longestWaits = waits.prefix(caseLimit).map { wait in
            let record = records[wait.index]
            return Case(record: record, waitedMinutes: wait.seconds / 60, isWaiting: record.responseSeconds == nil)
        }
    }
}
