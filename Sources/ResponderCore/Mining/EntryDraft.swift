import Foundation

/// Knowledge-base YAML written for an author to review: a new entry in a file of its own, or an
/// existing entry's file with questions added where the author keeps that entry's questions
/// (the rest of the file, comments included, unchanged).
public enum EntryDraft {
    /// Why questions could not be added to an entry's file.
    public enum AdditionError: Error, Equatable, CustomStringConvertible {
        /// The entry's questions are not a block list (`- question` lines) to add to.
        case notABlockList(SourceLocation)
        /// The entry has no questions to add beside.
        case noQuestions(entry: String)

        public var description: String {
            switch self {
            case .notABlockList(let location):
                "\(location): the questions are not a block list (one '- question' a line), so none were added"
            case .noQuestions(let entry): "entry '\(entry)' has no questions to add beside"
            }
        }
    }

    /// The YAML of a new entry, alone in its file.
    ///
    /// - Parameters:
    ///   - comment: lines written above the entry as YAML comments (what it was drafted from, what
    ///     to review).
    ///   - questions: by locale (`nil` key: the base has one locale, so a plain list).
    ///   - keywords: keywords and their weights.
    ///   - answer: the draft answer, and its locale (`nil`: the base has one locale).
    public static func newEntry(
        id: String, comment: [String], group: String?, answer: (locale: String?, text: String),
        questions: [(locale: String?, texts: [String])],
        keywords: [(text: String, weight: Double)]
    ) -> String {
        var yaml = comment.map { "# \($0)\n" }.joined()
        if let group { yaml += "group: \(quoted(group))\n" }
        yaml += "entries:\n  - id: \(quoted(id))\n"
        if let locale = answer.locale {
            yaml += "    answer:\n      \(locale): \(quoted(answer.text))\n"
        } else {
            yaml += "    answer: \(quoted(answer.text))\n"
        }
        yaml += "    questions:\n"
        if questions.count == 1, questions[0].locale == nil {
            for text in questions[0].texts { yaml += "      - \(quoted(text))\n" }
        } else {
            for (locale, texts) in questions where !texts.isEmpty {
                yaml += "      \(locale ?? "en"):\n"
                for text in texts { yaml += "        - \(quoted(text))\n" }
            }
        }
        if !keywords.isEmpty {
            yaml += "    keywords:\n"
            for (text, weight) in keywords { yaml += "      \(quoted(text)): \(formatWeight(weight))\n" }
        }
        return yaml
    }

    /// `contents` (a file of the base) with questions added to entries it defines: each
    /// entry's after the last question of their locale, or as a new locale list after the
    /// entry's last question when the entry groups its questions by locale and lacks that one.
    ///
    /// - Parameter additions: each entry (defined in `contents`) and the questions to add to it,
    ///   by locale (`nil`: the base has one locale).
    public static func addingQuestions(
        _ additions: [(entry: FAQEntry, questions: [(locale: String?, texts: [String])])], in contents: String,
        defaultLocale: String
    ) throws(AdditionError) -> String {
        var lines = contents.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // One list of questions per entry and locale, however many topics add to it: two new
        // `zh:` keys in one entry would be a duplicate key.
        var entries: [FAQEntry] = []
        var byEntry: [String: [(locale: String?, texts: [String])]] = [:]
        for (entry, questions) in additions {
            if byEntry[entry.id] == nil { entries.append(entry) }
            let plain = entry.questions.allSatisfy { $0.locale == nil }
            for (locale, texts) in questions where !texts.isEmpty {
                // A plain list takes every locale's questions; a list by locale, a question of no
                // locale under the base's default one.
                let key: String? = plain ? nil : (locale ?? defaultLocale)
                if let index = byEntry[entry.id, default: []].firstIndex(where: { $0.locale == key }) {
                    byEntry[entry.id]![index].texts += texts
                } else {
                    byEntry[entry.id, default: []].append((key, texts))
                }
            }
        }
        // Insertions, each after a line, applied bottom up so that earlier line numbers hold.
        var insertions: [(after: Int, lines: [String])] = []
        // New locale lists go after every addition to an existing list at the same line, or those
        // would land in the new list.
        var newLists: [(after: Int, lines: [String])] = []
        for entry in entries {
            guard let last = entry.questions.max(by: { $0.location < $1.location }) else {
                throw .noQuestions(entry: entry.id)
            }
            for (locale, texts) in byEntry[entry.id] ?? [] {
                if let anchor = entry.questions.filter({ $0.locale == locale }).max(by: { $0.location < $1.location }) {
                    let (end, indent) = try item(at: anchor.location, in: lines)
                    insertions.append((end, texts.map { indent + "- " + quoted($0) }))
                } else {
                    // A locale the entry has no questions in: a new list beside the last one.
                    let (end, indent) = try item(at: last.location, in: lines)
                    let key = keyIndent(above: last.location.line - 1, dash: indent.count, in: lines)
                    newLists.append(
                        (end, [key + (locale ?? defaultLocale) + ":"] + texts.map { indent + "- " + quoted($0) }))
                }
            }
        }
        insertions += newLists
        // Stable for one line: two insertions after the same line keep their order.
        for insertion in insertions.enumerated().sorted(by: {
            $0.element.after != $1.element.after ? $0.element.after > $1.element.after : $0.offset > $1.offset
        }).map(\.element) {
            lines.insert(contentsOf: insertion.lines, at: insertion.after + 1)
        }
        return lines.joined(separator: "\n")
    }

    /// The last line (0-based) of the list item whose value starts at `location`, and the
    /// indentation of its dash.
    private static func item(at location: SourceLocation, in lines: [String]) throws(AdditionError) -> (Int, String) {
        let index = location.line - 1
        guard index < lines.count else { throw .notABlockList(location) }
        let line = lines[index]
        let indent = String(line.prefix { $0 == " " })
        guard line.dropFirst(indent.count).hasPrefix("- ") else { throw .notABlockList(location) }
        // A value continued on more deeply indented lines (a folded or quoted scalar) ends later.
        var end = index
        while end + 1 < lines.count {
            let next = lines[end + 1]
            let nextIndent = next.prefix { $0 == " " }.count
            guard !next.trimmingCharacters(in: .whitespaces).isEmpty, nextIndent > indent.count,
                !next.dropFirst(nextIndent).hasPrefix("#")
            else { break }
            end += 1
        }
        return (end, indent)
    }

    /// The indentation of the locale key (`en:`) that heads the list whose item is on line
    /// `index` (0-based): the nearest line above that is less indented than the item's dash, or
    /// as indented but no item itself (`en:` with its items at its own indentation).
    private static func keyIndent(above index: Int, dash: Int, in lines: [String]) -> String {
        var line = index - 1
        while line >= 0 {
            let text = lines[line]
            let indent = text.prefix { $0 == " " }.count
            let rest = text.dropFirst(indent)
            if !rest.trimmingCharacters(in: .whitespaces).isEmpty, !rest.hasPrefix("#"),
                indent < dash || (indent == dash && !rest.hasPrefix("- ") && rest != "-")
            {
                return String(repeating: " ", count: indent)
            }
            line -= 1
        }
        return String(repeating: " ", count: max(0, dash - 2))
    }

    /// A question as lint and the matcher compare questions: two texts with the same key are the
    /// same question (lint's `shared-question` and `duplicate-question`).
    public static func questionKey(_ text: String) -> String { QuestionChecks.key(text) }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String { KnowledgeBaseImporter.quoted(text) }

    private static func formatWeight(_ weight: Double) -> String {
        weight == weight.rounded() ? String(Int(weight)) : String(weight)
    }
}
