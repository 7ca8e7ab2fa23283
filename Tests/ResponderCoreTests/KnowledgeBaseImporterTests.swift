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
        let bookFlight = KnowledgeBaseImporter.identifier("book flight")
        #expect(files.map(\.path) == ["settings.yaml", "groups.yaml", "faq/refund.yaml", "faq/\(bookFlight).yaml"])
        #expect(!files.contains { $0.contents.contains("capital of peru") })
        let refund = files[2].contents
        #expect(refund.hasPrefix("entries:\n  - id: \"refund\"\n"))
        #expect(refund.components(separatedBy: "where is my refund").count == 2, "duplicate questions are written once")
    }

    @Test func invalidIntentNamesBecomeValidDistinctIds() throws {
        let labels = ["Book Flight!", "book?flight", "-x", "book_flight"]
        let utterances = labels.enumerated().map { LabelledUtterance(text: "q\($0)", intent: $1, line: $0 + 1) }
        let ids = labels.map(KnowledgeBaseImporter.identifier)
        #expect(ids[3] == "book_flight", "a valid id is kept as it is")
        #expect(ids[0].hasPrefix("Book-Flight--") && ids[1].hasPrefix("book-flight-") && ids[2].hasPrefix("intent-x-"))
        #expect(Set(ids).count == ids.count)
        let paths = KnowledgeBaseImporter.files(from: utterances).map(\.path).dropFirst(2)
        #expect(Array(paths) == ids.map { "faq/\($0).yaml" })
        let contents = Dictionary(
            uniqueKeysWithValues: KnowledgeBaseImporter.files(from: utterances).map { ($0.path, $0.contents) })
        let result = try withTemporaryBase(contents) { try $0.load() }
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(Set(result.base.entries.map(\.id)) == Set(ids), "files load in path order")
    }

    @Test func importedBaseLoadsAndRoundTripsQuestions() throws {
        let files = KnowledgeBaseImporter.files(from: Self.utterances, locale: "zh")
        let contents = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
        let result = try withTemporaryBase(contents) { try $0.load() }
        #expect(result.diagnostics.map(\.description) == [])
        let base = result.base
        #expect(base.settings.locales == ["zh"])
        #expect(base.groups.defaultGroup == "general")
        // Files load in path order.
        #expect(base.entries.map(\.id) == [KnowledgeBaseImporter.identifier("book flight"), "refund"])
        let refund = try #require(base.entry("refund"))
        #expect(refund.questions.map(\.text) == ["where is my refund", Self.tricky])
        let answer = try #require(refund.answers["zh"])
        #expect(answer.hasPrefix(KnowledgeBaseImporter.placeholderMarker))
        #expect(answer.contains("'refund'"))
        let flight = try #require(base.entry(KnowledgeBaseImporter.identifier("book flight")))
        #expect(flight.questions.map(\.text) == ["book a flight", "tab\there", "bell\u{7} del\u{7F} line\nbreak"])
        #expect(flight.answers["zh"]?.contains("'book flight'") == true)
    }

    @Test func nothingInScopeGivesOnlySettingsAndGroups() {
        let files = KnowledgeBaseImporter.files(from: [LabelledUtterance(text: "x", intent: nil, line: 1)])
        #expect(files.map(\.path) == ["settings.yaml", "groups.yaml"])
    }
}
