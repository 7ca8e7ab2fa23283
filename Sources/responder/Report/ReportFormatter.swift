import Foundation
import ResponderCore
import ResponderEngine
import ResponderStore

/// Renders a `Report` as text for people (`report --json` prints the engine's `ReportView`).
enum ReportFormatter {
    /// The one-screen summary: the key figures against the previous period, the trend as
    /// sparklines, then the report's figures.
    static func text(_ view: ReportView, details: Bool = false) -> String {
        guard view.dashboard != nil else { return text(view.report, timeZone: view.timeZone) }
        if details { return summary(view) + "\n" + text(view.report, timeZone: view.timeZone) }
        let report = view.report
        var lines = [""] + bucketTable(report)
        lines += [
            "",
            "every response      \(describe(report.responseMinutes, unit: "min"))",
            "waiting             \(report.awaitingFirstResponse) work orders without a first response, "
                + "\(report.awaitingResponse) messages without a response",
            "",
            "--details adds every figure (groups, channels, business hours, resolution); --format html draws it all.",
        ]
        return summary(view) + lines.joined(separator: "\n") + "\n"
    }

    /// The key figures against the previous period and the trend as sparklines, with the
    /// anomalous days (`report`'s first screen, and the REPL's `:stats`).
    static func summary(_ view: ReportView) -> String {
        guard let dashboard = view.dashboard else { return "" }
        let zone = view.timeZone
        let day = { (date: Date) in String(Timestamp.format(date, in: zone).prefix(10)) }
        var lines = [
            "Report \(day(dashboard.from)) to \(day(dashboard.to.addingTimeInterval(-1))) (\(zone.identifier)), "
                + "against \(day(dashboard.previousFrom)) to \(day(dashboard.from.addingTimeInterval(-1)))",
            "",
        ]
        for figure in view.keyFigures {
            let arrow = figure.improved.map { $0 ? "better" : "worse" } ?? ""
            var target =
                figure.target.map { target in
                    "  target \(figure.better == .down ? "<=" : ">=") \(amount(target, figure.unit))"
                } ?? ""
            if let plan = figure.plan {
                if plan.baseline == nil { target = "  target -" }
                target += " by \(day(plan.deadline.addingTimeInterval(-1)))"
            }
            if let status = figure.targetStatus(at: view.generated) { target += " (\(status.text))" }
            lines.append(
                pad(figure.label, 27) + pad(amount(figure.value, figure.unit), 11, left: true) + "  was "
                    + pad(amount(figure.previous, figure.unit), 10) + pad(arrow, 7) + target)
        }
        let points = dashboard.points
        lines += [
            "",
            "trend by \(dashboard.granularity.rawValue), \(day(points.first?.start ?? dashboard.from)) to \(day(points.last?.start ?? dashboard.from)):",
            "  messages             \(sparkline(points.map { Double($0.messages) }))",
            "  automation rate      \(sparkline(points.map(\.automationRate)))",
            "  human first response \(sparkline(points.map(\.humanFirstResponseMean)))",
        ]
        for anomaly in dashboard.anomalies {
            lines.append(
                "  anomalous \(day(anomaly.start)): human first response \(fixed(anomaly.meanMinutes, unit: "min")) "
                    + "against a typical \(fixed(anomaly.typicalMinutes, unit: "min")); \(anomaly.drivers.first ?? "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The first-response buckets with their ratings and mean CSAT, under a header.
    private static func bucketTable(_ report: Report) -> [String] {
        ["first response    messages  ratings  mean CSAT"]
            + report.buckets.map { bucket in
                pad(bucket.label, 16) + pad(String(bucket.count), 10, left: true)
                    + pad(String(bucket.ratings), 9, left: true) + pad(fixed(bucket.meanCSAT, unit: ""), 11, left: true)
            }
    }

    /// `▁▂▅█`: one block per value, scaled from the smallest to the largest; a gap for none.
    static func sparkline(_ values: [Double?]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        let known = values.compactMap { $0 }
        guard let low = known.min(), let high = known.max() else { return "-" }
        let span = high - low
        return String(
            values.map { value in
                guard let value else { return " " }
                let level = span == 0 ? 3 : Int(((value - low) / span * 7).rounded())
                return blocks[min(max(level, 0), 7)]
            }) + "  (\(fixed(low, unit: "")) to \(fixed(high, unit: "")))"
    }

    /// `value` in `unit` as the reports print it: `61.3%`, `0.42 ms`, `8.2 min`, `-` for none.
    static func amount(_ value: Double?, _ unit: String) -> String {
        guard let value else { return "-" }
        switch unit {
        case "%": return percent(value)
        case "ms": return fixed(value, unit: "ms", places: 2)
        case "min": return fixed(value, unit: "min")
        default: return value == value.rounded() ? String(Int(value)) : fixed(value, unit: "", places: 2)
        }
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
            "messages            \(report.messages)  (answered by the bot \(report.automated), clarified \(report.clarified), escalated \(report.escalated), joined an open work order \(report.joined))",
            "automation rate     \(percent(report.automationRate))",
            "bot response        \(describe(report.botResponseMs, unit: "ms", places: 1))",
            "human first reply   \(describe(report.humanFirstResponseMinutes, unit: "min"))",
            "  in business hours \(describe(report.humanFirstResponseBusinessMinutes, unit: "min"))",
            "  still waiting     \(report.awaitingFirstResponse)",
            "resolution          \(describe(report.resolutionMinutes, unit: "min"))",
            "first response, all \(describe(report.firstResponseMinutes, unit: "min"))",
            "  if all human      \(fixed(report.automationImpact.allHumanMeanMinutes, unit: "min")) mean",
            "every response, all \(describe(report.responseMinutes, unit: "min"))",
            "every human reply   \(describe(report.humanResponseMinutes, unit: "min"))",
            "  still waiting     \(report.awaitingResponse)",
            "CSAT                \(fixed(report.csat.mean, unit: "")) mean of \(report.csat.count) ratings",
            "",
        ]
        lines += bucketTable(report)
        lines += [
            "",
            pad("group", 16) + pad("work orders", 11, left: true) + pad("responded", 11, left: true)
                + pad("resolved", 10, left: true) + pad("SLA met", 9, left: true)
                + pad("first reply mean", 18, left: true) + pad("p50", 10, left: true)
                + pad("every reply mean", 18, left: true) + pad("p50", 10, left: true),
        ]
        for group in report.byGroup {
            let attainment = report.sla.first { $0.group == group.group }?.attainment
            lines.append(
                pad(group.group, 16) + pad(String(group.workOrders), 11, left: true)
                    + pad(String(group.responded), 11, left: true) + pad(String(group.resolved), 10, left: true)
                    + pad(percent(attainment), 9, left: true)
                    + pad(fixed(group.humanFirstResponseMinutes.mean, unit: "min"), 18, left: true)
                    + pad(fixed(group.humanFirstResponseMinutes.p50, unit: "min"), 10, left: true)
                    + pad(fixed(group.humanResponseMinutes.mean, unit: "min"), 18, left: true)
                    + pad(fixed(group.humanResponseMinutes.p50, unit: "min"), 10, left: true))
        }
        lines += [
            "",
            pad("channel", 16) + pad("messages", 8, left: true) + pad("automation", 12, left: true)
                + pad("bot mean", 10, left: true) + pad("first response mean", 21, left: true)
                + pad("every response mean", 21, left: true),
        ]
        for channel in report.byChannel {
            lines.append(
                pad(channel.channel, 16) + pad(String(channel.messages), 8, left: true)
                    + pad(percent(channel.automationRate), 12, left: true)
                    + pad(fixed(channel.botResponseMeanMs, unit: "ms", places: 1), 10, left: true)
                    + pad(fixed(channel.firstResponseMinutes.mean, unit: "min", places: 2), 21, left: true)
                    + pad(fixed(channel.responseMinutes.mean, unit: "min", places: 2), 21, left: true))
        }
        return lines.joined(separator: "\n") + "\n"
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

    /// `text` padded with spaces to `width` (on the left with `left`), for columns.
    static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let space = String(repeating: " ", count: max(0, width - text.count))
        return left ? space + text : text + space
    }
}
