import Foundation
import ResponderCore
import ResponderStore

/// A report as the engine's outputs show it (`report --json` and the protocol's `report`):
/// counts as integers, rates to 4 decimals, times in minutes (bot times in milliseconds), the
/// period in the desk's time zone.
public struct ReportView: Sendable, Encodable {
    /// The figures.
    public let report: Report
    /// The desk's time zone.
    public let timeZone: TimeZone
    /// The dashboard's figures (the previous period, the trend, breakdowns, cases), when asked for.
    public let dashboard: Dashboard?
    /// The headline figures against the previous period and the targets (with a dashboard).
    public let keyFigures: [KeyFigure]
    /// The base's targets.
    public let targets: ReportTargets
    /// When it was made: how far the targets' deadlines are.
    public let generated: Date

    /// A view of `report` in `timeZone`, with the dashboard around it when given.
    ///
    /// - Parameter plans: the improvement targets, resolved (see `KeyFigure.figures`).
    public init(
        _ report: Report, timeZone: TimeZone, dashboard: Dashboard? = nil, targets: ReportTargets = ReportTargets(),
        plans: [String: KeyFigure.TargetPlan] = [:], generated: Date = Date()
    ) {
        self.generated = generated
        self.report = report
        self.timeZone = timeZone
        self.dashboard = dashboard
        self.targets = targets
        keyFigures =
            dashboard.map {
                KeyFigure.figures(current: $0.current, previous: $0.previous, targets: targets, plans: plans)
            } ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NamedKey.self)
        var period = container.nestedContainer(keyedBy: NamedKey.self, forKey: "period")
        try period.encode(report.from.local(timeZone), forKey: "from")
        try period.encode(report.to.local(timeZone), forKey: "to")
        try container.encode(report.messages, forKey: "messages")
        try container.encode(report.automated, forKey: "automated")
        try container.encode(report.clarified, forKey: "clarified")
        try container.encode(report.escalated, forKey: "escalated")
        try container.encode(report.joined, forKey: "joined")
        try container.encode(report.automationRate?.rounded(places: 4), forKey: "automation_rate")
        try container.encode(SummaryView(report.botResponseMs, places: 3), forKey: "bot_response_ms")
        try container.encode(SummaryView(report.humanFirstResponseMinutes), forKey: "human_first_response_min")
        try container.encode(
            SummaryView(report.humanFirstResponseBusinessMinutes), forKey: "human_first_response_business_min")
        try container.encode(SummaryView(report.resolutionMinutes), forKey: "resolution_min")
        try container.encode(SummaryView(report.firstResponseMinutes), forKey: "first_response_min")
        try container.encode(SummaryView(report.responseMinutes), forKey: "response_min")
        try container.encode(SummaryView(report.humanResponseMinutes), forKey: "human_response_min")
        var impact = container.nestedContainer(keyedBy: NamedKey.self, forKey: "automation_impact")
        try impact.encode(report.automationImpact.allHumanMeanMinutes?.rounded(places: 2), forKey: "all_human_mean_min")
        try impact.encode(report.automationImpact.blendedMeanMinutes?.rounded(places: 2), forKey: "blended_mean_min")
        try container.encode(report.awaitingFirstResponse, forKey: "awaiting_first_response")
        try container.encode(report.awaitingResponse, forKey: "awaiting_response")
        var attainment = container.nestedContainer(keyedBy: NamedKey.self, forKey: "sla_attainment")
        for group in report.sla {
            try attainment.encode(group.attainment?.rounded(places: 4), forKey: NamedKey(group.group))
        }
        var sla = container.nestedContainer(keyedBy: NamedKey.self, forKey: "sla")
        for group in report.sla {
            var figures = sla.nestedContainer(keyedBy: NamedKey.self, forKey: NamedKey(group.group))
            try figures.encode(group.met, forKey: "met")
            try figures.encode(group.breached, forKey: "breached")
            try figures.encode(group.pending, forKey: "pending")
            try figures.encode(group.attainment?.rounded(places: 4), forKey: "attainment")
        }
        var buckets = container.nestedUnkeyedContainer(forKey: "buckets")
        for bucket in report.buckets {
            var figures = buckets.nestedContainer(keyedBy: NamedKey.self)
            try figures.encode(bucket.label, forKey: "label")
            try figures.encode(bucket.upperBoundSeconds, forKey: "upper_bound_s")
            try figures.encode(bucket.count, forKey: "count")
            try figures.encode(bucket.ratings, forKey: "ratings")
            try figures.encode(bucket.meanCSAT?.rounded(places: 2), forKey: "mean_csat")
        }
        var csat = container.nestedContainer(keyedBy: NamedKey.self, forKey: "csat")
        try csat.encode(report.csat.count, forKey: "count")
        try csat.encode(report.csat.mean?.rounded(places: 2), forKey: "mean")
        var channels = container.nestedContainer(keyedBy: NamedKey.self, forKey: "by_channel")
        for channel in report.byChannel {
            var figures = channels.nestedContainer(keyedBy: NamedKey.self, forKey: NamedKey(channel.channel))
            try figures.encode(channel.messages, forKey: "messages")
            try figures.encode(channel.automated, forKey: "automated")
            try figures.encode(channel.escalated, forKey: "escalated")
            try figures.encode(channel.automationRate?.rounded(places: 4), forKey: "automation_rate")
            try figures.encode(channel.botResponseMeanMs?.rounded(places: 3), forKey: "bot_response_ms_mean")
            try figures.encode(SummaryView(channel.humanFirstResponseMinutes), forKey: "human_first_response_min")
            try figures.encode(SummaryView(channel.firstResponseMinutes), forKey: "first_response_min")
            try figures.encode(SummaryView(channel.responseMinutes), forKey: "response_min")
            try figures.encode(SummaryView(channel.humanResponseMinutes), forKey: "human_response_min")
        }
        var groups = container.nestedContainer(keyedBy: NamedKey.self, forKey: "by_group")
        for group in report.byGroup {
            var figures = groups.nestedContainer(keyedBy: NamedKey.self, forKey: NamedKey(group.group))
            try figures.encode(group.workOrders, forKey: "work_orders")
            try figures.encode(group.responded, forKey: "responded")
            try figures.encode(group.resolved, forKey: "resolved")
            let attainment = report.sla.first { $0.group == group.group }?.attainment
            try figures.encode(attainment?.rounded(places: 4), forKey: "sla_attainment")
            try figures.encode(SummaryView(group.humanFirstResponseMinutes), forKey: "human_first_response_min")
            try figures.encode(
                SummaryView(group.humanFirstResponseBusinessMinutes), forKey: "human_first_response_business_min")
            try figures.encode(SummaryView(group.humanResponseMinutes), forKey: "human_response_min")
            try figures.encode(SummaryView(group.resolutionMinutes), forKey: "resolution_min")
        }
        if let dashboard { try encode(dashboard, into: &container) }
    }

    /// The dashboard's sections, after the report's figures.
    private func encode(_ dashboard: Dashboard, into container: inout KeyedEncodingContainer<NamedKey>) throws {
        var previous = container.nestedContainer(keyedBy: NamedKey.self, forKey: "previous_period")
        try previous.encode(LocalTime(date: dashboard.previousFrom, timeZone: timeZone), forKey: "from")
        try previous.encode(LocalTime(date: dashboard.from, timeZone: timeZone), forKey: "to")
        var figures = container.nestedUnkeyedContainer(forKey: "key_figures")
        for figure in keyFigures {
            var item = figures.nestedContainer(keyedBy: NamedKey.self)
            try item.encode(figure.name, forKey: "name")
            try item.encode(figure.value?.rounded(places: 4), forKey: "value")
            try item.encode(figure.previous?.rounded(places: 4), forKey: "previous")
            try item.encode(figure.change?.rounded(places: 4), forKey: "change")
            try item.encode(figure.better.rawValue, forKey: "better")
            try item.encode(figure.improved, forKey: "improved")
            try item.encode(figure.target?.rounded(places: 4), forKey: "target")
            try item.encode(figure.meetsTarget, forKey: "meets_target")
            try item.encode(figure.targetStatus(at: generated)?.text, forKey: "target_status")
            if let plan = figure.plan {
                var planned = item.nestedContainer(keyedBy: NamedKey.self, forKey: "target_plan")
                try planned.encode(plan.baseline?.rounded(places: 4), forKey: "baseline")
                try planned.encode(plan.share.rounded(places: 4), forKey: "improve")
                try planned.encode(LocalTime(date: plan.from, timeZone: timeZone), forKey: "from")
                try planned.encode(LocalTime(date: plan.deadline, timeZone: timeZone), forKey: "deadline")
                try planned.encode(
                    String(Timestamp.format(plan.deadline.addingTimeInterval(-1), in: timeZone).prefix(10)),
                    forKey: "last_day")
                try planned.encode(
                    plan.measuredFrom.map { LocalTime(date: $0, timeZone: timeZone) }, forKey: "baseline_from")
            }
        }
        var trend = container.nestedContainer(keyedBy: NamedKey.self, forKey: "trend")
        try trend.encode(dashboard.granularity.rawValue, forKey: "by")
        var points = trend.nestedUnkeyedContainer(forKey: "points")
        for point in dashboard.points {
            var item = points.nestedContainer(keyedBy: NamedKey.self)
            try item.encode(LocalTime(date: point.start, timeZone: timeZone), forKey: "start")
            try item.encode(point.messages, forKey: "messages")
            try item.encode(point.automated, forKey: "automated")
            try item.encode(point.clarified, forKey: "clarified")
            try item.encode(point.escalated, forKey: "escalated")
            try item.encode(point.joined, forKey: "joined")
            try item.encode(point.automationRate?.rounded(places: 4), forKey: "automation_rate")
            try item.encode(point.humanFirstResponses.count, forKey: "human_first_responses")
            try item.encode(point.humanFirstResponseMean?.rounded(places: 2), forKey: "human_first_response_mean_min")
            try item.encode(point.humanFirstResponseP90?.rounded(places: 2), forKey: "human_first_response_p90_min")
            try item.encode(point.slaAttainment?.rounded(places: 4), forKey: "sla_attainment")
            try item.encode(point.csat?.rounded(places: 2), forKey: "csat")
            try item.encode(point.isAnomalous, forKey: "anomalous")
        }
        var anomalies = container.nestedContainer(keyedBy: NamedKey.self, forKey: "anomalies")
        try anomalies.encode(Dashboard.anomalyRule, forKey: "rule")
        var days = anomalies.nestedUnkeyedContainer(forKey: "days")
        for anomaly in dashboard.anomalies {
            var item = days.nestedContainer(keyedBy: NamedKey.self)
            try item.encode(LocalTime(date: anomaly.start, timeZone: timeZone), forKey: "start")
            try item.encode(anomaly.meanMinutes.rounded(places: 2), forKey: "mean_min")
            try item.encode(anomaly.typicalMinutes.rounded(places: 2), forKey: "typical_min")
            try item.encode(anomaly.drivers, forKey: "drivers")
        }
        var distribution = container.nestedUnkeyedContainer(forKey: "first_response_distribution")
        for bucket in dashboard.distribution {
            var item = distribution.nestedContainer(keyedBy: NamedKey.self)
            try item.encode(bucket.label, forKey: "label")
            try item.encode(bucket.bot, forKey: "bot")
            try item.encode(bucket.human, forKey: "human")
        }
        var breakdowns = container.nestedContainer(keyedBy: NamedKey.self, forKey: "breakdowns")
        for (name, rows) in [
            ("channel", dashboard.byChannel), ("group", dashboard.byGroup),
            ("problem_type", dashboard.byProblemType), ("agent", dashboard.byAgent),
        ] {
            var list = breakdowns.nestedUnkeyedContainer(forKey: NamedKey(name))
            for row in rows {
                var item = list.nestedContainer(keyedBy: NamedKey.self)
                try item.encode(row.key, forKey: "key")
                try item.encode(row.count, forKey: "count")
                try item.encode(row.firstResponse.mean?.rounded(places: 2), forKey: "first_response_mean_min")
                try item.encode(row.firstResponse.p90?.rounded(places: 2), forKey: "first_response_p90_min")
                try item.encode(row.maxMinutes?.rounded(places: 2), forKey: "first_response_max_min")
                try item.encode(row.resolutionRate?.rounded(places: 4), forKey: "resolution_rate")
                try item.encode(row.csat?.rounded(places: 2), forKey: "csat")
                try item.encode(row.ratings, forKey: "ratings")
            }
        }
        var cases = container.nestedContainer(keyedBy: NamedKey.self, forKey: "cases")
        for (name, list) in [
            ("fast_unsatisfied", dashboard.fastUnsatisfied), ("slow_unsatisfied", dashboard.slowUnsatisfied),
            ("longest_waits", dashboard.longestWaits),
        ] {
            var items = cases.nestedUnkeyedContainer(forKey: NamedKey(name))
            for item in list {
                let record = item.record
                var entry = items.nestedContainer(keyedBy: NamedKey.self)
                try entry.encode(LocalTime(date: record.receivedAt, timeZone: timeZone), forKey: "received")
                try entry.encode(record.conversation, forKey: "conversation")
                try entry.encode(record.channel, forKey: "channel")
                try entry.encode(record.text, forKey: "text")
                try entry.encode(record.decision.rawValue, forKey: "decision")
                try entry.encode(record.group, forKey: "group")
                try entry.encode(record.workOrder?.description, forKey: "work_order")
                try entry.encode(item.waitedMinutes?.rounded(places: 2), forKey: "waited_min")
                try entry.encode(item.isWaiting, forKey: "waiting")
                try entry.encode(record.rating, forKey: "rating")
            }
        }
    }

    /// Count, mean and percentiles of one measure.
    private struct SummaryView: Encodable {
        let summary: Summary
        let places: Int

        init(_ summary: Summary, places: Int = 2) {
            self.summary = summary
            self.places = places
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: NamedKey.self)
            try container.encode(summary.count, forKey: "count")
            try container.encode(summary.mean?.rounded(places: places), forKey: "mean")
            try container.encode(summary.p50?.rounded(places: places), forKey: "p50")
            try container.encode(summary.p90?.rounded(places: places), forKey: "p90")
            try container.encode(summary.p99?.rounded(places: places), forKey: "p99")
        }
    }
}

/// A key named at run time (group and channel names) or by a literal.
struct NamedKey: CodingKey, ExpressibleByStringLiteral {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init(stringLiteral name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
