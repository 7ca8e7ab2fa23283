import Foundation
import JSONRPC
import ResponderStore

/// A `Report` as JSON: what `report --json` prints and the protocol's `report` returns.
public enum ReportJSON {
    public static func json(_ report: Report, timeZone: TimeZone) -> JSONValue {
        let time: (Date?) -> JSONValue = { .optional($0.map { Timestamp.format($0, in: timeZone) }) }
        return .object([
            ("period", .object([("from", time(report.from)), ("to", time(report.to))])),
            ("messages", count(report.messages)),
            ("automated", count(report.automated)),
            ("clarified", count(report.clarified)),
            ("escalated", count(report.escalated)),
            ("automation_rate", ratio(report.automationRate)),
            ("bot_response_ms", summary(report.botResponseMs, places: 3)),
            ("human_first_response_min", summary(report.humanFirstResponseMinutes)),
            ("human_first_response_business_min", summary(report.humanFirstResponseBusinessMinutes)),
            ("resolution_min", summary(report.resolutionMinutes)),
            ("first_response_min", summary(report.firstResponseMinutes)),
            (
                "automation_impact",
                .object([
                    ("all_human_mean_min", number(report.automationImpact.allHumanMeanMinutes)),
                    ("blended_mean_min", number(report.automationImpact.blendedMeanMinutes)),
                ])
            ),
            ("awaiting_first_response", count(report.awaitingFirstResponse)),
            ("sla_attainment", .object(report.sla.map { ($0.group, ratio($0.attainment)) })),
            (
                "sla",
                .object(
                    report.sla.map {
                        (
                            $0.group,
                            .object([
                                ("met", count($0.met)), ("breached", count($0.breached)),
                                ("pending", count($0.pending)), ("attainment", ratio($0.attainment)),
                            ])
                        )
                    })
            ),
            (
                "buckets",
                .array(
                    report.buckets.map {
                        .object([
                            ("label", .string($0.label)),
                            ("upper_bound_s", $0.upperBoundSeconds.map { count($0) } ?? .null),
                            ("count", count($0.count)), ("ratings", count($0.ratings)),
                            ("mean_csat", number($0.meanCSAT)),
                        ])
                    })
            ),
            ("csat", .object([("count", count(report.csat.count)), ("mean", number(report.csat.mean))])),
            (
                "by_channel",
                .object(
                    report.byChannel.map {
                        (
                            $0.channel,
                            .object([
                                ("messages", count($0.messages)), ("automated", count($0.automated)),
                                ("escalated", count($0.escalated)), ("automation_rate", ratio($0.automationRate)),
                                ("bot_response_ms_mean", number($0.botResponseMeanMs, places: 3)),
                                ("human_first_response_min", summary($0.humanFirstResponseMinutes)),
                            ])
                        )
                    })
            ),
            (
                "by_group",
                .object(
                    report.byGroup.map { group in
                        (
                            group.group,
                            .object([
                                ("work_orders", count(group.workOrders)), ("responded", count(group.responded)),
                                ("resolved", count(group.resolved)),
                                (
                                    "sla_attainment",
                                    ratio(report.sla.first { $0.group == group.group }?.attainment)
                                ),
                                ("human_first_response_min", summary(group.humanFirstResponseMinutes)),
                                ("human_first_response_business_min", summary(group.humanFirstResponseBusinessMinutes)),
                                ("resolution_min", summary(group.resolutionMinutes)),
                            ])
                        )
                    })
            ),
        ])
    }

    private static func summary(_ summary: Summary, places: Int = 2) -> JSONValue {
        .object([
            ("count", count(summary.count)), ("mean", number(summary.mean, places: places)),
            ("p50", number(summary.p50, places: places)), ("p90", number(summary.p90, places: places)),
            ("p99", number(summary.p99, places: places)),
        ])
    }

    private static func count(_ value: Int) -> JSONValue { .number(Double(value)) }
    private static func ratio(_ value: Double?) -> JSONValue { value.map { .rounded($0) } ?? .null }
    private static func number(_ value: Double?, places: Int = 2) -> JSONValue {
        value.map { .rounded($0, places: places) } ?? .null
    }
}
