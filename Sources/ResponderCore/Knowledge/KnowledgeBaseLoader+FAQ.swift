import Yams

extension KnowledgeBaseLoader {
    static let entryKeys = ["id", "answer", "questions", "keywords", "patterns", "group", "escalate", "tags"]

    /// What FAQ entries are checked against. A reference whose file failed to load is not
    /// checked (nil), so that one broken `settings.yaml` does not make every entry an error.
    struct References {
        let settings: Settings
        /// Locales entries may use; nil when `settings.yaml` did not load.
        let locales: [String]?
        /// Groups entries may escalate to; nil when `groups.yaml` did not load.
        let groups: [String]?
    }

    /// Parses one `faq/*.yaml` file: a mapping with an `entries` list.
    static func parseFAQFile(_ text: String, reader: YAMLReader, references: References) -> [FAQEntry] {
        let errorsBefore = reader.diagnostics.count
        let root = reader.parse(text)
        if root == nil, reader.diagnostics.count > errorsBefore { return [] }
        guard let root, !reader.isNull(root) else {
            reader.report(
                .emptyFile, at: .file(reader.file),
                "the file is empty; add `entries:` with at least one entry, or delete it")
            return []
        }
        guard let fields = reader.mapping(root, "a FAQ file", allowed: ["group", "entries"]),
            let node = reader.require("entries", in: fields, of: "this FAQ file", at: root),
            let items = reader.sequence(node, "entries")
        else { return [] }
        if items.isEmpty {
            reader.report(.emptyFile, at: reader.location(node), "`entries` is empty")
        }
        let fileGroup = fields["group"].flatMap {
            groupReference(
                $0.value, "group of this file", verb: "names the group", reader: reader, references: references)
        }
        return items.compactMap { parseEntry($0, fileGroup: fileGroup, reader: reader, references: references) }
    }

    /// A group id that must name a group in `groups.yaml` (unless that file failed to load).
    private static func groupReference(
        _ node: Node, _ what: String, verb: String, reader: YAMLReader, references: References
    ) -> (id: String, location: SourceLocation)? {
        guard let group = reader.string(node, what) else { return nil }
        if let known = references.groups, !known.contains(group) {
            let hint = Suggestion.closest(to: group, in: known).map { "; did you mean '\($0)'?" } ?? ""
            reader.report(
                .unknownGroup, at: reader.location(node),
                "\(what) \(verb) '\(group)', which is not a group in groups.yaml\(hint)")
            return nil
        }
        return (group, reader.location(node))
    }

    private static func parseEntry(
        _ node: Node, fileGroup: (id: String, location: SourceLocation)?, reader: YAMLReader, references: References
    ) -> FAQEntry? {
        guard let fields = reader.mapping(node, "an entry", allowed: entryKeys) else { return nil }
        guard let idNode = reader.require("id", in: fields, of: "an entry", at: node),
            let id = parseIdentifier(idNode, "entry id", reader: reader)
        else { return nil }
        let what = "entry '\(id)'"

        var answers: [String: String] = [:]
        var answerLocations: [String: SourceLocation] = [:]
        if let answerNode = reader.require("answer", in: fields, of: what, at: node) {
            let byLocale = parseLocalized(answerNode, "answer of \(what)", reader: reader, references: references) {
                item, name in reader.string(item, name).map { ($0, reader.location(item)) }
            }
            answers = byLocale.mapValues(\.0)
            answerLocations = byLocale.mapValues(\.1)
        }
        var questions: [ExampleQuestion] = []
        if let questionsNode = reader.require("questions", in: fields, of: what, at: node) {
            if questionsNode.mapping != nil {
                let byLocale = parseLocalized(
                    questionsNode, "questions of \(what)", reader: reader, references: references
                ) {
                    item, name in
                    Optional(reader.strings(item, name).map { ($0.text, reader.location($0.node)) })
                }
                for (locale, items) in byLocale.sorted(by: { $0.key < $1.key }) {
                    questions += items.map { ExampleQuestion(text: $0.0, locale: locale, location: $0.1) }
                }
                questions.sort { $0.location < $1.location }
            } else {
                questions = reader.strings(questionsNode, "questions of \(what)").map {
                    ExampleQuestion(text: $0.text, locale: nil, location: reader.location($0.node))
                }
            }
            if questions.isEmpty {
                reader.report(.missingField, at: reader.location(questionsNode), "\(what) has no questions")
            }
        }
        let keywords = fields["keywords"].map { reader.keywords($0.value, "keywords of \(what)") } ?? []
        let patterns = fields["patterns"].map { reader.patterns($0.value, "patterns of \(what)") } ?? []
        let tags = fields["tags"].map { reader.strings($0.value, "tags of \(what)").map(\.text) } ?? []
        let escalate = fields["escalate"].flatMap {
            groupReference($0.value, what, verb: "escalates to", reader: reader, references: references)
        }
        let group =
            fields["group"].flatMap {
                groupReference($0.value, what, verb: "names the group", reader: reader, references: references)
            } ?? fileGroup
        return FAQEntry(
            id: id, answers: answers, answerLocations: answerLocations, questions: questions, keywords: keywords,
            patterns: patterns, group: group?.id, groupLocation: group?.location, escalate: escalate?.id,
            escalateLocation: escalate?.location, tags: tags, location: reader.location(node),
            misspeltKeys: reader.misspeltKeys(of: node))
    }

    /// A value that is either given once (stored under the default locale) or per locale.
    private static func parseLocalized<Value>(
        _ node: Node, _ what: String, reader: YAMLReader, references: References,
        _ parse: (Node, String) -> Value?
    ) -> [String: Value] {
        guard let mapping = node.mapping else {
            return parse(node, what).map { [references.settings.defaultLocale: $0] } ?? [:]
        }
        var result: [String: Value] = [:]
        for (key, value) in mapping {
            guard let locale = reader.string(key, "a locale in \(what)") else { continue }
            if let locales = references.locales, !locales.contains(locale) {
                reader.report(
                    .unknownLocale, at: reader.location(key),
                    "locale '\(locale)' in \(what) is not one of settings.yaml's locales (\(locales.joined(separator: ", ")))"
                )
                continue
            }
            if let parsed = parse(value, "\(what) (\(locale))") { result[locale] = parsed }
        }
        return result
    }
}
