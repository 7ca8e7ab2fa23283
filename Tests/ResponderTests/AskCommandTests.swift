import Foundation
import Testing

/// `responder ask` on the bundled knowledge base, through the real binary.
@Suite struct AskCommandTests {
    let kb = ResponderProcess.bundledKnowledgeBase

    @Test(arguments: ["I forgot my password", "我忘记密码了", "ＰＡＳＳＷＯＲＤ reset", "我想 reset 我的 password"])
    func passwordQuestionsInEitherLanguageReachTheSameEntry(_ message: String) throws {
        let output = try ResponderProcess.run(["ask", message, "--kb", kb, "--json"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let reply = try output.json()
        #expect(reply["decision"] as? String == "answer")
        #expect(reply["intent"] as? String == "password-reset")
        let confidence = try #require(reply["confidence"] as? Double)
        #expect(confidence > 0 && confidence <= 1)
        let candidates = try #require(reply["candidates"] as? [[String: Any]])
        #expect(candidates.first?["intent"] as? String == "password-reset")
    }

    @Test func answersInTheCustomersLanguage() throws {
        let chinese = try ResponderProcess.run(["ask", "我忘记密码了", "--kb", kb, "--json"]).json()
        let answer = try #require(chinese["answer"] as? String)
        #expect(answer.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })
        #expect(chinese["locale"] as? String == "zh")

        let english = try ResponderProcess.run(["ask", "I forgot my password", "--kb", kb, "--json"]).json()
        let englishAnswer = try #require(english["answer"] as? String)
        #expect(!englishAnswer.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })
    }

    @Test func offTopicMessagesEscalateWithNullIntentAndAnswer() throws {
        let reply = try ResponderProcess.run(["ask", "what is the capital of peru", "--kb", kb, "--json"]).json()
        #expect(reply["decision"] as? String == "escalate")
        #expect(reply["intent"] is NSNull)
        #expect(reply["answer"] is NSNull)
        #expect(reply["candidates"] is [Any])
    }

    @Test func complaintAnswersAndEscalates() throws {
        let reply = try ResponderProcess.run(
            ["ask", "I want to file a complaint, your service is terrible", "--kb", kb, "--json"]
        ).json()
        #expect(reply["decision"] as? String == "answer")
        #expect(reply["intent"] as? String == "complaint")
        #expect(reply["escalate"] as? String == "complaints")
    }

    @Test func thresholdOverrideChangesTheDecision() throws {
        let reply = try ResponderProcess.run([
            "ask", "I forgot my password", "--kb", kb, "--threshold", "1", "--margin", "0", "--json",
        ])
        .json()
        #expect(reply["decision"] as? String == "escalate")
    }

    @Test func textOutputShowsDecisionAnswerAndCandidates() throws {
        let output = try ResponderProcess.run(["ask", "I forgot my password", "--kb", kb, "--explain"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("answer: password-reset"))
        #expect(output.stdout.contains("candidates:"))
        #expect(output.stdout.contains("unigram \"password\""))
        // How the confidence was made from the score: each feature's share of the logit.
        #expect(
            output.stdout.contains("confidence = 1 / (1 + e^-logit), weights learned from this base's own questions"))
        for feature in ["bias", "score", "margin", "unknown_words", "coverage", "length", "logit"] {
            #expect(output.stdout.contains("\n  \(feature) "), "\(feature)")
        }
    }

    /// The trained model is cached on the first run and read, not retrained, by later processes
    /// (each with its own hash seed, so the cache key must not depend on one).
    @Test func laterProcessesReadTheCachedModel() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["RESPONDER_CACHE_DIR": folder.path]
        let first = try ResponderProcess.run(
            ["ask", "where is my order", "--kb", kb, "--dry-run"], environment: environment)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let folders = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(folders.count == 1)
        let model = folder.appendingPathComponent(try #require(folders.first)).appendingPathComponent("model.bin")
        let written = try FileManager.default.attributesOfItem(atPath: model.path)[.modificationDate] as? Date
        #expect(written != nil)
        for _ in 0..<3 {
            let again = try ResponderProcess.run(
                ["ask", "where is my order", "--kb", kb, "--dry-run"], environment: environment)
            #expect(again.stdout == first.stdout)
        }
        let after = try FileManager.default.attributesOfItem(atPath: model.path)[.modificationDate] as? Date
        #expect(after == written, "the model was trained again")
    }

    @Test func explainedJSONCarriesTheCalibration() throws {
        let reply = try ResponderProcess.run(
            ["ask", "I forgot my password", "--kb", kb, "--explain", "--json", "--dry-run"]
        ).json()
        let candidates = try #require(reply["candidates"] as? [[String: Any]])
        let calibration = try #require(candidates.first?["calibration"] as? [String: Any])
        #expect(calibration["origin"] as? String == "trained")
        let features = try #require(calibration["features"] as? [[String: Any]])
        let logit = try #require(calibration["logit"] as? Double)
        let bias = try #require(calibration["bias"] as? Double)
        let sum = features.reduce(bias) { $0 + ($1["contribution"] as? Double ?? .nan) }
        #expect(abs(sum - logit) < 0.01)
        let confidence = try #require(reply["confidence"] as? Double)
        #expect(abs(1 / (1 + exp(-logit)) - confidence) < 0.01)
        #expect(candidates.dropFirst().allSatisfy { $0["calibration"] == nil }, "only the top candidate's")
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try ResponderProcess.run(["ask"]).status == 2)
        #expect(try ResponderProcess.run(["ask", "hello", "--threshold", "3"]).status == 2)
        #expect(try ResponderProcess.run(["frobnicate"]).status == 2)
    }

    @Test func missingKnowledgeBaseExitsWithOne() throws {
        let output = try ResponderProcess.run(["ask", "hello", "--kb", "/nonexistent/kb"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("/nonexistent/kb"))
        #expect(output.stdout.isEmpty)
    }

    @Test func brokenKnowledgeBaseReportsEveryErrorWithItsLine() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let faq = folder.appendingPathComponent("faq")
        try FileManager.default.createDirectory(at: faq, withIntermediateDirectories: true)
        try """
        entries:
          - id: one
            answer: Hi
            questons: [hello]
          - id: two
            answer: Bye
            questions: [bye]
            patterns: ['(unclosed']
        """.write(to: faq.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let output = try ResponderProcess.run(["ask", "hello", "--kb", folder.path])
        #expect(output.status == 1)
        #expect(output.stderr.contains("faq/a.yaml:4:5: error: unknown key 'questons'"))
        #expect(output.stderr.contains("did you mean 'questions'?"))
        #expect(output.stderr.contains("faq/a.yaml:8:"))
        #expect(output.stderr.contains("[pattern-syntax]"))
    }

    @Test func aBaseWithALintErrorIsRefusedWithLintsDiagnostic() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let faq = folder.appendingPathComponent("faq")
        try FileManager.default.createDirectory(at: faq, withIntermediateDirectories: true)
        try Data("locales: [en]\n".utf8).write(to: folder.appendingPathComponent("settings.yaml"))
        try Data(
            """
            entries:
              - id: refund
                answer: Refunds reach your card within 5 working days.
                questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]
                patterns: ['(a+)+$']

            """.utf8
        ).write(to: faq.appendingPathComponent("refunds.yaml"))
        let lint = try ResponderProcess.run(["lint", folder.path])
        let finding = try #require(lint.stdout.split(separator: "\n").first { $0.hasSuffix("[pattern-backtracking]") })
        let ask = try ResponderProcess.run(["ask", "refund please", "--kb", folder.path])
        #expect(ask.status != 0, "\(ask.stdout)")
        #expect(ask.stderr.contains(finding), "\(ask.stderr)")
    }
}
