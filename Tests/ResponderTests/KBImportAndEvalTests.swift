import Foundation
import Testing

/// `responder kb import` and `responder eval`, through the real binary.
@Suite struct KBImportAndEvalTests {
    static let training = """
        {"text": "set an alarm for 7am", "intent": "alarm"}
        {"text": "wake me up at six tomorrow", "intent": "alarm"}
        {"text": "please set my alarm", "intent": "alarm"}
        {"text": "what's the weather like today", "intent": "weather"}
        {"text": "will it rain tomorrow", "intent": "weather"}
        {"text": "is it going to be sunny", "intent": "weather"}
        {"text": "translate hello into french", "intent": "translate"}
        {"text": "how do you say thanks in spanish", "intent": "translate"}
        {"text": "what is cat in german", "intent": "translate"}
        {"text": "how tall is mount everest", "intent": null}

        """

    static let validation = """
        {"text": "set an alarm for noon", "intent": "alarm"}
        {"text": "will it be sunny tomorrow", "intent": "weather"}
        {"text": "how do you say dog in french", "intent": "translate"}
        {"text": "who won the football game", "intent": null}

        """

    @Test func importBuildsOneEntryPerIntentAndSkipsOutOfScope() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.training.write(to: folder.appendingPathComponent("train.jsonl"), atomically: true, encoding: .utf8)
        let output = try ResponderProcess.run(["kb", "import", "train.jsonl", "--out", "kb"], in: folder)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("kb/faq").path)
            .sorted()
        #expect(files == ["alarm.yaml", "translate.yaml", "weather.yaml"])
        let alarm = try String(contentsOf: folder.appendingPathComponent("kb/faq/alarm.yaml"), encoding: .utf8)
        #expect(alarm.contains("\"wake me up at six tomorrow\""))
        #expect(alarm.contains("TODO"))
        #expect(output.stderr.contains("1 out-of-scope lines skipped"))

        let ask = try ResponderProcess.run(["ask", "wake me up at 7", "--kb", "kb", "--json"], in: folder).json()
        #expect((ask["candidates"] as? [[String: Any]])?.first?["intent"] as? String == "alarm")
    }

    @Test func importReportsBadLinesAndWritesNothing() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = Self.training + "{\"text\": \"no intent key\"\n{\"intent\": \"alarm\"}\n"
        try bad.write(to: folder.appendingPathComponent("train.jsonl"), atomically: true, encoding: .utf8)
        let output = try ResponderProcess.run(["kb", "import", "train.jsonl", "--out", "kb"], in: folder)
        #expect(output.status == 1)
        #expect(output.stderr.contains("train.jsonl:11: error: not valid JSON"))
        #expect(output.stderr.contains("train.jsonl:12: error: \"text\" must be a string"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("kb").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["train.jsonl"])
    }

    @Test func importRefusesToOverwriteWithoutForce() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.training.write(to: folder.appendingPathComponent("train.jsonl"), atomically: true, encoding: .utf8)
        #expect(try ResponderProcess.run(["kb", "import", "train.jsonl", "--out", "kb"], in: folder).status == 0)
        let again = try ResponderProcess.run(["kb", "import", "train.jsonl", "--out", "kb"], in: folder)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
        #expect(
            try ResponderProcess.run(["kb", "import", "train.jsonl", "--out", "kb", "--force"], in: folder).status == 0)
    }

    @Test func evalReportsAccuracyRecallAndSweep() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.training.write(to: folder.appendingPathComponent("train.jsonl"), atomically: true, encoding: .utf8)
        try Self.validation.write(to: folder.appendingPathComponent("val.jsonl"), atomically: true, encoding: .utf8)
        #expect(try ResponderProcess.run(["kb", "import", "train.jsonl", "--out", "kb"], in: folder).status == 0)

        let fixed = try ResponderProcess.run(
            ["eval", "val.jsonl", "--kb", "kb", "--threshold", "0", "--margin", "0", "--json"], in: folder)
        #expect(fixed.status == 0, "stderr: \(fixed.stderr)")
        let report = try fixed.json()
        // Threshold 0 answers everything: every in-scope line right, the out-of-scope line answered.
        #expect(report["in_scope_accuracy"] as? Double == 1)
        #expect(report["oos_recall"] as? Double == 0)
        #expect(report["threshold"] as? Double == 0)
        // How far the confidence can be trusted.
        #expect(report["top1_accuracy"] as? Double == 1)
        let ece = try #require(report["ece"] as? Double)
        #expect((0...1).contains(ece))
        let reliability = try #require(report["reliability"] as? [[String: Any]])
        #expect(reliability.count == 10)
        #expect(reliability.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == 4)
        let curve = try #require(report["coverage_curve"] as? [[String: Any]])
        #expect(curve.map { $0["threshold"] as? Double } == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
        let answered = curve.compactMap { $0["answered"] as? Double }
        #expect(answered == answered.sorted(by: >), "a higher threshold never answers more")

        let swept = try ResponderProcess.run(
            ["eval", "val.jsonl", "--kb", "kb", "--sweep", "--margin", "0", "--json"], in: folder
        ).json()
        let sweep = try #require(swept["sweep"] as? [[String: Any]])
        #expect(sweep.count == 101)
        let best = try #require(swept["threshold"] as? Double)
        let bestAccuracy = try #require(swept["accuracy"] as? Double)
        #expect(sweep.allSatisfy { ($0["accuracy"] as? Double ?? 2) <= bestAccuracy })
        #expect(best > 0)

        let text = try ResponderProcess.run(["eval", "val.jsonl", "--kb", "kb", "--sweep"], in: folder)
        #expect(text.stdout.contains("in-scope accuracy"))
        #expect(text.stdout.contains("out-of-scope recall"))
        #expect(text.stdout.contains("threshold sweep"))
        #expect(text.stdout.contains("confidence reliability"))
        #expect(text.stdout.contains("answered versus accuracy"))
        #expect(text.stdout.contains("calibration error"))
        #expect(text.stderr.isEmpty, "no progress on a pipe")
    }
}
