import Foundation
import ResponderCore

/// Renders a `Reply` for `ask` (and later the REPL): as text for people, as JSON for programs.
enum ReplyFormatter {
    static func text(_ reply: Reply, explain: Bool) -> String {
        var output = ""
        let confidence = format(reply.confidence)
        switch reply.decision {
        case .answer:
            output += "answer: \(reply.intent ?? "") (confidence \(confidence))\n\(reply.answer ?? "")\n"
            if let group = reply.escalateTo { output += "also escalates to: \(group)\n" }
        case .clarify:
            output += "clarify: the top candidates are too close (confidence \(confidence)); offer:\n"
            for option in reply.options { output += "  - \(option.question)  [\(option.intent)]\n" }
        case .escalate:
            output += "escalate: no entry is confident enough (best \(confidence))\n"
        case .handoff:
            output += "handoff: the conversation goes to a person, not to an answer (best \(confidence))\n"
        }
        if !reply.match.candidates.isEmpty {
            output += "candidates:\n"
            let width = reply.match.candidates.map(\.intent.count).max() ?? 0
            for candidate in reply.match.candidates {
                output +=
                    "  \(candidate.intent.padding(toLength: width, withPad: " ", startingAt: 0))  \(format(candidate.confidence))"
                output += explain ? "  (score \(format(candidate.score)))\n" + explanation(candidate) : "\n"
            }
        }
        if explain, let calibration = reply.match.top?.calibration { output += confidenceExplanation(calibration) }
        if explain, !reply.match.unknownTerms.isEmpty {
            output += "terms that point nowhere: \(reply.match.unknownTerms.map(\.text).joined(separator: ", "))\n"
        }
        return output
    }

    private static func explanation(_ candidate: Candidate) -> String {
        var output = ""
        for contribution in candidate.contributions.prefix(8) {
            switch contribution.source {
            case .term(let term):
                output += "      \(signed(contribution.score))  \(term.family.name) \"\(term.text)\"\n"
            case .pattern(let source, let location):
                output += "      \(signed(contribution.score))  pattern \(source)  (\(location))\n"
            }
        }
        if candidate.contributions.count > 8 { output += "      ... \(candidate.contributions.count - 8) more\n" }
        return output
    }

    /// How the top candidate's score became its confidence: each feature's part of the logit.
    private static func confidenceExplanation(_ calibration: ConfidenceBreakdown) -> String {
        let learned =
            calibration.origin == .trained
            ? "weights learned from this base's own questions"
            : "standard weights: the base is too small to learn its own"
        var output = "confidence = 1 / (1 + e^-logit), \(learned):\n"
        var rows = [["", "value", "weight", "logit"], ["bias", "", "", signed(calibration.bias)]]
        for term in calibration.terms where term.name != "pattern" || term.value != 0 {
            rows.append([term.name, format(term.value), format(term.weight), signed(term.contribution)])
        }
        rows.append(["logit", "", "", signed(calibration.logit)])
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == 0
                    ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            output += "  " + cells.joined(separator: "  ") + "\n"
        }
        output += "  -> confidence \(format(calibration.confidence))\n"
        return output
    }

    /// `+0.250` or `-0.050`.
    static func signed(_ value: Double) -> String {
        (value * 1000).rounded() < 0 ? "-" + format(-value) : "+" + format(value)
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000 + 0  // + 0 turns -0.0 into 0.0
        var text = "\(rounded)"
        while text.split(separator: ".").last.map({ $0.count < 3 }) == true { text += "0" }
        return text
    }
}
