import Foundation
import ResponderCore
import ResponderEngine
import ResponderStore

/// The report as CSV for spreadsheets (RFC 4180: comma-separated, fields with commas, quotes or
/// line breaks quoted, CRLF line ends; UTF-8 with a header row).
enum CSVExport {
    /// The assessment template's columns, one row per customer message.
    static let messageColumns = [
        "date", "channel", "first_response_min", "responder", "csat", "problem_type", "group", "work_order",
        "decision", "remark",
    ]

    /// The daily (or weekly) series' columns.
    static let seriesColumns = [
        "date", "messages", "answered", "clarified", "escalated", "joined", "automation_rate",
        "human_first_responses", "human_first_response_mean_min", "human_first_response_p90_min", "sla_attainment",
        "csat", "anomalous",
    ]

    /// How long a remark may be; longer texts are cut with an ellipsis.
    static let remarkLength = 200

    /// One row per message: its time in the desk's zone, channel, first response in minutes (the
    /// bot's or the agent's; empty while waiting, and for a follow-up that joined a work order,
    /// which has none of its own), who responded (`bot` or the agent: `agent 1`...
    /// unless `showAgents`), its rating, problem type, group, work order, decision and text, cut.
    static func messages(_ records: [MessageRecord], timeZone: TimeZone, showAgents: Bool) -> String {
        let names = Dashboard.agentNames(records, showAgents: showAgents)
        var output = line(messageColumns)
        for record in records {
            let responder =
                record.isBotResponse ? "bot" : record.responder.flatMap { names[$0] } ?? ""
            let remark = record.text.map { $0.count > remarkLength ? String($0.prefix(remarkLength - 1)) + "…" : $0 }
            output += line([
                localTime(record.receivedAt, timeZone), inert(record.channel),
                record.joined ? "" : record.responseSeconds.map { minutes($0 / 60) } ?? "",
                inert(responder), record.rating.map(String.init) ?? "", inert(record.problemType),
                inert(record.group ?? ""), record.workOrder.map { "\($0)" } ?? "", record.decision.rawValue,
                inert(remark ?? ""),
            ])
        }
        return output
    }

    /// One row per day (or week) of the trend the HTML chart draws.
    static func series(_ dashboard: Dashboard, timeZone: TimeZone) -> String {
        let number = { (value: Double?, places: Int) in value.map { String(format: "%.\(places)f", $0) } ?? "" }
        var output = line(seriesColumns)
        for point in dashboard.points {
            output += line([
                String(localTime(point.start, timeZone).prefix(10)), String(point.messages), String(point.automated),
                String(point.clarified), String(point.escalated), String(point.joined),
                number(point.automationRate, 4), String(point.humanFirstResponses.count),
                number(point.humanFirstResponseMean, 2), number(point.humanFirstResponseP90, 2),
                number(point.slaAttainment, 4), number(point.csat, 2), point.isAnomalous ? "yes" : "no",
            ])
        }
        return output
    }

    /// `2026-11-23 10:01:02`: a time as spreadsheets read it, in the desk's zone.
    static func localTime(_ date: Date, _ timeZone: TimeZone) -> String {
        Timestamp.format(date, in: timeZone, separator: " ", offset: false)
    }

    /// `text` as a spreadsheet shows it and never runs: a text that starts like a formula (`=`,
    /// `+`, `-`, `@`, their full-width forms, a tab or a carriage return, after any spaces) gets
    /// a leading apostrophe.
    static func inert(_ text: String) -> String {
        let start = text.unicodeScalars.first { !$0.properties.isWhitespace || $0 == "\t" || $0 == "\r" }
        guard let start, "=+-@\t\r＝＋－＠".unicodeScalars.contains(start) else { return text }
        return "'" + text
    }

    /// `12.3456`: minutes to four places, without a formatter (a million of them).
    static func minutes(_ value: Double) -> String {
        let tenThousandths = Int((value * 10_000).rounded())
        let fraction = String(abs(tenThousandths) % 10_000)
        return (tenThousandths < 0 ? "-" : "") + String(abs(tenThousandths) / 10_000) + "."
            + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    /// One CSV record.
    static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    /// A field, quoted when it holds a comma, a quote or a line break (quotes doubled).
    static func quoted(_ field: String) -> String {
        // Bytes, not characters: a comma, a quote or a line break is one ASCII byte (or U+0085,
        // U+2028 and U+2029, which spreadsheets also break lines at).
        let needsQuotes = field.utf8.contains { byte -> Bool in
            switch byte {
            case 0x2C, 0x22, 0x0A, 0x0D, 0xC2, 0xE2: return true
            default: return false
            }
        }
        guard needsQuotes, field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
