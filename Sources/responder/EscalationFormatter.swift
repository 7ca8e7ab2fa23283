import Foundation
import ResponderCore
import ResponderStore

/// Renders the work order a message opened (or, with `--dry-run`, would open).
enum EscalationFormatter {
    /// `work_order`, `group`, `priority`, `sla_due`: null when the message was not escalated.
    static func jsonFields(
        _ escalation: Escalation?, recorded: RecordedMessage?, timeZone: TimeZone
    ) -> [(String, JSONValue)] {
        [
            ("work_order", .optional(recorded?.workOrder?.id.description)),
            ("group", .optional(escalation?.routing.group)),
            ("priority", .optional(escalation?.routing.priority.rawValue)),
            ("sla_due", .optional(escalation?.slaDue.map { Timestamp.format($0, in: timeZone) })),
            ("duplicate", .bool(recorded?.isDuplicate ?? false)),
        ]
    }

    static func text(_ escalation: Escalation?, recorded: RecordedMessage?, timeZone: TimeZone) -> String {
        guard let escalation else { return "" }
        var output = ""
        let due =
            escalation.slaDue.map { "first response due \(Timestamp.format($0, in: timeZone))" }
            ?? "no SLA (the business calendar never opens)"
        let routing = "\(escalation.routing.group), priority \(escalation.routing.priority.rawValue), \(due)"
        if let workOrder = recorded?.workOrder {
            output += "work order \(workOrder.id): \(routing)\n"
        } else {
            output += "would open a work order (dry run): \(routing)\n"
        }
        return output
    }
}
