import Foundation
import ResponderCore
import ResponderEngine

/// `ask`'s text output: the reply (see `ReplyFormatter`) and the work order it opened.
enum MessageFormatter {
    /// The outcome for people; `recording` false says a work order would have opened (dry run).
    static func text(_ outcome: MessageOutcome, explain: Bool, recording: Bool) -> String {
        guard let reply = outcome.reply else { return retry(outcome) }
        return ReplyFormatter.text(reply, explain: explain) + conversation(outcome)
            + escalation(outcome, recording: recording)
    }

    /// What the conversation made of the message, when it made something of it.
    static func conversation(_ outcome: MessageOutcome) -> String {
        switch outcome.turn {
        case .matched:
            return ""
        case .picked(let option, let pick):
            return "answers the clarification: option \(option + 1), picked by \(pick.rawValue)\n"
        case .joined:
            let id = outcome.workOrder.map { "\($0.id)" } ?? "its work order"
            let state =
                outcome.conversationState.map { " (\($0.rawValue.replacingOccurrences(of: "_", with: " ")))" } ?? ""
            return "joined \(id)\(state): the conversation is with a person\n"
                + (outcome.acknowledgement.map { "acknowledgement: \($0)\n" }
                    ?? "no acknowledgement (the base sends none)\n")
        case .handedOff(let failures):
            return "\(failures) messages in a row the bot could not answer: handed to a person\n"
        }
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
        case .escalate, .handoff:
            output += "\n"
        }
        output += conversation(outcome)
        if let workOrder = outcome.workOrder {
            output += "work order \(workOrder.id): \(workOrder.group), \(workOrder.status.rawValue)\n"
        }
        return output
    }
}
