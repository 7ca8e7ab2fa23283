import Foundation
import ResponderCore
import ResponderEngine

/// `ask`'s text output: the reply (see `ReplyFormatter`) and the work order it opened.
enum MessageFormatter {
    /// The outcome for people; `recording` false says a work order would have opened (dry run).
    static func text(_ outcome: MessageOutcome, explain: Bool, recording: Bool) -> String {
        guard let reply = outcome.reply else { return retry(outcome) }
        return ReplyFormatter.text(reply, explain: explain) + escalation(outcome, recording: recording)
    }

    /// Where an escalated message went, or nothing when it did not escalate.
    private static func escalation(_ outcome: MessageOutcome, recording: Bool) -> String {
        guard let escalation = outcome.escalation else { return "" }
        let due =
            outcome.slaDue.map { "first response due \(Timestamp.format($0, in: outcome.timeZone))" }
            ?? "no SLA (the business calendar never opens)"
        let routing = "\(escalation.routing.group), priority \(escalation.routing.priority.rawValue), \(due)"
        if let workOrder = outcome.workOrder { return "work order \(workOrder.id): \(routing)\n" }
        return recording
            ? "work order not opened: \(routing)\n" : "would open a work order (dry run): \(routing)\n"
    }

    /// A retried message: the first outcome, as recorded.
    private static func retry(_ outcome: MessageOutcome) -> String {
        var output = "already recorded (same --message-id): \(outcome.decision.rawValue)"
        switch outcome.decision {
        case .answer:
            output += " \(outcome.intent ?? "")\n\(outcome.answer ?? "")\n"
        case .clarify:
            output += "; offered:\n"
            for option in outcome.options { output += "  - \(option.question)  [\(option.intent)]\n" }
        case .escalate:
            output += "\n"
        }
        if let workOrder = outcome.workOrder {
            output += "work order \(workOrder.id): \(workOrder.group), \(workOrder.status.rawValue)\n"
        }
        return output
    }
}
