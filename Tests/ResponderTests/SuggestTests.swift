import Foundation
import Testing

/// `kb suggest` through the real binary: a base with entries taken out, traffic that asks for
/// them in other words among off-topic noise, and the topics, drafts and merge that follow.
@Suite struct SuggestTests {
    static let passwords = [
        "I forgot my password and can't log in", "how can I reset my password", "forgot password, please help",
        "I need to reset the password of my account", "password reset is not working for me",
        "can't remember my password", "where do I reset my password", "reset my password please",
    ]
    static let invoices = [
        "我需要开一张发票", "发票怎么开", "订单能开发票吗", "请帮我开发票", "开发票需要什么信息", "我想要电子发票",
        "发票什么时候能开", "怎么申请发票",
    ]
    static let noise = [
        "what's the weather like tomorrow", "tell me a joke", "who won the football game", "明天会下雨吗",
        "推荐一本小说", "what is the capital of France", "my cat is sick", "can you sing a song",
    ]

    /// A copy of the bundled base in `folder` without the entries `ids`.
    static func baseWithout(_ ids: [String], in folder: URL) throws -> URL {
        let copy = folder.appendingPathComponent("reduced")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: ResponderProcess.bundledKnowledgeBase), to: copy)
        for id in ids { try removeEntry(id, from: copy) }
        return copy
    }

    /// Removes entry `id` from whichever FAQ file of the base at `base` defines it.
    static func removeEntry(_ id: String, from base: URL) throws {
        let faq = base.appendingPathComponent("faq")
        for name in try FileManager.default.contentsOfDirectory(atPath: faq.path) {
            let file = faq.appendingPathComponent(name)
            var text = try String(contentsOf: file, encoding: .utf8)
            guard let start = text.range(of: "  - id: \(id)\n") else { continue }
            let end = text.range(of: "\n  - id: ", range: start.upperBound..<text.endIndex)
            text.removeSubrange(start.lowerBound..<(end.map { text.index(after: $0.lowerBound) } ?? text.endIndex))
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        Issue.record("no entry \(id) in \(base.path)")
    }

    /// Sends `texts` through `serve`, each in a conversation of its own.
    private func send(_ texts: [String], kb: String, db: String) throws {
        let lines = texts.enumerated().map { index, text in
            let params = try! JSONSerialization.data(withJSONObject: ["conversation": "s-\(index)", "text": text])
            return #"{"jsonrpc":"2.0","id":\#(index),"method":"message","params":"#
                + String(decoding: params, as: UTF8.self) + "}"
        }
        let served = try ResponderProcess.run(
            ["serve", "--kb", kb, "--db", db], input: lines.joined(separator: "\n") + "\n")
        #expect(served.status == 0, "\(served.stderr)")
    }

    @Test func removedEntriesComeBackAsTheirOwnTopicsWithDraftsThatMergeCleanly() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let kb = try Self.baseWithout(["password-reset", "invoice-request"], in: folder).path
        let db = folder.appendingPathComponent("s.sqlite").path
        try send(Self.passwords + Self.noise + Self.invoices, kb: kb, db: db)

        let out = folder.appendingPathComponent("drafts").path
        let first = try ResponderProcess.run(["kb", "suggest", "--kb", kb, "--db", db, "--json", "--out", out])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("written to \(out)"))
        let result = try first.json()
        let topics = try #require(result["topics"] as? [[String: Any]])
        /// The topic most of `texts` fall in, and how many do.
        func home(of texts: [String]) -> (index: Int, count: Int)? {
            topics.indices.map { index in
                (index, (topics[index]["texts"] as? [String] ?? []).filter(texts.contains).count)
            }.max { $0.count < $1.count }
        }
        let passwordTopic = try #require(home(of: Self.passwords), "\(topics)")
        let invoiceTopic = try #require(home(of: Self.invoices), "\(topics)")
        #expect(passwordTopic.index != invoiceTopic.index, "two topics, not one")
        #expect(passwordTopic.count >= 4, "\(topics)")
        #expect(invoiceTopic.count >= 4, "\(topics)")
        for (index, texts) in [(passwordTopic.index, Self.passwords), (invoiceTopic.index, Self.invoices)] {
            let topic = topics[index]
            let members = try #require(topic["texts"] as? [String])
            #expect(members.filter(texts.contains).count * 2 > members.count, "mostly its own: \(members)")
            #expect(topic["suggestion"] as? String == "new-entry", "\(topic)")
            #expect(topic["size"] as? Double == Double(members.count))
            let share = try #require(topic["share"] as? Double)
            #expect(abs(share - Double(members.count) / (result["mined"] as! Double)) < 0.001)
            let draft = try #require(topic["draft"] as? String)
            #expect(FileManager.default.fileExists(atPath: draft), "\(draft)")
            #expect(try String(contentsOfFile: draft, encoding: .utf8).contains("TODO: write the answer"))
        }
        #expect(
            (topics.map { $0["size"] as? Double ?? 0 }).elementsEqual(
                topics.map { $0["size"] as? Double ?? 0 }.sorted(by: >)), "largest first")
        #expect(FileManager.default.fileExists(atPath: out + "/SUGGESTIONS.md"))

        // The same store gives the same topics.
        let again = try ResponderProcess.run(["kb", "suggest", "--kb", kb, "--db", db, "--json"])
        let replayed = try #require(try again.json()["topics"] as? [[String: Any]])
        #expect(replayed.map { $0["texts"] as? [String] ?? [] } == topics.map { $0["texts"] as? [String] ?? [] })

        // Merged into a copy of the base, the drafts lint without errors and answer the traffic.
        let candidate = folder.appendingPathComponent("candidate")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: kb), to: candidate)
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: out + "/faq/suggested"), to: candidate.appendingPathComponent("faq/suggested"))
        let lint = try ResponderProcess.run(["lint", candidate.path])
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
        let replay = try ResponderProcess.run([
            "replay", "--kb", candidate.path, "--baseline", kb, "--db", db, "--json",
        ])
        #expect((try replay.json()["gained"] as? Double ?? 0) >= 6, "\(replay.stdout)")
    }

    /// Agents' labels decide: messages labelled with an entry become questions added to it (in a
    /// rewritten copy of its file), and a new topic's draft takes the agents' reply as its answer.
    @Test func labelsDecideAndAgentRepliesBecomeTheDraftAnswer() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let kb = ResponderProcess.bundledKnowledgeBase
        let db = folder.appendingPathComponent("l.sqlite").path
        let gifts = [
            "do you do gift wrapping", "can you gift wrap my order", "is gift wrapping available",
            "gift wrapping for a birthday present",
        ]
        let wrongSize = ["the shoes are too small", "the shoes are a size too small", "shoes too small, what now"]
        var orders: [String] = []
        for (index, text) in (gifts + wrongSize).enumerated() {
            let asked = try ResponderProcess.run(
                [
                    "ask", text, "--kb", kb, "--db", db, "--json", "--threshold", "1", "--margin", "0",
                    "--conversation", "l-\(index)",
                ])
            orders.append(try #require(try asked.json()["work_order"] as? String, "\(text) escalates"))
        }
        for (index, order) in orders.enumerated() {
            let reply =
                index < gifts.count
                ? "Yes: tick gift wrapping at checkout (5 CNY), and add a card if you like."
                : "Sorry about that: exchange them for another size from My Orders > Return."
            #expect(
                try ResponderProcess.run(["tickets", "reply", order, "--agent", "ann", reply, "--kb", kb, "--db", db])
                    .status == 0)
            let label = index < gifts.count ? ["--new-topic", "Gift wrapping"] : ["--entry", "return-exchange"]
            let resolved = try ResponderProcess.run(["tickets", "resolve", order, "--kb", kb, "--db", db] + label)
            #expect(resolved.status == 0, "\(resolved.stderr)")
        }
        let out = folder.appendingPathComponent("drafts").path
        let run = try ResponderProcess.run(
            ["kb", "suggest", "--kb", kb, "--db", db, "--json", "--out", out, "--min-size", "3"])
        #expect(run.status == 0, "\(run.stderr)")
        let topics = try #require(try run.json()["topics"] as? [[String: Any]])
        let gift = try #require(topics.first { ($0["texts"] as? [String])?.contains(gifts[0]) == true }, "\(topics)")
        #expect(gift["suggestion"] as? String == "new-entry")
        #expect(gift["entry"] as? String == "gift-wrapping")
        #expect((gift["labels"] as? [[String: Any]])?.first?["new_topic"] as? String == "Gift wrapping")
        let draft = try String(contentsOfFile: try #require(gift["draft"] as? String), encoding: .utf8)
        #expect(draft.contains("answer:\n      en: \"Yes: tick gift wrapping at checkout"), "\(draft)")
        #expect(draft.contains("# "), "marked for review")

        let size = try #require(
            topics.first { ($0["texts"] as? [String])?.contains(wrongSize[0]) == true }, "\(topics)")
        #expect(size["suggestion"] as? String == "add-questions")
        #expect(size["entry"] as? String == "return-exchange")
        #expect(size["draft"] as? String == out + "/faq/returns.yaml")

        // Copied over a copy of the base: lint is clean of errors, and the entry has the questions.
        let candidate = folder.appendingPathComponent("candidate")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: kb), to: candidate)
        try FileManager.default.removeItem(at: candidate.appendingPathComponent("faq/returns.yaml"))
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: out + "/faq/returns.yaml"),
            to: candidate.appendingPathComponent("faq/returns.yaml"))
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: out + "/faq/suggested"), to: candidate.appendingPathComponent("faq/suggested"))
        let lint = try ResponderProcess.run(["lint", candidate.path])
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
        for text in wrongSize {
            let asked = try ResponderProcess.run(["ask", text, "--kb", candidate.path, "--dry-run", "--json"])
            #expect(try asked.json()["intent"] as? String == "return-exchange", "\(text): \(asked.stdout)")
        }
        // The live base is never changed.
        #expect(
            try String(contentsOfFile: kb + "/faq/returns.yaml", encoding: .utf8)
                != String(contentsOfFile: out + "/faq/returns.yaml", encoding: .utf8))
        let refused = try ResponderProcess.run(
            ["kb", "suggest", "--kb", kb, "--db", db, "--out", kb, "--force"])
        #expect(refused.status != 0 && refused.stderr.contains("the drafts go beside it"), "\(refused.stderr)")
        let inside = try ResponderProcess.run(["kb", "suggest", "--kb", kb, "--db", db, "--out", kb + "/faq/drafts"])
        #expect(inside.status != 0 && inside.stderr.contains("is inside the knowledge base"), "\(inside.stderr)")
        #expect(!FileManager.default.fileExists(atPath: kb + "/faq/drafts"))
    }

    @Test func anEmptyStoreHasNothingToSuggest() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("e.sqlite").path
        #expect(
            try ResponderProcess.run(
                ["ask", "how do I reset my password", "--kb", ResponderProcess.bundledKnowledgeBase, "--db", db]
            ).status == 0)
        let run = try ResponderProcess.run(["kb", "suggest", "--kb", ResponderProcess.bundledKnowledgeBase, "--db", db])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("0 messages the base did not serve well"), "\(run.stdout)")
        let bad = try ResponderProcess.run(
            ["kb", "suggest", "--kb", ResponderProcess.bundledKnowledgeBase, "--db", db, "--min-size", "0"])
        #expect(bad.status == 2 && bad.stderr.contains("--min-size must be 1 or more"))
    }
}
