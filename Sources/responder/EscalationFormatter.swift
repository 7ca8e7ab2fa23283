import Foundation
import JSONRPC
import ResponderCore
import ResponderServer
import ResponderStore

/// Renders the work order a message opened (or, with `--dry-run`, would open).
enum EscalationFormatter {
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
