import Foundation
import JSONRPC
import ResponderCore
import ResponderEngine
import ResponderStore

/// `replay`'s output: a summary a knowledge-base author reads, or one JSON object for CI.
enum ReplayFormatter {
    static func text(
        _ replay: Replay, candidate: KnowledgeBase, baseline: KnowledgeBase, examples: Int, timeZone: TimeZone
    ) -> String {
        let percent = { (value: Double?) in ReportFormatter.amount(value, "%") }
        let minutes = { (value: Double?) in ReportFormatter.amount(value, "min") }
        let pad = { (text: String, width: Int) in ReportFormatter.pad(text, width) }
        var lines = [
            "Replay of \(replay.messages) recorded messages: baseline \(baseline.directory) (\(baseline.entries.count) entries), "
                + "candidate \(candidate.directory) (\(candidate.entries.count) entries)",
            "",
            pad("", 24) + pad("baseline", 12) + "candidate",
            pad("automation rate", 24) + pad(percent(replay.baseline.automationRate), 12)
                + percent(replay.candidate.automationRate),
            pad("blended first response", 24) + pad(minutes(replay.baseline.blendedMeanMinutes), 12)
                + minutes(replay.candidate.blendedMeanMinutes),
            "",
            "answers gained   \(replay.count(.gained))  (escalated or clarified before, answered now)",
            "answers lost     \(replay.count(.lost))",
            "answers changed  \(replay.count(.changed))  (another entry)",
            "regressions      \(replay.regressions.count)  (of \(replay.labelled) messages agents labelled)",
        ]
        if replay.baseline.blendedMeanMinutes == nil || replay.candidate.blendedMeanMinutes == nil {
            lines.append("(no agent replies in the period: an escalation has no first response to blend)")
        }
        if !replay.regressions.isEmpty {
            lines += ["", "Regressions:"]
            for regression in replay.regressions {
                lines.append("  \(regression.workOrder)  \(quoted(regression.text))  \(regression.reason)")
            }
        }
        for kind in Replay.ChangeKind.allCases {
            let changes = replay.changes.filter { $0.kind == kind }
            guard !changes.isEmpty else { continue }
            let title =
                switch kind {
                case .gained: "Gained"
                case .lost: "Lost"
                case .changed: "Changed"
                }
            lines += ["", "\(title) (\(changes.count)\(changes.count > examples ? ", first \(examples)" : "")):"]
            for change in changes.prefix(examples) {
                let day = String(Timestamp.format(change.receivedAt, in: timeZone).prefix(10))
                lines.append(
                    "  \(day)  \(quoted(change.text))  \(verdict(change.baseline)) -> \(verdict(change.candidate))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ replay: Replay, candidate: KnowledgeBase, baseline: KnowledgeBase, timeZone: TimeZone)
        -> JSONValue
    {
        let number = { (value: Double?) -> JSONValue in
            value.map { .number(($0 * 10_000).rounded() / 10_000) } ?? .null
        }
        let figures = { (figures: Replay.Figures, base: KnowledgeBase) -> JSONValue in
            .object([
                ("kb", .string(base.directory)), ("automation_rate", number(figures.automationRate)),
                ("blended_mean_min", number(figures.blendedMeanMinutes)),
            ])
        }
        let verdict = { (verdict: Replay.Verdict) -> JSONValue in
            .object([
                ("decision", .string(verdict.decision.rawValue)), ("entry", verdict.entry.map { .string($0) } ?? .null),
            ])
        }
        let label = { (label: WorkOrderLabel) -> JSONValue in
            switch label {
            case .entry(let entry): .object([("entry", .string(entry))])
            case .newTopic(let topic): .object([("new_topic", .string(topic))])
            }
        }
        return .object([
            ("messages", .number(Double(replay.messages))), ("labelled", .number(Double(replay.labelled))),
            ("baseline", figures(replay.baseline, baseline)), ("candidate", figures(replay.candidate, candidate)),
            ("gained", .number(Double(replay.count(.gained)))), ("lost", .number(Double(replay.count(.lost)))),
            ("changed", .number(Double(replay.count(.changed)))),
            (
                "regressions",
                .array(
                    replay.regressions.map { regression in
                        .object([
                            ("work_order", .string(regression.workOrder.description)),
                            ("text", .string(regression.text)), ("label", label(regression.label)),
                            ("baseline", verdict(regression.baseline)), ("candidate", verdict(regression.candidate)),
                            ("reason", .string(regression.reason)),
                        ])
                    })
            ),
            (
                "changes",
                .array(
                    replay.changes.map { change in
                        .object([
                            ("kind", .string(change.kind.rawValue)), ("text", .string(change.text)),
                            ("received", .string(Timestamp.format(change.receivedAt, in: timeZone))),
                            ("baseline", verdict(change.baseline)), ("candidate", verdict(change.candidate)),
                        ])
                    })
            ),
        ])
    }

    private static func verdict(_ verdict: Replay.Verdict) -> String {
        switch verdict.decision {
        case .answer: verdict.isAutomated ? verdict.entry ?? "answer" : "\(verdict.entry ?? "answer") (+ escalates)"
        default: verdict.decision.rawValue
        }
    }

    /// `text` on one line, in quotes, cut to 60 characters.
    private static func quoted(_ text: String) -> String {
        "\"" + TextWrapping.cut(text.replacingOccurrences(of: "\n", with: " "), to: 60) + "\""
    }
}
