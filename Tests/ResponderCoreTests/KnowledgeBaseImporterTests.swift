import ResponderCore
import Testing

@Suite("KnowledgeBaseImporter")
struct KnowledgeBaseImporterTests {
    static let tricky = #"say "hi": now # not a comment \ ok"#

    static let utterances = [
        LabelledUtterance(text: "where is my refund", intent: "refund", line: 1),
        LabelledUtterance(text: "what is the capital of peru", intent: nil, line: 2),
        LabelledUtterance(text: "book a flight", intent: "book flight", line: 3),
        LabelledUtterance(text: "where is my refund", intent: "refund", line: 4),
        LabelledUtterance(text: tricky, intent: "refund", line: 5),
        LabelledUtterance(text: "tab\there", intent: "book flight", line: 6),
        LabelledUtterance(text: "bell\u{7} del\u{7F} line\nbreak", intent: "book flight", line: 7),
    ]

    @Test func oneFAQFilePerIntentAndOutOfScopeSkipped() {
        let files = KnowledgeBaseImporter.files(from: Self.utterances)
        #expect(files.map(\.path) == ["settings.yaml", "groups.yaml", "faq/refund.yaml", "faq/book-flight.yaml"])
        #expect(!files.contains { $0.contents.contains("capital of peru") })
        let refund = files[2].contents
        #expect(refund.hasPrefix("entries:\n  - id: \"refund\"\n"))
        #expect(refund.components(separatedBy: "where is my refund").count == 2, "duplicate questions are written once")
    }

    @Test func invalidIntentNamesBecomeValidIds() {
        let utterances = [
            LabelledUtterance(text: "a", intent: "Book Flight!", line: 1),
            LabelledUtterance(text: "b", intent: "book?flight", line: 2),
            LabelledUtterance(text: "c", intent: "-x", line: 3),
        ]
        let paths = KnowledgeBaseImporter.files(from: utterances).map(\.path).dropFirst(2)
        #expect(Array(paths) == ["faq/Book-Flight-.yaml", "faq/book-flight.yaml", "faq/intent-x.yaml"])
    }

    @Test func importedBaseLoadsAndRoundTripsQuestions() throws {
        let files = KnowledgeBaseImporter.files(from: Self.utterances, locale: "zh")
        let contents = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
        let result = try withTemporaryBase(contents) { try $0.load() }
        #expect(result.diagnostics.map(\.description) == [])
        let base = result.base
        #expect(base.settings.locales == ["zh"])
        #expect(base.groups.defaultGroup == "general")
        #expect(base.entries.map(\.id) == ["book-flight", "refund"])  // files load in path order
        let refund = try #require(base.entry("refund"))
        #expect(refund.questions.map(\.text) == ["where is my refund", Self.tricky])
        let answer = try #require(refund.answers["zh"])
        #expect(answer.hasPrefix(KnowledgeBaseImporter.placeholderMarker))
        #expect(answer.contains("'refund'"))
        let flight = try #require(base.entry("book-flight"))
        #expect(flight.questions.map(\.text) == ["book a flight", "tab\there", "bell\u{7} del\u{7F} line\nbreak"])
        #expect(flight.answers["zh"]?.contains("'book flight'") == true)
    }

    @Test func nothingInScopeGivesOnlySettingsAndGroups() {
        let files = KnowledgeBaseImporter.files(from: [LabelledUtterance(text: "x", intent: nil, line: 1)])
        #expect(files.map(\.path) == ["settings.yaml", "groups.yaml"])
    }
}
