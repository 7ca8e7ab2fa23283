import Foundation
import ResponderCore
import ResponderEngine
import ResponderStore

/// The report as one self-contained HTML page: inline CSS and SVG charts, no script, no network;
/// it opens from a file and prints on A4.
enum HTMLReport {
    static func page(_ view: ReportView, generated: Date) -> String {
        guard let dashboard = view.dashboard else { return "" }
        let zone = view.timeZone
        let day = { (date: Date) in Timestamp.format(date, in: zone).prefix(10) }
        let lastDay = dashboard.to.addingTimeInterval(-1)
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Responder report \(day(dashboard.from)) to \(day(lastDay))</title>
            <style>\(style)</style></head><body>
            <header><h1>Support report</h1>
            <p>\(day(dashboard.from)) to \(day(lastDay)) (\(escape(zone.identifier))), compared with
            \(day(dashboard.previousFrom)) to \(day(dashboard.from.addingTimeInterval(-1))).
            Generated \(escape(Timestamp.format(generated, in: zone))). Test traffic is left out; a message sent twice counts once.</p></header>

            """
        html += keyFigures(view.keyFigures)
        html += targets(view.keyFigures, dashboard, zone: zone, now: generated)
        html += trend(dashboard, zone: zone)
        html += speedAndSatisfaction(view.report, dashboard)
        html += breakdowns(dashboard)
        html += cases(dashboard, zone: zone)
        return html + "</body></html>\n"
    }

    // MARK: - Sections

    private static func keyFigures(_ figures: [KeyFigure]) -> String {
        var html = "<section><h2>Key figures</h2><div class=\"cards\">"
        for figure in figures {
            let tone = figure.improved.map { $0 ? "good" : "bad" } ?? "flat"
            let arrow = (figure.change ?? 0) > 0 ? "▲" : (figure.change ?? 0) < 0 ? "▼" : "■"
            let verdict = figure.improved.map { $0 ? " better" : " worse" } ?? ""
            let change =
                figure.change.map { "\(arrow) \(signed($0, unit: figure.unit))\(verdict)" } ?? "no previous figure"
            html += """
                <div class="card \(tone)"><div class="label">\(escape(figure.label))</div>
                <div class="value">\(value(figure.value, unit: figure.unit))</div>
                <div class="change">\(escape(change)) <span class="muted">vs \(value(figure.previous, unit: figure.unit))</span></div></div>
                """
        }
        return html + "</div></section>\n"
    }

    private static func targets(_ figures: [KeyFigure], _ dashboard: Dashboard, zone: TimeZone, now: Date) -> String {
        let targeted = figures.filter { $0.target != nil || $0.plan != nil }
        guard !targeted.isEmpty else {
            return
                "<section><h2>Targets</h2><p class=\"muted\">No targets: settings.yaml may set <code>targets:</code> (automation_rate, first_response_mean, human_first_response_mean, sla_attainment, csat), each a value or an improvement such as <code>{improve: 10%, from: 2026-11-01, within: 30d}</code>.</p></section>\n"
        }
        let day = { (date: Date) in escape(String(Timestamp.format(date, in: zone).prefix(10))) }
        var html =
            "<section><h2>Targets</h2><table><tr><th>Figure</th><th>Now</th><th>Target</th><th>Status</th><th>Trend</th></tr>"
        for figure in targeted {
            let status = figure.targetStatus(at: now)
            let met =
                status.map { status in
                    let style = status == .met ? "good" : status == .missed || status == .notMet ? "bad" : "muted"
                    return "<span class=\"\(style)\">\(escape(status.text))</span>"
                } ?? "-"
            let trend: [Double?] =
                switch figure.name {
                case "automation_rate": dashboard.points.map(\.automationRate)
                case "human_first_response_mean_min": dashboard.points.map(\.humanFirstResponseMean)
                case "sla_attainment": dashboard.points.map(\.slaAttainment)
                case "csat": dashboard.points.map(\.csat)
                case "first_response_mean_min": dashboard.points.map(\.firstResponseMean)
                default: []
                }
            var target = "\(figure.better == .down ? "at most" : "at least") \(value(figure.target, unit: figure.unit))"
            if let plan = figure.plan {
                let direction = figure.better == .down ? "below" : "above"
                let measured =
                    plan.measuredFrom.map { " (\(day($0)) to \(day(plan.from.addingTimeInterval(-1))))" } ?? ""
                target =
                    (plan.baseline == nil ? "-" : target) + " by \(day(plan.deadline.addingTimeInterval(-1)))"
                    + "<br><span class=\"muted\">\(percentage(plan.share)) \(direction) "
                    + "\(value(plan.baseline, unit: figure.unit))\(measured), from \(day(plan.from))</span>"
            }
            html +=
                "<tr><td>\(escape(figure.label))</td><td>\(value(figure.value, unit: figure.unit))</td><td>\(target)</td><td>\(met)</td><td>\(SVGChart.sparkline(trend, label: "\(figure.label) by \(dashboard.granularity.rawValue)"))</td></tr>"
        }
        return html + "</table></section>\n"
    }

    /// 0.1 as "10%", 0.125 as "12.5%".
    private static func percentage(_ share: Double) -> String {
        let percent = (share * 1000).rounded() / 10
        return percent == percent.rounded() ? "\(Int(percent))%" : "\(percent)%"
    }

    private static func trend(_ dashboard: Dashboard, zone: TimeZone) -> String {
        let points = dashboard.points
        let labels = points.map { String(Timestamp.format($0.start, in: zone).dropFirst(5).prefix(5)) }
        let marked = Set(points.indices.filter { points[$0].isAnomalous })
        let volume = SVGChart.bars(
            labels: labels,
            stacked: [
                .init(name: "answered", color: "#2e9e5b", values: points.map { Double($0.automated) }),
                .init(
                    name: "clarified", color: "#e0b020",
                    values: points.map { Double($0.clarified) }),
                .init(name: "escalated", color: "#b04fb0", values: points.map { Double($0.escalated) }),
                .init(name: "joined a work order", color: "#8a8fd8", values: points.map { Double($0.joined) }),
            ],
            lines: [.init(name: "automation rate", color: "#1f4e79", values: points.map(\.automationRate))],
            marked: marked, title: "Messages per \(dashboard.granularity.rawValue) and automation rate")
        let response = SVGChart.lines(
            labels: labels,
            series: [
                .init(
                    name: "human first response mean", color: "#c0392b", values: points.map(\.humanFirstResponseMean)),
                .init(name: "p90", color: "#e8a09a", values: points.map(\.humanFirstResponseP90)),
            ], unit: "min", marked: marked, title: "Human first response per \(dashboard.granularity.rawValue)")
        var html = """
            <section><h2>Trend by \(dashboard.granularity.rawValue)</h2>
            <figure>\(volume)<figcaption>Messages answered by the bot alone, clarified, escalated, and follow-ups that joined a work order; the line is the automation rate (right axis).</figcaption></figure>
            <figure>\(response)<figcaption>Human first response, in minutes, of the work orders opened each \(dashboard.granularity.rawValue), mean and p90; anomalous ones are shaded red.</figcaption></figure>

            """
        html +=
            "<h3>Anomalous \(dashboard.granularity.rawValue)s</h3><p class=\"muted\">How it is decided: \(escape(Dashboard.anomalyRule)).</p>"
        if dashboard.anomalies.isEmpty {
            html += "<p>None in this period.</p>"
        } else {
            html +=
                "<table><tr><th>\(dashboard.granularity == .day ? "Day" : "Week of")</th><th>Mean first response</th><th>Typical</th><th>What drove it</th></tr>"
            for anomaly in dashboard.anomalies {
                html +=
                    "<tr class=\"bad-row\"><td>\(Timestamp.format(anomaly.start, in: zone).prefix(10))</td><td>\(minutes(anomaly.meanMinutes))</td><td>\(minutes(anomaly.typicalMinutes))</td><td>\(anomaly.drivers.map(escape).joined(separator: "<br>"))</td></tr>"
            }
            html += "</table>"
        }
        return html + "</section>\n"
    }

    private static func speedAndSatisfaction(_ report: Report, _ dashboard: Dashboard) -> String {
        let labels = report.buckets.map(\.label)
        let csat = SVGChart.groupedBars(
            labels: labels.enumerated().map { "\($1) (\(report.buckets[$0].ratings) rated)" },
            series: [.init(name: "mean CSAT", color: "#2c6fbb", values: report.buckets.map(\.meanCSAT))],
            maximum: 5, valueFormat: { String(format: "%.2f", $0) }, title: "Mean CSAT by first response time")
        let split = SVGChart.groupedBars(
            labels: dashboard.distribution.map(\.label),
            series: [
                .init(name: "bot", color: "#2e9e5b", values: dashboard.distribution.map { Double($0.bot) }),
                .init(name: "human", color: "#c0392b", values: dashboard.distribution.map { Double($0.human) }),
            ], title: "First responses by time: bot against human")
        return """
            <section><h2>Response speed and satisfaction</h2>
            <figure>\(csat)<figcaption>Mean CSAT (1-5) of the messages whose first response fell in each range.</figcaption></figure>
            <figure>\(split)<figcaption>How many first responses fell in each range, the bot's and the agents'.</figcaption></figure>
            </section>

            """
    }

    private static func breakdowns(_ dashboard: Dashboard) -> String {
        var html = "<section><h2>Breakdowns</h2>"
        for (title, rows) in [
            ("By channel", dashboard.byChannel), ("By group", dashboard.byGroup),
            ("By problem type", dashboard.byProblemType), ("By agent", dashboard.byAgent),
        ] {
            html += "<h3>\(title)</h3>"
            guard !rows.isEmpty else {
                html += "<p class=\"muted\">Nothing in this period.</p>"
                continue
            }
            html +=
                "<table><tr><th></th><th class=\"n\">Messages</th><th class=\"n\">First response mean</th><th class=\"n\">p90</th><th class=\"n\">max</th><th class=\"n\">Resolved</th><th class=\"n\">CSAT</th></tr>"
            for row in rows.prefix(25) {
                html +=
                    "<tr><td>\(escape(row.key))</td><td class=\"n\">\(row.count)</td><td class=\"n\">\(minutes(row.firstResponse.mean))</td><td class=\"n\">\(minutes(row.firstResponse.p90))</td><td class=\"n\">\(minutes(row.maxMinutes))</td><td class=\"n\">\(value(row.resolutionRate, unit: "%"))</td><td class=\"n\">\(row.csat.map { String(format: "%.2f", $0) } ?? "-") <span class=\"muted\">(\(row.ratings))</span></td></tr>"
            }
            if rows.count > 25 { html += "<tr><td colspan=\"7\" class=\"muted\">… \(rows.count - 25) more</td></tr>" }
            html += "</table>"
        }
        return html + "</section>\n"
    }

    private static func cases(_ dashboard: Dashboard, zone: TimeZone) -> String {
        var html = "<section><h2>Cases worth reading</h2>"
        for (title, list) in [
            ("Fast but unsatisfied (rated 1-2)", dashboard.fastUnsatisfied),
            ("Slow and unsatisfied (rated 1-2)", dashboard.slowUnsatisfied),
            ("Escalations that waited longest", dashboard.longestWaits),
        ] {
            html += "<h3>\(title)</h3>"
            guard !list.isEmpty else {
                html += "<p class=\"muted\">None.</p>"
                continue
            }
            html +=
                "<table><tr><th>Received</th><th>Message</th><th>Group</th><th>Work order</th><th>Waited</th><th>Rating</th></tr>"
            for item in list {
                let record = item.record
                let text = record.text.map { $0.count > 160 ? String($0.prefix(159)) + "…" : $0 } ?? "-"
                html +=
                    "<tr><td>\(Timestamp.format(record.receivedAt, in: zone).prefix(16).replacingOccurrences(of: "T", with: " "))</td><td>\(escape(text))</td><td>\(escape(record.group ?? "bot"))</td><td>\(record.workOrder.map { "\($0)" } ?? "-")</td><td class=\"n\">\(minutes(item.waitedMinutes))\(item.isWaiting ? " <span class=\"bad\">waiting</span>" : "")</td><td class=\"n\">\(record.rating.map(String.init) ?? "-")</td></tr>"
            }
            html += "</table>"
        }
        return html + "</section>\n"
    }

    // MARK: - Formatting

    private static func value(_ value: Double?, unit: String) -> String {
        guard let value else { return "-" }
        switch unit {
        case "%": return String(format: "%.1f%%", value * 100)
        case "ms": return String(format: "%.2f ms", value)
        case "min": return minutes(value)
        default: return value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
        }
    }

    private static func signed(_ change: Double, unit: String) -> String {
        let sign = change > 0 ? "+" : change < 0 ? "−" : "±"
        let magnitude = abs(change)
        switch unit {
        case "%": return sign + String(format: "%.1f pt", magnitude * 100)
        case "":
            return sign
                + (magnitude == magnitude.rounded() ? String(Int(magnitude)) : String(format: "%.2f", magnitude))
        default: return sign + value(magnitude, unit: unit)
        }
    }

    /// `0.6 ms`, `42 s`, `12.5 min`, `3.2 h`.
    static func minutes(_ value: Double?) -> String {
        guard let value else { return "-" }
        if value * 60 < 1 { return String(format: "%.1f ms", value * 60_000) }
        if value < 1 { return String(format: "%.0f s", value * 60) }
        if value < 120 { return String(format: "%.1f min", value) }
        return String(format: "%.1f h", value / 60)
    }

    private static func escape(_ text: String) -> String { SVGChart.escape(text) }

    private static let style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;color:#1d2733;margin:24px auto;max-width:1080px;padding:0 16px}
        h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d8dee6;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
        .muted{color:#6b7785}.good{color:#1e7b45}.bad{color:#b3261e}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:10px}
        .card{border:1px solid #d8dee6;border-left:5px solid #9aa5b1;border-radius:6px;padding:8px 12px;background:#fafbfc}
        .card.good{border-left-color:#2e9e5b}.card.bad{border-left-color:#c0392b}.card .label{color:#6b7785;font-size:12px}
        .card .value{font-size:22px;font-weight:600}.card.good .change{color:#1e7b45}.card.bad .change{color:#b3261e}.card .change{font-size:12px}
        table{border-collapse:collapse;width:100%;margin:4px 0 8px;font-size:13px}th,td{border-bottom:1px solid #e6eaef;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#f3f5f8;font-weight:600}td.n,th.n{text-align:right;white-space:nowrap}tr.bad-row td{background:#fdf0ef}
        figure{margin:8px 0 16px}figcaption{color:#6b7785;font-size:12px}svg.chart{width:100%;height:auto;background:#fff}
        .grid{stroke:#e6eaef}.tick{font-size:11px;fill:#6b7785}.value{font-size:11px;fill:#1d2733}
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        @page{size:A4;margin:12mm}
        @media print{body{margin:0;max-width:none;font-size:11px}section,figure,table{break-inside:avoid}h2{break-after:avoid}}
        """
}
