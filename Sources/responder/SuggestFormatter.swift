import Foundation
import JSONRPC
import ResponderCore
import ResponderEngine
import ResponderStore

/// `kb suggest`'s output: a summary for the author's terminal, one JSON object for tools, and
/// the SUGGESTIONS.md written beside the drafts.
enum SuggestFormatter {
    /// The summary; `limit` topics at most (all by default).
    static func text(
        _ suggestions: Suggestions, drafts: Suggestions.Drafts?, examples: Int, limit: Int? = nil
    ) -> String {
        var lines = [headline(suggestions), coverage(suggestions)]
        for (index, topic) in suggestions.topics.enumerated().prefix(limit ?? suggestions.topics.count) {
            lines.append("")
            lines.append("\(index + 1). \(topic.size) messages (\(percent(topic.share))): \(title(topic))")
            for (number, example) in topic.examples.prefix(examples).enumerated() {
                lines.append("   \(number == 0 ? "e.g." : "    ") \(quoted(example))")
            }
            if !topic.labels.isEmpty { lines.append("   labels:  " + labels(topic)) }
            lines.append("   why:     \(topic.because)")
            if topic.kind == .newEntry, !topic.keywords.isEmpty {
                lines.append("   keywords: " + topic.keywords.map(\.text).joined(separator: ", "))
            }
            if let drafts {
                if let path = drafts.paths[index] {
                    lines.append("   draft:   \(path)")
                } else if let problem = drafts.problems[index] {
                    lines.append("   draft:   none: \(problem)")
                }
            }
        }
        if let limit, suggestions.topics.count > limit {
            lines += ["", "(\(suggestions.topics.count - limit) more topics: responder kb suggest lists them all)"]
        }
        if suggestions.topics.isEmpty, suggestions.mined > 0 {
            lines += ["", "No topic has \(suggestions.minSize) or more messages; try a longer period or --min-size 2."]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ suggestions: Suggestions, drafts: Suggestions.Drafts?, out: String?) -> JSONValue {
        let number = { (value: Double?) -> JSONValue in
            value.map { .number(($0 * 10_000).rounded() / 10_000) } ?? .null
        }
        let topics = suggestions.topics.enumerated().map { index, topic -> JSONValue in
            let draft = drafts?.paths[index].map { path in
                out.map { URL(fileURLWithPath: $0).appendingPathComponent(path).path } ?? path
            }
            return .object([
                ("size", .number(Double(topic.size))), ("share", number(topic.share)),
                ("texts", .array(topic.texts.map { .string($0) })),
                (
                    "labels",
                    .array(
                        topic.labels.map { count in
                            switch count.label {
                            case .entry(let entry):
                                .object([("entry", .string(entry)), ("count", .number(Double(count.count)))])
                            case .newTopic(let name):
                                .object([("new_topic", .string(name)), ("count", .number(Double(count.count)))])
                            }
                        })
                ),
                ("nearest_entry", topic.nearestEntry.map { .string($0) } ?? .null),
                ("nearest_confidence", number(topic.nearestConfidence)),
                ("suggestion", .string(topic.kind.rawValue)), ("entry", .string(topic.entry)),
                ("draft", draft.map { .string($0) } ?? .null),
                ("because", .string(topic.because)),
                (
                    "questions",
                    .array(topic.questions.flatMap(\.texts).map { .string($0) })
                ),
                ("keywords", .array(topic.keywords.map { .string($0.text) })),
                ("group", topic.group.map { .string($0) } ?? .null),
                (
                    "reasons",
                    .object(topic.reasons.map { ($0.reason.rawValue, .number(Double($0.count))) })
                ),
            ])
        }
        return .object([
            ("mined", .number(Double(suggestions.mined))),
            ("reasons", .object(suggestions.reasons.map { ($0.reason.rawValue, .number(Double($0.count))) })),
            ("min_size", .number(Double(suggestions.minSize))),
            ("topics", .array(topics)),
            ("smaller_topics", .number(Double(suggestions.smaller.topics))),
            ("smaller_topic_messages", .number(Double(suggestions.smaller.messages))),
            ("ungrouped", .number(Double(suggestions.ungrouped))),
        ])
    }

    /// SUGGESTIONS.md: what each draft is, why, and how to merge and check the drafts.
    static func markdown(
        _ suggestions: Suggestions, drafts: Suggestions.Drafts, base: KnowledgeBase, out: String, timeZone: TimeZone
    ) -> String {
        var lines = [
            "# Knowledge-base suggestions",
            "",
            headline(suggestions) + ". " + coverage(suggestions),
            "",
            "Made by `responder kb suggest` against `\(base.directory)` (version \(base.version)). "
                + "The files beside this one are laid out like the base: new entries in `faq/suggested/`, "
                + "and a rewritten copy of each file whose entries gain questions. To try them, copy them over a "
                + "copy of the base, lint it and replay the traffic against it:",
            "",
            "```",
            "cp -r \(base.directory) candidate && cp -r \(out)/faq/. candidate/faq/",
            "responder lint candidate",
            "responder replay --kb candidate",
            "```",
            "",
            "Every draft is for review: the questions are customers' messages as stored (redacted), "
                + "and a new entry's answer is an agent's reply or a TODO.",
        ]
        for (index, topic) in suggestions.topics.enumerated() {
            lines += ["", "## \(index + 1). \(title(topic))", ""]
            lines.append(
                "\(topic.size) messages (\(percent(topic.share)) of those mined), "
                    + "\(Timestamp.format(topic.firstSeen, in: timeZone).prefix(10)) to "
                    + "\(Timestamp.format(topic.lastSeen, in: timeZone).prefix(10)); "
                    + topic.reasons.map { "\($0.count) \($0.reason.rawValue)" }.joined(separator: ", ") + ".")
            lines.append("")
            lines.append("Why: \(topic.because).")
            if !topic.labels.isEmpty { lines += ["", "Agents' labels: \(labels(topic))."] }
            if let path = drafts.paths[index] {
                lines += ["", "Draft: [`\(path)`](\(path))."]
            } else if let problem = drafts.problems[index] {
                lines += ["", "No draft: \(problem)."]
            }
            let questions = topic.questions.flatMap(\.texts)
            if !questions.isEmpty {
                lines += ["", topic.kind == .addQuestions ? "Questions to add:" : "Questions:", ""]
                lines += questions.map { "- \(markdownText($0))" }
            }
            if !topic.keywords.isEmpty {
                lines += ["", "Keywords: " + topic.keywords.map { "`\($0.text)`" }.joined(separator: ", ") + "."]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func headline(_ suggestions: Suggestions) -> String {
        let reasons = suggestions.reasons.map { "\($0.count) \(reasonName($0.reason))" }
        return "\(suggestions.mined) message\(suggestions.mined == 1 ? "" : "s") the base did not serve well"
            + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: ", "))
    }

    private static func coverage(_ suggestions: Suggestions) -> String {
        let shown = suggestions.topics.reduce(0) { $0 + $1.size }
        let share = suggestions.mined == 0 ? 0 : Double(shown) / Double(suggestions.mined)
        return "\(suggestions.topics.count) topic\(suggestions.topics.count == 1 ? "" : "s") of "
            + "\(suggestions.minSize) or more messages (\(shown) messages, \(percent(share)))"
            + (suggestions.smaller.topics > 0
                ? "; \(suggestions.smaller.topics) smaller (\(suggestions.smaller.messages) messages) not shown" : "")
            + (suggestions.ungrouped > 0 ? "; \(suggestions.ungrouped) with no words to group by" : "")
    }

    private static func title(_ topic: Suggestions.Topic) -> String {
        switch topic.kind {
        case .addQuestions:
            let count = topic.questions.reduce(0) { $0 + $1.texts.count }
            return "add \(count) question\(count == 1 ? "" : "s") to \(topic.entry)"
        case .newEntry:
            return "new entry \(topic.entry)"
        }
    }

    private static func labels(_ topic: Suggestions.Topic) -> String {
        topic.labels.map { count in
            switch count.label {
            case .entry(let entry): "\(entry) x\(count.count)"
            case .newTopic(let name): "new topic \"\(name)\" x\(count.count)"
            }
        }.joined(separator: ", ")
    }

    private static func reasonName(_ reason: MinedMessage.Reason) -> String {
        switch reason {
        case .escalated: "escalated"
        case .clarified: "clarified"
        case .lowConfidence: "answered with low confidence"
        case .lowRating: "answered and rated 1-2"
        }
    }

    private static func percent(_ share: Double) -> String { String(format: "%.0f%%", share * 100) }

    /// `text` on one line, in quotes, cut to 70 characters.
    private static func quoted(_ text: String) -> String {
        "\"" + TextWrapping.cut(text.replacingOccurrences(of: "\n", with: " "), to: 70) + "\""
    }

    /// A customer's text in a Markdown list: one line, with Markdown's special characters escaped.
    private static func markdownText(_ text: String) -> String {
        var escaped = ""
        for character in text.replacingOccurrences(of: "\n", with: " ") {
            if "\\`*_[]<>#|".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
