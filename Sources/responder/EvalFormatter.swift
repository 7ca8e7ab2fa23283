import Foundation
import JSONRPC
import ResponderCore

/// Renders evaluation results as a table for people or JSON for scripts.
enum EvalFormatter {
    static func json(
        _ report: EvaluationReport, calibration: CalibrationReport, sweep: ThresholdSweep?, unknownIntents: [String]
    ) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            // A rate over no lines is null, not 0.
            ("in_scope_accuracy", report.inScope == 0 ? .null : .rounded(report.inScopeAccuracy)),
            ("oos_recall", report.outOfScope == 0 ? .null : .rounded(report.outOfScopeRecall)),
            ("accuracy", .rounded(report.accuracy)),
            ("escalation_rate", .rounded(report.escalationRate)),
            ("clarification_rate", .rounded(report.clarificationRate)),
            ("threshold", .rounded(report.policy.threshold)),
            ("margin", .rounded(report.policy.margin)),
            ("lines", .number(Double(report.lines))),
            ("in_scope", .number(Double(report.inScope))),
            ("out_of_scope", .number(Double(report.outOfScope))),
            (
                "worst_intents",
                .array(
                    report.worstIntents.map { score in
                        .object([
                            ("intent", .string(score.intent)), ("f1", .rounded(score.f1)),
                            ("precision", .rounded(score.precision)),
                            ("recall", .rounded(score.recall)), ("support", .number(Double(score.support))),
                        ])
                    })
            ),
            (
                "confusions",
                .array(
                    report.confusions.map { confusion in
                        .object([
                            ("expected", .string(confusion.expected)), ("answered", .string(confusion.answered)),
                            ("count", .number(Double(confusion.count))),
                        ])
                    })
            ),
            ("unknown_intents", .array(unknownIntents.map { .string($0) })),
            ("top1_accuracy", report.inScope == 0 ? .null : .rounded(calibration.topOneAccuracy)),
            ("ece", .rounded(calibration.expectedCalibrationError)),
            (
                "reliability",
                .array(
                    calibration.reliability.map { bin in
                        .object([
                            ("from", .rounded(bin.lower)), ("to", .rounded(bin.upper)),
                            ("count", .number(Double(bin.count))),
                            ("mean_confidence", bin.count == 0 ? .null : .rounded(bin.meanConfidence)),
                            ("accuracy", bin.count == 0 ? .null : .rounded(bin.accuracy)),
                        ])
                    })
            ),
            (
                "coverage_curve",
                .array(
                    calibration.coverage.map { point in
                        .object([
                            ("threshold", .rounded(point.threshold)), ("answered", .rounded(point.answered)),
                            ("answer_accuracy", point.answerAccuracy.map { .rounded($0) } ?? .null),
                            ("accuracy", .rounded(point.accuracy)),
                        ])
                    })
            ),
        ]
        if let sweep {
            fields.append(
                (
                    "sweep",
                    .array(
                        sweep.rows.map { row in
                            .object([
                                ("threshold", .rounded(row.threshold)), ("accuracy", .rounded(row.accuracy)),
                                ("in_scope_accuracy", .rounded(row.inScopeAccuracy)),
                                ("oos_recall", .rounded(row.outOfScopeRecall)),
                            ])
                        })
                ))
        }
        return .object(fields)
    }

    static func text(
        _ report: EvaluationReport, calibration: CalibrationReport, sweep: ThresholdSweep?, base: KnowledgeBase,
        file: String, unknownIntents: [String]
    ) -> String {
        let f = ReplyFormatter.format
        var output = """
            data                 \(file): \(report.lines) lines, \(report.inScope) in scope, \(report.outOfScope) out of scope
            knowledge base       \(base.directory): \(base.entries.count) entries
            threshold            \(f(report.policy.threshold))\(sweep == nil ? "" : " (best of the sweep)")
            margin               \(f(report.policy.margin))

            in-scope accuracy    \(report.inScope == 0 ? "n/a (no in-scope lines)" : f(report.inScopeAccuracy))
            out-of-scope recall  \(report.outOfScope == 0 ? "n/a (no out-of-scope lines)" : f(report.outOfScopeRecall))
            accuracy, all lines  \(f(report.accuracy))
            escalation rate      \(f(report.escalationRate))
            clarification rate   \(f(report.clarificationRate))
            top-1 accuracy       \(report.inScope == 0 ? "n/a (no in-scope lines)" : f(calibration.topOneAccuracy)) (right entry ranked first, any confidence)
            calibration error    \(f(calibration.expectedCalibrationError)) (ECE: mean gap between confidence and how often the top entry is right)

            """
        if !unknownIntents.isEmpty {
            output +=
                "intents not in the knowledge base (\(unknownIntents.count)): \(unknownIntents.prefix(10).joined(separator: ", "))\n\n"
        }
        if !report.worstIntents.isEmpty {
            output += "worst intents by F1:\n"
            output += table(
                ["intent", "f1", "precision", "recall", "support"],
                report.worstIntents.map { [$0.intent, f($0.f1), f($0.precision), f($0.recall), "\($0.support)"] })
            output += "\n"
        }
        if !report.confusions.isEmpty {
            output += "most confused (expected -> answered):\n"
            output += table(
                ["expected", "answered", "count"], report.confusions.map { [$0.expected, $0.answered, "\($0.count)"] })
            output += "\n"
        }
        output += "confidence reliability (top candidate right: the labelled intent ranked first):\n"
        output += table(
            ["confidence", "lines", "mean confidence", "right"],
            calibration.reliability.filter { $0.count > 0 }.map { bin in
                ["\(f(bin.lower))-\(f(bin.upper))", "\(bin.count)", f(bin.meanConfidence), f(bin.accuracy)]
            })
        output += "\n"
        output += "answered versus accuracy (what each threshold would do):\n"
        output += table(
            ["threshold", "answered", "answers right", "accuracy, all lines"],
            calibration.coverage.map { point in
                [f(point.threshold), f(point.answered), point.answerAccuracy.map(f) ?? "-", f(point.accuracy)]
            })
        output += "\n"
        if let sweep {
            output += "threshold sweep (margin \(f(report.policy.margin))):\n"
            let around = max(0, sweep.bestIndex - 5)...min(sweep.rows.count - 1, sweep.bestIndex + 5)
            output += table(
                ["", "threshold", "accuracy", "in-scope", "oos-recall"],
                around.map { index in
                    let row = sweep.rows[index]
                    return [
                        index == sweep.bestIndex ? "*" : "", f(row.threshold), f(row.accuracy), f(row.inScopeAccuracy),
                        f(row.outOfScopeRecall),
                    ]
                })
        }
        return output
    }

    /// Left-aligned columns separated by two spaces.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            var line =
                "  "
                + row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
