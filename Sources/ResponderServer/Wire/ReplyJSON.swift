import Foundation
import JSONRPC
import ResponderCore
import ResponderStore

/// The engine's reply to a message as JSON: what `ask --json` prints and the protocol's
/// `message` returns.
public enum ReplyJSON {
    /// The reply's JSON fields; commands add their own after them.
    public static func fields(_ reply: Reply, explain: Bool) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = [
            ("decision", .string(reply.decision.rawValue)),
            ("intent", .optional(reply.intent)),
            ("confidence", .rounded(reply.confidence)),
            ("answer", .optional(reply.answer)),
            ("locale", .string(reply.locale)),
            (
                "candidates",
                .array(
                    reply.match.candidates.map { candidate in
                        var item: [(String, JSONValue)] = [
                            ("intent", .string(candidate.intent)), ("confidence", .rounded(candidate.confidence)),
                        ]
                        if explain {
                            item.append(("score", .rounded(candidate.score)))
                            item.append(("contributions", .array(candidate.contributions.map(json))))
                            if let calibration = candidate.calibration {
                                item.append(("calibration", json(calibration)))
                            }
                        }
                        return .object(item)
                    })
            ),
        ]
        if reply.decision == .clarify {
            fields.append(
                (
                    "options",
                    .array(
                        reply.options.map {
                            .object([("intent", .string($0.intent)), ("question", .string($0.question))])
                        })
                ))
        }
        if let group = reply.escalateTo { fields.append(("escalate", .string(group))) }
        return fields
    }

    /// How the confidence was made: the logit's bias and each feature's value, weight and share.
    private static func json(_ calibration: ConfidenceBreakdown) -> JSONValue {
        .object([
            ("origin", .string(calibration.origin.rawValue)),
            ("bias", .rounded(calibration.bias)),
            (
                "features",
                .array(
                    calibration.terms.map { term in
                        .object([
                            ("name", .string(term.name)), ("value", .rounded(term.value)),
                            ("weight", .rounded(term.weight)), ("contribution", .rounded(term.contribution)),
                        ])
                    })
            ),
            ("logit", .rounded(calibration.logit)),
        ])
    }

    private static func json(_ contribution: Contribution) -> JSONValue {
        switch contribution.source {
        case .term(let term):
            return .object([
                ("term", .string(term.text)), ("family", .string(term.family.name)),
                ("score", .rounded(contribution.score)),
            ])
        case .pattern(let source, let location):
            return .object([
                ("pattern", .string(source)), ("location", .string(location.description)),
                ("score", .rounded(contribution.score)),
            ])
        }
    }

    /// `work_order`, `group`, `priority`, `sla_due`: null when the message was not escalated.
    public static func escalationFields(
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

    /// A retried message's first outcome, as recorded (`duplicate` true): the answer is the
    /// recorded entry's, in the recorded locale.
    public static func storedFields(
        _ stored: StoredMessage, base: KnowledgeBase, timeZone: TimeZone
    ) -> [(String, JSONValue)] {
        let answer =
            stored.decision == .answer
            ? stored.intent.flatMap { base.entry($0) }?.answer(
                locale: stored.locale, fallback: base.settings.defaultLocale) : nil
        let workOrder = stored.workOrder
        return [
            ("decision", .string(stored.decision.rawValue)),
            ("intent", stored.decision == .answer ? .optional(stored.intent) : .null),
            ("confidence", .rounded(stored.confidence)),
            ("answer", .optional(answer)),
            ("locale", .optional(stored.locale)),
            ("candidates", .array([])),
            ("work_order", .optional(workOrder?.id.description)),
            ("group", .optional(workOrder?.group)),
            ("priority", .optional(workOrder?.priority.rawValue)),
            ("sla_due", .optional(workOrder?.slaDue.map { Timestamp.format($0, in: timeZone) })),
            ("duplicate", .bool(true)),
            ("latency_us", .number(Double(stored.latencyMicroseconds))),
        ]
    }
}
