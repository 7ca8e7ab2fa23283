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

    /// A view of `report` in `timeZone`.
    public init(_ report: Report, timeZone: TimeZone) {
        self.report = report
        self.timeZone = timeZone
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
