import Foundation
import Testing

/// What the binary refuses to do, and how it fails, through the real binary.
@Suite struct SafetyAndErrorTests {
    static let training = KBImportAndEvalTests.training

    private func folderWithTraining() throws -> URL {
        let folder = try ResponderProcess.temporaryDirectory()
        try Self.training.write(to: folder.appendingPathComponent("train.jsonl"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func forceNeverReplacesTheWorkingDirectory() throws {
        let folder = try folderWithTraining()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try ResponderProcess.run(["kb", "import", "train.jsonl", "--out", ".", "--force"], in: folder)
        #expect(output.status == 1)
        #expect(output.stderr.contains("refusing"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("train.jsonl").path))
    }

    @Test func forceNeverReplacesAFolderHoldingTheInput() throws {
        let folder = try folderWithTraining()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(
            at: data.appendingPathComponent("faq"), withIntermediateDirectories: true)
        try Self.training.write(to: data.appendingPathComponent("train.jsonl"), atomically: true, encoding: .utf8)
        let output = try ResponderProcess.run(
            ["kb", "import", "data/train.jsonl", "--out", "data", "--force"], in: folder)
        #expect(output.status == 1)
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("train.jsonl").path))
    }

    @Test func forceNeverReplacesAFolderThatIsNotAKnowledgeBase() throws {
        let folder = try folderWithTraining()
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = folder.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try "keep me".write(to: other.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let output = try ResponderProcess.run(
            ["kb", "import", "train.jsonl", "--out", "documents", "--force"], in: folder)
        #expect(output.status == 1)
        #expect(output.stderr.contains("not a knowledge base"))
        #expect(FileManager.default.fileExists(atPath: other.appendingPathComponent("notes.txt").path))
    }

    @Test func forceReplacesAnEarlierImportWhole() throws {
        let folder = try folderWithTraining()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try ResponderProcess.run(["kb", "import", "train.jsonl", "--out", "kb"], in: folder).status == 0)
        let stale = folder.appendingPathComponent("kb/faq/stale.yaml")
        try "entries: []\n".write(to: stale, atomically: true, encoding: .utf8)
        let smaller = "{\"text\": \"set an alarm\", \"intent\": \"alarm\"}\n"
        try smaller.write(to: folder.appendingPathComponent("small.jsonl"), atomically: true, encoding: .utf8)
        #expect(
            try ResponderProcess.run(["kb", "import", "small.jsonl", "--out", "kb", "--force"], in: folder).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("kb/faq").path)
        #expect(files == ["alarm.yaml"])
    }

    @Test func importThenEvalWorksForLabelsThatAreNotIds() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = """
            {"text": "book me a flight to paris", "intent": "Book Flight"}
            {"text": "i need a plane ticket", "intent": "Book Flight"}
            {"text": "what's up", "intent": "what's up?"}
            {"text": "how are you doing", "intent": "what's up?"}

            """
        try lines.write(to: folder.appendingPathComponent("data.jsonl"), atomically: true, encoding: .utf8)
        #expect(try ResponderProcess.run(["kb", "import", "data.jsonl", "--out", "kb"], in: folder).status == 0)
        let report = try ResponderProcess.run(
            ["eval", "data.jsonl", "--kb", "kb", "--threshold", "0", "--margin", "0", "--json"], in: folder
        ).json()
        #expect(report["in_scope_accuracy"] as? Double == 1)
        #expect((report["unknown_intents"] as? [Any])?.isEmpty == true)
        #expect(report["oos_recall"] is NSNull)
    }

    @Test func evalFailsWithOneOnABrokenKnowledgeBaseOrBadData() throws {
        let folder = try folderWithTraining()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try ResponderProcess.run(["eval", "train.jsonl", "--kb", "nowhere"], in: folder)
        #expect(missing.status == 1)
        #expect(try ResponderProcess.run(["kb", "import", "train.jsonl", "--out", "kb"], in: folder).status == 0)
        try "{\"text\": 1}\n".write(to: folder.appendingPathComponent("bad.jsonl"), atomically: true, encoding: .utf8)
        let bad = try ResponderProcess.run(["eval", "bad.jsonl", "--kb", "kb"], in: folder)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.jsonl:1: error"))
    }

    @Test func askRejectsALocaleTheBaseDoesNotServe() throws {
        let output = try ResponderProcess.run([
            "ask", "hello", "--kb", ResponderProcess.bundledKnowledgeBase, "--locale", "fr",
        ])
        #expect(output.status == 1)
        #expect(output.stderr.contains("en, zh"))
    }
}
