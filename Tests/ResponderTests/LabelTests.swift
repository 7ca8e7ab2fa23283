import Foundation
import Testing

/// Agents label what they resolve, and the labelled messages become an evaluation file: through
/// the real binary and a store of the test's own.
@Suite struct LabelTests {
    let kb = ResponderProcess.bundledKnowledgeBase

    private func run(_ arguments: [String], db: String) throws -> ResponderProcess.Output {
        try ResponderProcess.run(arguments + ["--kb", kb, "--db", db])
    }

    /// Escalates `text` in its own conversation and has an agent reply; returns the work order.
    private func escalated(_ text: String, conversation: String, db: String) throws -> String {
        let id = try #require(
            try run(
                ["ask", text, "--json", "--threshold", "1", "--margin", "0", "--conversation", conversation], db: db
            )
            .json()["work_order"] as? String, "\(text) escalates")
        #expect(try run(["tickets", "reply", id, "--agent", "ann", "Done"], db: db).status == 0)
        return id
    }

    @Test func resolvedWorkOrdersCarryLabelsThatExportAsAnEvalFile() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("labels.sqlite").path
        let password = try escalated("my password does not work anymore", conversation: "c-1", db: db)
        let invoice = try escalated("can I get a VAT invoice for my order", conversation: "c-2", db: db)
        let unlabelled = try escalated("hello there", conversation: "c-3", db: db)

        let unknown = try run(["tickets", "resolve", password, "--entry", "password-rest"], db: db)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("'password-rest' is no entry of the knowledge base"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("closest: password-reset"), "\(unknown.stderr)")
        #expect(
            try run(["tickets", "show", password, "--json"], db: db).json()["status"] as? String == "responded",
            "a refused label resolves nothing")
        let both = try run(["tickets", "resolve", password, "--entry", "password-reset", "--new-topic", "x"], db: db)
        #expect(both.status == 2)

        #expect(try run(["tickets", "resolve", password, "--entry", "password-reset"], db: db).status == 0)
        #expect(try run(["tickets", "resolve", invoice, "--new-topic", "  VAT invoices "], db: db).status == 0)
        #expect(try run(["tickets", "resolve", unlabelled], db: db).status == 0)

        let shown = try run(["tickets", "show", password, "--json"], db: db).json()
        #expect(shown["label"] as? [String: String] == ["entry": "password-reset"])
        #expect(
            try run(["tickets", "show", invoice], db: db).stdout.contains("label:          new topic \"VAT invoices\""))
        #expect(try run(["tickets", "show", unlabelled, "--json"], db: db).json()["label"] is NSNull)

        // A reopened work order keeps its label until it is resolved with another.
        #expect(try run(["tickets", "reopen", password], db: db).status == 0)
        #expect(try run(["tickets", "reply", password, "--agent", "ann", "Again"], db: db).status == 0)
        #expect(try run(["tickets", "resolve", password], db: db).status == 0)
        #expect(
            try run(["tickets", "show", password, "--json"], db: db).json()["label"] as? [String: String]
                == ["entry": "password-reset"])

        let file = folder.appendingPathComponent("labelled.jsonl")
        let export = try run(["export", "labelled", "--out", file.path], db: db)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("2 labelled messages (1 new topics)"))
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(lines.count == 2)
        #expect(lines[0]["text"] as? String == "my password does not work anymore")
        #expect(lines[0]["intent"] as? String == "password-reset")
        #expect(lines[1]["text"] as? String == "can I get a VAT invoice for my order")
        #expect(lines[1]["intent"] is NSNull)

        let evaluated = try ResponderProcess.run(["eval", file.path, "--kb", kb])
        #expect(evaluated.status == 0, "the export is an eval file: \(evaluated.stderr)")
    }

    /// A candidate that adds an entry gains the answers it was written for; one that drops an
    /// entry agents labelled regresses, and `--fail-on-regression` says so by its exit status.
    @Test func replayShowsGainedAnswersAndFailsOnARegression() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("replay.sqlite").path
        let question = "Do you offer gift wrapping for presents?"
        for (index, text) in [question, question, "how do I reset my password"].enumerated() {
            #expect(try run(["ask", text, "--conversation", "r-\(index)"], db: db).status == 0)
        }
        // A pick ("2") answers a clarification: it means nothing on its own and is not replayed.
        #expect(try run(["ask", "where is my parcel", "--conversation", "r-pick"], db: db).status == 0)
        let pick = try run(["ask", "2", "--conversation", "r-pick", "--json"], db: db).json()
        #expect(pick["picked"] != nil && !(pick["picked"] is NSNull), "\(pick)")
        // An agent confirms what a password question needs; forced to a person to be labelled.
        let labelled = try escalated("my password does not work anymore", conversation: "r-9", db: db)
        #expect(try run(["tickets", "resolve", labelled, "--entry", "password-reset"], db: db).status == 0)

        let gifts = folder.appendingPathComponent("gifts")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: kb), to: gifts)
        try """
        group: general
        entries:
          - id: gift-wrapping
            answer:
              en: "Yes: choose gift wrapping at checkout, it costs 5 CNY."
              zh: "可以：结账时选择礼品包装，费用5元。"
            questions:
              en: [Do you offer gift wrapping?, can you gift wrap my order, gift wrap a present]
              zh: [可以礼品包装吗, 能帮我包装成礼物吗, 有礼品包装服务吗]
            keywords:
              gift wrapping: 3
              礼品包装: 3
        """.write(to: gifts.appendingPathComponent("faq/gifts.yaml"), atomically: true, encoding: .utf8)
        let gained = try ResponderProcess.run(
            ["replay", "--kb", gifts.path, "--baseline", kb, "--db", db, "--json", "--fail-on-regression"])
        #expect(gained.status == 0, "\(gained.stderr)")
        let result = try gained.json()
        #expect(result["messages"] as? Double == 5, "four questions and the clarified one; not the pick")
        #expect(result["gained"] as? Double == 2, "\(result)")
        #expect(result["lost"] as? Double == 0)
        #expect((result["regressions"] as? [Any])?.isEmpty == true)
        let before = try #require((result["baseline"] as? [String: Any])?["automation_rate"] as? Double)
        let after = try #require((result["candidate"] as? [String: Any])?["automation_rate"] as? Double)
        #expect(after > before)

        // The REPL replays against its own base.
        let repl = try ResponderProcess.run(
            ["repl", "--kb", kb, "--db", db], input: ":replay \(gifts.path)\n:replay\n")
        #expect(repl.stdout.contains("answers gained   2"), "\(repl.stdout)")
        #expect(repl.stderr.contains("usage: :replay DIR"))

        let withoutPasswords = folder.appendingPathComponent("broken")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: kb), to: withoutPasswords)
        let account = withoutPasswords.appendingPathComponent("faq/account.yaml")
        var text = try String(contentsOf: account, encoding: .utf8)
        let start = try #require(text.range(of: "  - id: password-reset\n"))
        let next = try #require(text.range(of: "\n  - id: ", range: start.upperBound..<text.endIndex))
        text.removeSubrange(start.lowerBound..<text.index(after: next.lowerBound))
        try text.write(to: account, atomically: true, encoding: .utf8)
        let broken = try ResponderProcess.run(
            ["replay", "--kb", withoutPasswords.path, "--baseline", kb, "--db", db, "--fail-on-regression"])
        #expect(broken.status == 1, "\(broken.stdout)\(broken.stderr)")
        #expect(broken.stdout.contains("Regressions:"))
        #expect(broken.stdout.contains(labelled))
    }
}
