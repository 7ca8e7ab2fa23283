import Foundation
import ResponderCore

extension Suggestions {
    /// The drafts as files of a folder laid out like the base (`faq/...`), to be copied over it:
    /// each new entry in `faq/suggested/ID.yaml`, and each file of the base that defines an entry
    /// to add questions to, rewritten with them. The live base is read, never written.
    public struct Drafts: Sendable {
        /// A file to write, relative to the drafts folder.
        public struct File: Sendable, Equatable {
            /// Relative path, e.g. `faq/suggested/jobs.yaml`.
            public let path: String
            /// YAML.
            public let contents: String
        }

        /// The files.
        public let files: [File]
        /// The draft file of each topic (by index in `topics`); nil for a topic whose questions
        /// could not be added (see `problems`).
        public let paths: [String?]
        /// Why a topic has no draft, by topic index.
        public let problems: [Int: String]
    }

    /// The drafts of every topic, against `base` (the one the suggestions were made with).
    public func drafts(base: KnowledgeBase) -> Drafts {
        var files: [Drafts.File] = []
        var paths: [String?] = Array(repeating: nil, count: topics.count)
        var problems: [Int: String] = [:]
        // Additions, by the base file that defines their entry, in the order first needed.
        var additions: [(file: String, topics: [Int])] = []
        for (index, topic) in topics.enumerated() {
            switch topic.kind {
            case .newEntry:
                guard topic.questions.contains(where: { !$0.texts.isEmpty }) else {
                    problems[index] = "every question of the topic is in the base already"
                    continue
                }
                let path = "faq/suggested/\(topic.entry).yaml"
                files.append(Drafts.File(path: path, contents: newEntryYAML(topic, settings: base.settings)))
                paths[index] = path
            case .addQuestions:
                guard let entry = base.entry(topic.entry) else { continue }
                guard topic.questions.contains(where: { !$0.texts.isEmpty }) else {
                    problems[index] = "every question of the topic is in the base already"
                    continue
                }
                if let known = additions.firstIndex(where: { $0.file == entry.location.file }) {
                    additions[known].topics.append(index)
                } else {
                    additions.append((entry.location.file, [index]))
                }
            }
        }
        for (file, indices) in additions {
            let relative = Self.relativePath(file, in: base.directory)
            do {
                let contents = try String(contentsOfFile: file, encoding: .utf8)
                let changes = indices.map { index in
                    (entry: base.entry(topics[index].entry)!, questions: topics[index].questions)
                }
                let rewritten = try EntryDraft.addingQuestions(
                    changes, in: contents, defaultLocale: base.settings.defaultLocale)
                files.append(Drafts.File(path: relative, contents: rewritten))
                for index in indices { paths[index] = relative }
            } catch {
                for index in indices { problems[index] = "\(error)" }
            }
        }
        return Drafts(files: files, paths: paths, problems: problems)
    }

    /// `file` relative to the base folder `directory` (a file outside it keeps its name under `faq/`).
    static func relativePath(_ file: String, in directory: String) -> String {
        let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
        let path = URL(fileURLWithPath: file).standardizedFileURL.path
        guard path.hasPrefix(folder + "/") else { return "faq/" + URL(fileURLWithPath: file).lastPathComponent }
        return String(path.dropFirst(folder.count + 1))
    }

    private func newEntryYAML(_ topic: Topic, settings: Settings) -> String {
        let zone = settings.timeZone
        var comment = [
            "Drafted by `responder kb suggest` from \(topic.size) message\(topic.size == 1 ? "" : "s") "
                + "(\(Self.day(topic.firstSeen, zone)) to \(Self.day(topic.lastSeen, zone))). Review it before it goes live.",
            "Why: \(topic.because).",
        ]
        let answer: String
        if let draft = topic.answer {
            answer = draft.text
            comment.append(
                "The answer is the agents' most representative reply (of \(draft.replies)): make it right for every customer who asks."
            )
        } else {
            answer =
                "\(KnowledgeBaseImporter.placeholderMarker): write the answer (no agent replied to these messages)."
            comment.append("No agent replied to these messages: write the answer.")
        }
        // In the reply's own language where the base has several: a Chinese reply is no English answer.
        let locale =
            settings.locales.count > 1
            ? LocaleDetector.detect(
                topic.answer?.text ?? topic.examples.first ?? "", locales: settings.locales,
                fallback: settings.defaultLocale) : nil
        return EntryDraft.newEntry(
            id: topic.entry, comment: comment, group: topic.group, answer: (locale, answer), questions: topic.questions,
            keywords: topic.keywords.map { ($0.text, 1 + ($0.coverage * 2).rounded() / 2) })
    }

    private static func day(_ date: Date, _ zone: TimeZone) -> String {
        ISO8601DateFormatter.string(from: date, timeZone: zone, formatOptions: [.withFullDate])
    }
}
