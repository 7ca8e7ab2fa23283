import ResponderCore
import Testing

@Suite("Labelled data: line ends, byte-order marks, encodings, labels")
struct LabelledDataEdgeCaseTests {
    @Test func crlfLinesAndAByteOrderMarkParse() {
        let document: [UInt8] =
            [0xEF, 0xBB, 0xBF]
            + Array("{\"text\": \"a\", \"intent\": \"x\"}\r\n{\"text\": \"b\", \"intent\": null}\r\n".utf8)
        let (utterances, errors) = LabelledUtterance.parseAll(bytes: document)
        #expect(errors.isEmpty)
        #expect(
            utterances == [
                LabelledUtterance(text: "a", intent: "x", line: 1), LabelledUtterance(text: "b", intent: nil, line: 2),
            ])
    }

    @Test func invalidUTF8IsReportedWithItsLineNumber() {
        let document =
            Array("{\"text\": \"a\", \"intent\": \"x\"}\n".utf8) + [0x7B, 0xFF, 0xFE, 0x7D, 0x0A]
            + Array("{\"text\": \"c\", \"intent\": \"y\"}\n".utf8)
        let (utterances, errors) = LabelledUtterance.parseAll(bytes: document)
        #expect(errors.map(\.line) == [2])
        #expect(errors.map(\.message) == ["not valid UTF-8"])
        #expect(utterances.map(\.line) == [1, 3])
    }

    @Test func labelsThatAreNotIdsGetDistinctStableIds() {
        #expect(KnowledgeBaseImporter.identifier("book_flight") == "book_flight")
        let a = KnowledgeBaseImporter.identifier("what's up")
        let b = KnowledgeBaseImporter.identifier("what s up")
        #expect(a != b)
        #expect(a.hasPrefix("what-s-up-"))
        #expect(a == KnowledgeBaseImporter.identifier("what's up"))
        #expect(KnowledgeBaseImporter.identifier(String(repeating: "x", count: 300)).count <= 90)
    }

    @Test func intentsDifferingOnlyInCaseGetDifferentFileNames() {
        let utterances = [
            LabelledUtterance(text: "one", intent: "Alarm", line: 1),
            LabelledUtterance(text: "two", intent: "alarm", line: 2),
        ]
        let paths = KnowledgeBaseImporter.files(from: utterances).map(\.path).filter { $0.hasPrefix("faq/") }
        #expect(Set(paths.map { $0.lowercased() }).count == 2)
    }
}
