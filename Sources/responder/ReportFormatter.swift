import Foundation
import ResponderStore

/// Renders a `Report`: JSON (the object `report --json` and the protocol's `report` return) and text.
enum ReportFormatter {
    static func json(_ report: Report, timeZone: TimeZone) -> JSONValue {
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

    static func text(_ report: Report, timeZone: TimeZone) -> String {
        let time: (Date) -> String = { Timestamp.format($0, in: timeZone) }
        let period =
            switch (report.from, report.to) {
            case (nil, nil): "all recorded messages"
            case (let from?, nil): "messages from \(time(from))"
            case (nil, let to?): "messages before \(time(to))"
            case (let from?, let to?): "messages from \(time(from)) to \(time(to))"
            }
        var lines = [
            "Report: \(period)",
            "",
            "messages            \(report.messages)  (answered by the bot \(report.automated), clarified \(report.clarified), escalated \(report.escalated))",
            "automation rate     \(percent(report.automationRate))",
            "bot response        \(describe(report.botResponseMs, unit: "ms", places: 1))",
            "human first reply   \(describe(report.humanFirstResponseMinutes, unit: "min"))",
            "  in business hours \(describe(report.humanFirstResponseBusinessMinutes, unit: "min"))",
            "  still waiting     \(report.awaitingFirstResponse)",
            "resolution          \(describe(report.resolutionMinutes, unit: "min"))",
            "first response, all \(describe(report.firstResponseMinutes, unit: "min"))",
            "  if all human      \(fixed(report.automationImpact.allHumanMeanMinutes, unit: "min")) mean",
            "CSAT                \(fixed(report.csat.mean, unit: "")) mean of \(report.csat.count) ratings",
            "",
            "first response    messages  ratings  mean CSAT",
        ]
        for bucket in report.buckets {
            lines.append(
                pad(bucket.label, 16) + pad(String(bucket.count), 10, left: true)
                    + pad(String(bucket.ratings), 9, left: true) + pad(fixed(bucket.meanCSAT, unit: ""), 11, left: true)
            )
        }
        lines += ["", "group           work orders  responded  resolved  SLA met  first reply p50"]
        for group in report.byGroup {
            let attainment = report.sla.first { $0.group == group.group }?.attainment
            lines.append(
                pad(group.group, 16) + pad(String(group.workOrders), 11, left: true)
                    + pad(String(group.responded), 11, left: true) + pad(String(group.resolved), 10, left: true)
                    + pad(percent(attainment), 9, left: true)
                    + pad(fixed(group.humanFirstResponseMinutes.p50, unit: "min"), 17, left: true))
        }
        lines += ["", "channel         messages  automation  bot mean"]
        for channel in report.byChannel {
            lines.append(
                pad(channel.channel, 16) + pad(String(channel.messages), 8, left: true)
                    + pad(percent(channel.automationRate), 12, left: true)
                    + pad(fixed(channel.botResponseMeanMs, unit: "ms", places: 1), 10, left: true))
        }
        return lines.joined(separator: "\n") + "\n"
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

    private static func describe(_ summary: Summary, unit: String, places: Int = 1) -> String {
        guard summary.count > 0 else { return "-" }
        return
            "mean \(fixed(summary.mean, unit: unit, places: places)), p50 \(fixed(summary.p50, unit: unit, places: places)), "
            + "p90 \(fixed(summary.p90, unit: unit, places: places)), p99 \(fixed(summary.p99, unit: unit, places: places)) (\(summary.count))"
    }

    private static func fixed(_ value: Double?, unit: String, places: Int = 1) -> String {
        guard let value else { return "-" }
        return String(format: "%.\(places)f", value) + (unit.isEmpty ? "" : " \(unit)")
    }

    private static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
    }

    private static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let space = String(repeating: " ", count: max(0, width - text.count))
        return left ? space + text : text + space
    }
}
