import ResponderCore
import Testing

@Suite("KnowledgeBaseLoader: FAQ diagnostics")
struct FAQDiagnosticsTests {
    /// Loads a base whose only FAQ file is `faq/a.yaml` with `faq`, plus any `extra` files.
    private func load(_ faq: String, extra: [String: String] = [:]) throws -> (LoadResult, file: String) {
        try withTemporaryBase(extra.merging(["faq/a.yaml": faq]) { $1 }) { folder in
            (try folder.load(), folder.file("faq/a.yaml"))
        }
    }

    @Test func yamlSyntaxError() throws {
        let (result, file) = try load("entries:\n  - id: a\n    answer: Hello: world\n    questions: [hi]\n")
        let diagnostic = try expectOnly(result, "yaml-syntax", file: file, line: 3, column: 18)
        #expect(diagnostic.message.contains("mapping values are not allowed"))
        #expect(throws: KnowledgeBaseError.self) { _ = try result.requireValid() }
    }

    @Test func unknownKeyWithSuggestion() throws {
        let (result, file) = try load("entries:\n  - id: a\n    answer: Hi\n    questions: [hi]\n    keyword: [x]\n")
        let diagnostic = try expectOnly(result, "unknown-key", file: file, line: 5, column: 5)
        #expect(diagnostic.message == "unknown key 'keyword' in an entry; did you mean 'keywords'?")
    }

    @Test func misspeltQuestionsIsOneUnknownKeyNotAlsoAMissingField() throws {
        let (result, file) = try load("entries:\n  - id: a\n    answer: Hi\n    questons:\n      - hello\n")
        let diagnostic = try expectOnly(result, "unknown-key", file: file, line: 4, column: 5)
        #expect(diagnostic.message.contains("did you mean 'questions'?"))
        #expect(throws: KnowledgeBaseError.self) { _ = try result.requireValid() }
    }

    @Test func aKeyFarFromTheMissingOneStillLeavesItMissing() throws {
        let (result, file) = try load("entries:\n  - id: a\n    answer: Hi\n    colour: red\n")
        #expect(diagnostics(result, rule: "unknown-key").count == 1)
        let missing = diagnostics(result, rule: "missing-field")
        try #require(missing.count == 1)
        #expect(missing[0].location == .init(file: file, line: 2, column: 5))
        #expect(missing[0].message == "entry 'a' has no 'questions'")
    }

    @Test func unknownKeyFarFromAnyKnownKeyHasNoSuggestion() throws {
        let (result, file) = try load("entries:\n  - id: a\n    answer: Hi\n    questions: [hi]\n    colour: red\n")
        let diagnostic = try expectOnly(result, "unknown-key", file: file, line: 5, column: 5)
        #expect(!diagnostic.message.contains("did you mean"))
    }

    @Test func missingAnswer() throws {
        let (result, file) = try load(
            "entries:\n  - id: first\n    answer: Hi\n    questions: [hi]\n  - id: b\n    questions: [hello]\n")
        let diagnostic = try expectOnly(result, "missing-field", file: file, line: 5, column: 5)
        #expect(diagnostic.message == "entry 'b' has no 'answer'")
    }

    @Test func duplicateIdAcrossFiles() throws {
        let second =
            "entries:\n  - id: other\n    answer: Hi\n    questions: [hi]\n  - id: a\n    answer: Again\n    questions: [hey]\n"
        let (result, first) = try load(
            "entries:\n  - id: a\n    answer: Hi\n    questions: [hi]\n", extra: ["faq/b.yaml": second])
        let secondFile = String(first.dropLast("a.yaml".count)) + "b.yaml"
        let diagnostic = try expectOnly(result, "duplicate-id", file: secondFile, line: 5, column: 5)
        #expect(diagnostic.message == "entry id 'a' is already used at \(first):2:5")
        #expect(result.base.entries.map(\.id) == ["a", "other"])
    }

    @Test func unknownEscalateGroup() throws {
        let groups = "default_group: billing\ngroups:\n  - id: billing\n    first_response: 4h\n"
        let faq = "entries:\n  - id: a\n    answer: Hi\n    questions: [hi]\n    escalate: biling\n"
        let (result, file) = try load(faq, extra: ["groups.yaml": groups])
        let diagnostic = try expectOnly(result, "unknown-group", file: file, line: 5, column: 15)
        #expect(diagnostic.message.contains("'biling'"))
        #expect(diagnostic.message.hasSuffix("did you mean 'billing'?"))
    }

    @Test(arguments: [
        // (line as written, column of the error in the file)
        ("        - '(?:abc'", 18),  // pattern starts at 12; PCRE2 stops at its 7th column
        ("        - \"(?:abc\"", 18),
        ("        - (?:abc", 17),
        ("        - '密码(abc'", 18),  // columns count scalars, not UTF-8 bytes
        ("        - 'ab)c'", 14),  // the stray ")" is the pattern's 3rd column
        ("        - pattern: 'x{2,1}'", 26),  // pattern starts at 21; PCRE2 stops at its 6th column
    ])
    func patternThatDoesNotCompile(line: String, column: Int) throws {
        let faq = "entries:\n  - id: a\n    answer: Hi\n    questions: [hi]\n    patterns:\n\(line)\n"
        let (result, file) = try load(faq)
        let diagnostic = try expectOnly(result, "pattern-syntax", file: file, line: 6, column: column)
        #expect(diagnostic.message.hasPrefix("pattern does not compile: "))
        #expect(result.base.entries.first?.patterns.isEmpty == true)
    }

    @Test func unknownLocaleInAnswer() throws {
        let settings = "locales: [en, zh]\n"
        let faq = "entries:\n  - id: a\n    answer:\n      en: Hi\n      fr: Salut\n    questions: [hi]\n"
        let (result, file) = try load(faq, extra: ["settings.yaml": settings])
        let diagnostic = try expectOnly(result, "unknown-locale", file: file, line: 5, column: 7)
        #expect(diagnostic.message.contains("'fr'"))
        #expect(result.base.entries.first?.answers == ["en": "Hi"])
    }

    @Test func wrongTypeInEntry() throws {
        let (result, file) = try load("entries:\n  - id: a\n    answer: [one, two]\n    questions: [hi]\n")
        let diagnostic = try expectOnly(result, "wrong-type", file: file, line: 3, column: 13)
        #expect(diagnostic.message.contains("must be text"))
    }

    @Test func noEntriesAtAll() throws {
        let result = try withTemporaryBase(["settings.yaml": "locales: [en]\n"]) { try $0.load() }
        #expect(result.diagnostics.map(\.rule) == ["no-entries"])
    }
}
