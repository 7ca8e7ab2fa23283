import Foundation
import ResponderCore
import ResponderEngine
import ResponderStore

/// Renders work orders for `tickets` and the REPL: a table and a detail view for people
/// (`--json` prints the engine's `WorkOrderView`).
enum WorkOrderFormatter {
    /// One line per work order under a header; long texts are cut to fit.
    static func table(_ workOrders: [WorkOrder], timeZone: TimeZone, now: Date = Date()) -> String {
        guard !workOrders.isEmpty else { return "no work orders\n" }
        let header = ["ID", "STATUS", "PRIORITY", "GROUP", "AGE", "DUE", "AGENT", "TEXT"]
        let rows = workOrders.map { workOrder -> [String] in
            [
                workOrder.id.description, workOrder.status.rawValue, workOrder.priority.rawValue, workOrder.group,
                age(now.timeIntervalSince(workOrder.createdAt)),
                workOrder.slaDue.map { due(workOrder, $0, now: now, timeZone: timeZone) } ?? "-",
                workOrder.agent ?? "-", (workOrder.isTest ? "[test] " : "") + excerpt(workOrder.text, length: 48),
            ]
        }
        let widths = header.indices.dropLast().map { column in
            max(header[column].count, rows.map { $0[column].count }.max() ?? 0)
        }
        let line: ([String]) -> String = { cells in
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + "  " + cells[cells.count - 1]
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// Every field and the conversation (or, without its turns, the agents' replies), for
    /// `tickets show`.
    static func detail(_ view: WorkOrderView) -> String {
        let workOrder = view.workOrder
        let timeZone = view.timeZone
        let time: (Date?) -> String = { $0.map { Timestamp.format($0, in: timeZone) } ?? "-" }
        var output = """
            \(workOrder.id)  \(workOrder.status.rawValue)  \(workOrder.priority.rawValue) priority
            group:          \(workOrder.group) (\(workOrder.routingReason.rawValue); the bot's decision: \(workOrder.decision.rawValue))
            agent:          \(workOrder.agent ?? "-")
            conversation:   \(workOrder.conversation)
            customer:       \(workOrder.customer ?? "-")
            channel:        \(workOrder.channel)\(workOrder.isTest ? " (test traffic)" : "")
            created:        \(time(workOrder.createdAt))
            first response: \(time(workOrder.firstResponseAt))  (due \(time(workOrder.slaDue)))
            resolved:       \(time(workOrder.resolvedAt))\(workOrder.reopenCount > 0 ? "  (reopened \(workOrder.reopenCount)x)" : "")
            message:        \(workOrder.text)

            """
        switch workOrder.label {
        case .entry(let entry): output += "label:          entry \(entry)\n"
        case .newTopic(let topic): output += "label:          new topic \"\(topic)\"\n"
        case nil: break
        }
        if !workOrder.candidates.isEmpty {
            output += "candidates:     "
            output +=
                workOrder.candidates.map { "\($0.intent) \(String(format: "%.2f", $0.confidence))" }
                .joined(separator: ", ") + "\n"
        }
        if let turns = view.turns, !turns.isEmpty {
            output += "conversation:\n"
            for turn in turns { output += Self.turn(turn, timeZone: timeZone) }
        } else {
            for reply in view.replies ?? [] {
                output += "reply from \(reply.agent) at \(time(reply.at)):\n  \(reply.text)\n"
            }
        }
        return output
    }

    /// One turn of the conversation: time, speaker and text, with what the bot did.
    static func turn(_ turn: TurnView, timeZone: TimeZone) -> String {
        let time = Timestamp.format(turn.at, in: timeZone)
        var speaker = turn.from.rawValue
        if let agent = turn.agent { speaker += " " + agent }
        var text = turn.text.map { excerpt($0, length: 160) } ?? "-"
        switch (turn.from, turn.decision) {
        case (.customer, let decision?):
            var notes = [decision.rawValue]
            if let handling = turn.turn.stored { notes.append(handling) }
            if let workOrder = turn.workOrder { notes.append("\(workOrder)") }
            text += "  [\(notes.joined(separator: ", "))]"
        case (.bot, .clarify?):
            text =
                "did you mean: " + turn.options.enumerated().map { "\($0 + 1). \($1.question)" }.joined(separator: "  ")
        case (.bot, _):
            if let intent = turn.intent { text += "  [\(intent)]" }
        default:
            break
        }
        return
            "  \(time)  \(speaker.count < 8 ? speaker.padding(toLength: 8, withPad: " ", startingAt: 0) : speaker)  \(text)\n"
    }

    private static func due(_ workOrder: WorkOrder, _ due: Date, now: Date, timeZone: TimeZone) -> String {
        if let first = workOrder.firstResponseAt { return first <= due ? "met" : "missed" }
        let left = due.timeIntervalSince(now)
        return left < 0 ? "overdue \(age(-left))" : "in \(age(left))"
    }

    /// `45s`, `12m`, `3h`, `2d`.
    static func age(_ seconds: TimeInterval) -> String {
        let seconds = max(0, Int(seconds))
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 86400 { return "\(seconds / 3600)h" }
        return "\(seconds / 86400)d"
    }

    private static func excerpt(_ text: String, length: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= length ? flat : String(flat.prefix(length - 1)) + "…"
    }
}
