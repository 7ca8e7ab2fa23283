import ResponderCore
import Testing

/// Files as they come from real editors and real mistakes: CRLF, byte-order marks, wrong shapes,
/// empty files, and one broken file that must not drown the others in follow-on errors.
@Suite("KnowledgeBaseLoader: edge cases")
struct LoaderEdgeCaseTests {
    static let entry = "entries:\n  - id: a\n    answer: Hi\n    questions: [hi]\n"

    @Test func crlfFilesLoadAndPointAtTheRightColumn() throws {
        let faq =
            "entries:\r\n  - id: a\r\n    answer: Hi\r\n    questions: [hi]\r\n    patterns:\r\n      - 'it''s(abc'\r\n"
        try withTemporaryBase(["faq/a.yaml": faq]) { folder in
            let result = try folder.load()
            // The quote opens at column 9; the error is at the end of the pattern's 8 characters,
            // which take 9 columns because '' stands for one quote: column 19.
            try expectOnly(result, "pattern-syntax", file: folder.file("faq/a.yaml"), line: 6, column: 19)
        }
    }

    @Test func byteOrderMarkIsAccepted() throws {
        try withTemporaryBase(["faq/a.yaml": "\u{FEFF}" + Self.entry]) { folder in
            let result = try folder.load()
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
            #expect(result.base.entries.map(\.id) == ["a"])
        }
    }

    @Test func aListWhereAMappingBelongsIsAWrongType() throws {
        try withTemporaryBase(["faq/a.yaml": "- id: a\n  answer: Hi\n  questions: [hi]\n"]) { folder in
            let result = try folder.load()
            try expectOnly(result, "wrong-type", file: folder.file("faq/a.yaml"), line: 1, column: 1)
        }
    }

    @Test func emptyFilesAreWarnings() throws {
        let files = ["faq/a.yaml": Self.entry, "faq/b.yaml": "", "faq/c.yaml": "entries: []\n"]
        try withTemporaryBase(files) { folder in
            let result = try folder.load()
            #expect(!result.diagnostics.containsErrors)
            #expect(result.diagnostics.map(\.rule) == ["empty-file", "empty-file"])
            #expect(result.diagnostics.map(\.severity) == [.warning, .warning])
            #expect(result.diagnostics.map(\.location.file) == [folder.file("faq/b.yaml"), folder.file("faq/c.yaml")])
        }
    }

    @Test func onlyEmptyFilesIsAnError() throws {
        try withTemporaryBase(["faq/a.yaml": "entries: []\n"]) { folder in
            let result = try folder.load()
            #expect(result.diagnostics.contains { $0.rule == "no-entries" && $0.message.contains("1 file") })
        }
    }

    @Test func brokenSettingsDoNotMakeEveryLocaleAnError() throws {
        let faq = "entries:\n  - id: a\n    answer: {en: Hi, zh: 你好}\n    questions: {en: [hi], zh: [你好]}\n"
        try withTemporaryBase(["settings.yaml": "locales: [en, zh\n", "faq/a.yaml": faq]) { folder in
            let result = try folder.load()
            #expect(result.diagnostics.map(\.rule) == ["yaml-syntax"], "\(result.diagnostics)")
        }
    }

    @Test func brokenGroupsDoNotMakeEveryEscalationAnError() throws {
        let faq = "entries:\n  - id: a\n    answer: Hi\n    questions: [hi]\n    escalate: billing\n"
        try withTemporaryBase(["groups.yaml": "groups: [\n", "faq/a.yaml": faq]) { folder in
            let result = try folder.load()
            #expect(result.diagnostics.map(\.rule) == ["yaml-syntax"], "\(result.diagnostics)")
        }
    }

    @Test(arguments: [
        ("settings.yaml", "answer_treshold: 0.5\n", "answer_threshold"),
        ("groups.yaml", "default_group: g\ngroups:\n  - id: g\n    first_respons: 1h\n", "first_response"),
        (
            "groups.yaml",
            "default_group: g\ngroups:\n  - id: g\n    first_response: 1h\n    patterns:\n      - {pattern: a, wieght: 2}\n",
            "weight"
        ),
    ])
    func unknownKeysEverywhereSuggestTheRightOne(file: String, contents: String, suggestion: String) throws {
        try withTemporaryBase(["faq/a.yaml": Self.entry, file: contents]) { folder in
            let result = try folder.load()
            let diagnostic = try #require(result.diagnostics.first { $0.rule == "unknown-key" })
            #expect(diagnostic.message.contains("did you mean '\(suggestion)'?"))
            #expect(diagnostic.location.file == folder.file(file))
        }
    }

    @Test func diagnosticsComeInLineOrder() throws {
        let faq =
            "entries:\n  - id: a\n    answer: Hi\n    questions: [hi]\n    escalate: nowhere\n  - id: b\n    answr: x\n"
        try withTemporaryBase(["faq/a.yaml": faq]) { folder in
            let lines = try folder.load().diagnostics.map(\.location.line)
            #expect(lines == lines.sorted())
            #expect(lines.count >= 3)
        }
    }

    @Test func answersAndEscalationsKeepTheirLocations() throws {
        let faq =
            "entries:\n  - id: a\n    answer:\n      en: Hi\n      zh: 你好\n    questions: [hi]\n    escalate: general\n"
        try withTemporaryBase(["settings.yaml": "locales: [en, zh]\n", "faq/a.yaml": faq]) { folder in
            let entry = try #require(try folder.load().base.entries.first)
            let file = folder.file("faq/a.yaml")
            #expect(entry.answerLocations["en"] == ResponderCore.SourceLocation(file: file, line: 4, column: 11))
            #expect(entry.answerLocations["zh"] == ResponderCore.SourceLocation(file: file, line: 5, column: 11))
            #expect(entry.escalateLocation == ResponderCore.SourceLocation(file: file, line: 7, column: 15))
        }
    }

    @Test func aRepeatedKeyIsReportedWhereItIsRepeated() throws {
        let faq = "entries:\n  - id: a\n    answer: Hi\n    answer: Bye\n    questions: [hi]\n"
        try withTemporaryBase(["faq/a.yaml": faq]) { folder in
            let diagnostic = try expectOnly(
                try folder.load(), "duplicate-key", file: folder.file("faq/a.yaml"), line: 4, column: 5)
            #expect(diagnostic.message.contains("first at line 3"))
        }
    }
}
