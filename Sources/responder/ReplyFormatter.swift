import Foundation
import JSONRPC
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
        }
        if !reply.match.candidates.isEmpty {
            output += "candidates:\n"
            let width = reply.match.candidates.map(\.intent.count).max() ?? 0
            for candidate in reply.match.candidates {
                output +=
                    "  \(candidate.intent.padding(toLength: width, withPad: " ", startingAt: 0))  \(format(candidate.confidence))\n"
                if explain { output += explanation(candidate) }
            }
        }
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

    /// `+0.250` or `-0.050`.
    static func signed(_ value: Double) -> String {
        value < 0 ? "-" + format(-value) : "+" + format(value)
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        var text = "\(rounded)"
        while text.split(separator: ".").last.map({ $0.count < 3 }) == true { text += "0" }
        return text
    }
}
