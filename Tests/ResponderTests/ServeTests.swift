import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `responder serve` end to end: the real binary, the real protocol through pipes, a store file
/// of each test's own. Every stdout line is parsed and checked as JSON-RPC 2.0.
///
/// Each test runs on an instance of its own, with a temporary folder (for the store and any
/// knowledge-base copy) that lives exactly as long as the test and is removed after it.
@Suite final class ServeTests {
    /// The test's temporary folder.
    let folder: URL
    /// The test's store.
    let db: String

    init() throws {
        folder = try ResponderProcess.temporaryDirectory()
        db = folder.appendingPathComponent("serve.sqlite").path
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A copy of the bundled knowledge base in the test's folder.
    private func copyOfBundledKnowledgeBase() throws -> String {
        let copy = folder.appendingPathComponent("kb")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: ResponderProcess.bundledKnowledgeBase), to: copy)
        return copy.path
    }

    private func call(_ method: String, _ params: [String: Any]? = nil, id: Int) throws -> String {
        try ServeProcess.request(method, params, id: id)
    }

    private func notification(_ method: String, _ params: [String: Any]? = nil) throws -> String {
        try ServeProcess.request(method, params)
    }

    private func message(_ text: String, conversation: String = "c-1", id: Int) throws -> String {
        try call("message", ["conversation": conversation, "text": text], id: id)
    }

    /// The responses of every line, checked as JSON-RPC.
    private func responses(_ lines: [String]) throws -> [[String: Any]] {
        try ServeProcess.parseAll(lines).flatMap(\.responses)
    }

    private func code(_ response: [String: Any]) -> Int? {
        (response["error"] as? [String: Any])?["code"] as? Int
    }

    private func errorMessage(_ response: [String: Any]) -> String {
        (response["error"] as? [String: Any])?["message"] as? String ?? ""
    }

    // MARK: - initialize

    @Test func initializeDescribesTheServerAndTheKnowledgeBase() throws {
        let server = try ServeProcess(db: db)
        let result = try server.result("initialize", [:], id: 1)
        #expect(result["name"] as? String == "responder")
        let version = try #require(result["version"] as? String)
        #expect(!version.isEmpty)
        #expect(result["protocol_version"] as? String == "1.0")
        let kb = try #require(result["knowledge_base"] as? [String: Any])
        #expect((kb["version"] as? String)?.isEmpty == false)
        #expect(kb["entries"] as? Int == 58)
        #expect(kb["locales"] as? [String] == ["en", "zh"])
        let methods = try #require(result["methods"] as? [String])
        #expect(
            Set(methods)
                == [
                    "initialize", "message", "agent.reply", "work_order.get", "work_order.list",
                    "work_order.assign", "work_order.resolve", "work_order.reopen", "feedback.rate", "kb.reload",
                    "report", "conversation.get",
                ])
        #expect(methods.count == Set(methods).count)
        // Without params at all, too.
        #expect(try server.result("initialize", id: 2)["name"] as? String == "responder")

        let cli = try ResponderProcess.run(["--version"])
        #expect(cli.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == version)
        let finished = try server.finish()
        #expect(finished.status == 0)
        #expect(finished.lines.isEmpty && finished.trailing.isEmpty)
    }

    // MARK: - message

    @Test func messagesAreAnsweredInEnglishAndChinese() throws {
        let server = try ServeProcess(db: db)
        let english = try server.result(
            "message", ["conversation": "en-1", "text": "I forgot my password", "channel": "chat"], id: 1)
        #expect(english["decision"] as? String == "answer")
        #expect(english["intent"] as? String == "password-reset")
        #expect((english["answer"] as? String)?.contains("reset your password") == true)
        #expect((english["confidence"] as? Double ?? 0) > 0.5)
        #expect((english["candidates"] as? [[String: Any]])?.first?["intent"] as? String == "password-reset")
        #expect(english["work_order"] is NSNull)
        #expect(english["latency_us"] is Int)

        let chinese = try server.result("message", ["conversation": "zh-1", "text": "我忘记密码了"], id: 2)
        #expect(chinese["decision"] as? String == "answer")
        #expect(chinese["intent"] as? String == "password-reset")
        #expect((chinese["answer"] as? String)?.contains("重置密码") == true)
        #expect(chinese["locale"] as? String == "zh")
        #expect(chinese["latency_us"] is Int)

        let forced = try server.result(
            "message", ["conversation": "zh-2", "text": "I forgot my password", "locale": "zh"], id: 3)
        #expect(forced["decision"] as? String == "answer")
        #expect((forced["answer"] as? String)?.contains("重置密码") == true, "locale chooses the answer's language")
        #expect(try server.finish().status == 0)
    }

    @Test func unmatchedMessagesEscalateIntoARoutedWorkOrder() throws {
        let server = try ServeProcess(db: db)
        let reply = try server.result(
            "message", ["conversation": "new-conv", "text": "asdf qwer zxcv", "customer": "cust-1"], id: 1)
        #expect(reply["decision"] as? String == "escalate")
        let id = try #require(reply["work_order"] as? String)
        #expect(id.hasPrefix("WO-"))
        #expect((reply["group"] as? String)?.isEmpty == false)
        #expect(["low", "normal", "high", "urgent"].contains(reply["priority"] as? String ?? ""))
        let due = try #require(reply["sla_due"] as? String)
        #expect(due.hasSuffix("+08:00"), "due times are in the knowledge base's time zone")
        #expect(reply["duplicate"] as? Bool == false)
        #expect(reply["latency_us"] is Int)

        let shown = try server.result("work_order.get", ["work_order": id], id: 2)
        #expect(shown["conversation"] as? String == "new-conv")
        #expect(shown["customer"] as? String == "cust-1")
        #expect(shown["text"] as? String == "asdf qwer zxcv")
        #expect(shown["status"] as? String == "open")
        #expect(shown["test"] as? Bool == false)

        let test = try server.result(
            "message", ["conversation": "probe", "text": "asdf qwer zxcv", "test": true], id: 3)
        let testID = try #require(test["work_order"] as? String)
        #expect(testID != id)
        #expect(try server.result("work_order.get", ["work_order": testID], id: 4)["test"] as? Bool == true)
        let report = try server.result("report", [:], id: 5)
        #expect(report["messages"] as? Int == 1, "test traffic stays out of the report")
        #expect(try server.finish().status == 0)
    }

    @Test func ambiguousMessagesAskTheCustomerToChoose() throws {
        let server = try ServeProcess(db: db)
        let reply = try server.result("message", ["conversation": "amb", "text": Self.clarifyingText], id: 1)
        #expect(reply["decision"] as? String == "clarify")
        let options = try #require(reply["options"] as? [[String: Any]])
        #expect(options.count >= 2)
        #expect(options.allSatisfy { $0["intent"] is String && $0["question"] is String })
        #expect(reply["latency_us"] is Int)
        #expect(try server.finish().status == 0)
    }

    /// A message the bundled base finds ambiguous between two entries (return-how-to and
    /// return-shipping-cost score within the ambiguity margin).
    static let clarifyingText = "return"

    @Test func aRetriedMessageIDReturnsTheFirstOutcome() throws {
        let server = try ServeProcess(db: db)
        let params: [String: Any] = ["conversation": "retry", "text": "asdf qwer zxcv", "message_id": "m-1"]
        let first = try server.result("message", params, id: 1)
        let id = try #require(first["work_order"] as? String)
        #expect(first["duplicate"] as? Bool == false)
        let second = try server.result("message", params, id: 2)
        #expect(second["work_order"] as? String == id)
        #expect(second["duplicate"] as? Bool == true)
        #expect(second["decision"] as? String == "escalate")
        #expect(second["group"] as? String == first["group"] as? String)
        #expect(second["sla_due"] as? String == first["sla_due"] as? String)

        let elsewhere = try server.result(
            "message", ["conversation": "other", "text": "asdf qwer zxcv", "message_id": "m-1"], id: 3)
        #expect(elsewhere["duplicate"] as? Bool == false, "message ids are per conversation")
        #expect(elsewhere["work_order"] as? String != id)
        // Retried within one batch (one read, one transaction): still one work order.
        let retry: [String: Any] = ["conversation": "batch", "text": "asdf qwer zxcv", "message_id": "m-2"]
        try server.send("[\(try call("message", retry, id: 4)),\(try call("message", retry, id: 5))]")
        let pair = try ServeProcess.parse(try server.nextLine()).responses.compactMap {
            $0["result"] as? [String: Any]
        }
        #expect(pair.count == 2)
        #expect(pair.map { $0["duplicate"] as? Bool } == [false, true])
        #expect(pair[0]["work_order"] is String)
        #expect(pair[0]["work_order"] as? String == pair[1]["work_order"] as? String)

        let list = try server.result("work_order.list", [:], id: 6)
        #expect((list["work_orders"] as? [Any])?.count == 3)
        #expect(try server.result("report", [:], id: 7)["messages"] as? Int == 3)
        #expect(try server.finish().status == 0)
    }

    @Test func invalidMessageParamsNameTheField() throws {
        let server = try ServeProcess(db: db)
        let cases: [(params: [String: Any], field: String)] = [
            (["conversation": "c"], "text"),
            (["conversation": "c", "text": 42], "text"),
            (["conversation": "c", "text": "   "], "text"),
            (["text": "hello"], "conversation"),
            (["conversation": "c", "text": "hello", "txet": "typo"], "txet"),
            (["conversation": "c", "text": "hello", "locale": "fr"], "locale"),
            (["conversation": "c", "text": "hello", "test": "yes"], "test"),
            (["conversation": "c", "text": "hello", "channel": 7], "channel"),
        ]
        for (index, testCase) in cases.enumerated() {
            let error = try server.error("message", testCase.params, id: index + 1)
            #expect(error["code"] as? Int == -32602, "\(testCase.params)")
            let text = error["message"] as? String ?? ""
            #expect(text.contains(testCase.field), "the message names '\(testCase.field)': \(text)")
        }
        try server.send(#"{"jsonrpc":"2.0","id":99,"method":"message","params":["c","hello"]}"#)
        let positional = try server.nextResponse()
        #expect(code(positional) == -32602)
        #expect(positional["id"] as? Int == 99)
        #expect(try server.result("report", [:], id: 100)["messages"] as? Int == 0, "nothing was recorded")
        #expect(try server.finish().status == 0)
    }

    @Test func hostileTextsAreHandledAndServingGoesOn() throws {
        let server = try ServeProcess(db: db)
        let texts = [
            "a\u{0}b", "((((((((((((((((((((((((*+?", "\u{202E}\u{202E}evil", String(repeating: "😀", count: 500),
            "e\u{301}\u{301}\u{301}", "\u{200B}\u{200B}\u{FEFF}", "!!!???...", "'; DROP TABLE messages; --",
            String(repeating: "password ", count: 20_000), "اين طلبي", "मेरा पासवर्ड", "\\u0000 \\", "\n\r\t",
        ]
        for (index, text) in texts.enumerated() {
            let response = try server.call(
                "message", ["conversation": "hostile-\(index)", "text": text], id: index + 1)
            if let result = response["result"] as? [String: Any] {
                #expect(["answer", "clarify", "escalate"].contains(result["decision"] as? String ?? ""))
            } else {
                #expect(code(response) == -32602, "text \(index): \(response)")
            }
        }
        #expect(try server.result("initialize", id: 100)["name"] as? String == "responder")
        #expect(try server.finish().status == 0)
    }

    // MARK: - The queue

    @Test func agentsWorkTheQueue() throws {
        let server = try ServeProcess(db: db)
        let first = try server.result("message", ["conversation": "q-1", "text": "asdf qwer zxcv"], id: 1)
        let id = try #require(first["work_order"] as? String)
        let group = try #require(first["group"] as? String)
        let other = try #require(
            try server.result("message", ["conversation": "q-2", "text": "zzzz yyyy xxxx"], id: 2)["work_order"]
                as? String)

        // An open work order cannot be resolved or reopened.
        let early = try server.error("work_order.resolve", ["work_order": id], id: 3)
        #expect(early["code"] as? Int == -32002)
        let earlyData = try #require(early["data"] as? [String: Any])
        #expect(earlyData["status"] as? String == "open")
        #expect(earlyData["work_order"] as? String == id)
        #expect(try server.error("work_order.reopen", ["work_order": id], id: 4)["code"] as? Int == -32002)

        let assigned = try server.result("work_order.assign", ["work_order": id, "agent": "alice"], id: 5)
        #expect(assigned["status"] as? String == "assigned")
        #expect(assigned["agent"] as? String == "alice")
        #expect(assigned["assigned"] is String)

        let listAssigned = try server.result("work_order.list", ["status": "assigned"], id: 6)
        #expect((listAssigned["work_orders"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
        let listOpen = try server.result("work_order.list", ["status": "open"], id: 7)
        #expect((listOpen["work_orders"] as? [[String: Any]])?.map { $0["id"] as? String } == [other])
        let listGroup = try server.result("work_order.list", ["group": group], id: 8)
        let inGroup = try #require(listGroup["work_orders"] as? [[String: Any]])
        #expect(inGroup.contains { $0["id"] as? String == id })
        #expect(inGroup.allSatisfy { $0["group"] as? String == group })
        let listNone = try server.result("work_order.list", ["group": "no-such-group"], id: 9)
        #expect((listNone["work_orders"] as? [Any])?.isEmpty == true)
        let badStatus = try server.error("work_order.list", ["status": "sleeping"], id: 10)
        #expect(badStatus["code"] as? Int == -32602)
        #expect((badStatus["message"] as? String)?.contains("status") == true)

        let replied = try server.result(
            "agent.reply", ["work_order": id, "agent": "alice", "text": "Write to ops@example.com"], id: 11)
        #expect(replied["first_response"] is String)
        let future = try server.error(
            "agent.reply", ["work_order": id, "agent": "alice", "text": "later", "at": "2099-01-01T00:00:00Z"],
            id: 12)
        #expect(future["code"] as? Int == -32602)
        #expect((future["message"] as? String)?.contains("at") == true)

        let resolved = try server.result("work_order.resolve", ["work_order": id], id: 13)
        #expect(resolved["status"] as? String == "resolved")
        #expect(resolved["resolved"] is String)
        let twice = try server.error("work_order.resolve", ["work_order": id], id: 14)
        #expect(twice["code"] as? Int == -32002)
        #expect((twice["data"] as? [String: Any])?["status"] as? String == "resolved")

        let reopened = try server.result("work_order.reopen", ["work_order": id], id: 15)
        #expect(reopened["status"] as? String == "open")
        #expect(reopened["reopen_count"] as? Int == 1)

        let shown = try server.result("work_order.get", ["work_order": id], id: 16)
        #expect(shown["id"] as? String == id)
        #expect(shown["agent"] as? String == "alice")
        let replies = try #require(shown["replies"] as? [[String: Any]])
        #expect(replies.count == 1)
        #expect(replies.first?["agent"] as? String == "alice")
        #expect(replies.first?["text"] as? String == "Write to [email]", "agent text is redacted as in the CLI")
        #expect(replies.first?["at"] is String)

        let unknown = try server.error("work_order.get", ["work_order": "WO-999999"], id: 17)
        #expect(unknown["code"] as? Int == -32001)
        #expect((unknown["data"] as? [String: Any])?["work_order"] as? String == "WO-999999")
        #expect(
            try server.error("work_order.assign", ["work_order": "WO-999999", "agent": "bob"], id: 18)["code"]
                as? Int == -32001)
        #expect(
            try server.error("agent.reply", ["work_order": "WO-999999", "agent": "bob", "text": "hi"], id: 19)[
                "code"] as? Int == -32001)

        for (offset, malformed) in ["not-an-id", "WO-", "42x"].enumerated() {
            let error = try server.error("work_order.get", ["work_order": malformed], id: 20 + offset)
            #expect(error["code"] as? Int == -32602)
            #expect((error["message"] as? String)?.contains("work_order") == true)
        }
        let missingAgent = try server.error("work_order.assign", ["work_order": id], id: 30)
        #expect(missingAgent["code"] as? Int == -32602)
        #expect((missingAgent["message"] as? String)?.contains("agent") == true)
        #expect(try server.finish().status == 0)
    }

    @Test func ratingsByConversationAndByWorkOrder() throws {
        let server = try ServeProcess(db: db)
        _ = try server.result("message", ["conversation": "happy", "text": "I forgot my password"], id: 1)
        let id = try #require(
            try server.result("message", ["conversation": "sad", "text": "asdf qwer zxcv"], id: 2)["work_order"]
                as? String)

        let byConversation = try server.result("feedback.rate", ["conversation": "happy", "score": 5], id: 3)
        #expect(byConversation["conversation"] as? String == "happy")
        #expect(byConversation["score"] as? Int == 5)
        let unanswered = try server.error("feedback.rate", ["work_order": id, "score": 2], id: 30)
        #expect(unanswered["code"] as? Int == -32602)
        #expect((unanswered["message"] as? String)?.contains("no agent reply yet") == true)
        _ = try server.result("agent.reply", ["work_order": id, "agent": "alice", "text": "on it"], id: 31)
        let byWorkOrder = try server.result(
            "feedback.rate", ["work_order": id, "score": 2, "comment": "slow"], id: 4)
        #expect(byWorkOrder["work_order"] as? String == id)
        #expect(byWorkOrder["score"] as? Int == 2)

        let unknown = try server.error("feedback.rate", ["conversation": "nobody", "score": 3], id: 5)
        #expect(unknown["code"] as? Int == -32005)
        #expect((unknown["data"] as? [String: Any])?["conversation"] as? String == "nobody")
        #expect(
            try server.error("feedback.rate", ["work_order": "WO-999999", "score": 3], id: 6)["code"] as? Int
                == -32001)
        for (offset, score) in [0, 6, 2.5, -1].enumerated() {
            let error = try server.error("feedback.rate", ["conversation": "happy", "score": score], id: 10 + offset)
            #expect(error["code"] as? Int == -32602, "score \(score)")
            #expect((error["message"] as? String)?.contains("score") == true)
        }
        let noScore = try server.error("feedback.rate", ["conversation": "happy"], id: 20)
        #expect(noScore["code"] as? Int == -32602)
        #expect((noScore["message"] as? String)?.contains("score") == true)
        let both = try server.error("feedback.rate", ["conversation": "happy", "work_order": id, "score": 4], id: 21)
        #expect(both["code"] as? Int == -32602)
        #expect(try server.error("feedback.rate", ["score": 4], id: 22)["code"] as? Int == -32602)

        let report = try server.result("report", [:], id: 23)
        #expect((report["csat"] as? [String: Any])?["count"] as? Int == 2)
        #expect(try server.finish().status == 0)
    }

    // MARK: - report

    @Test func reportHasTheKeysOfTheCommandLineReport() throws {
        let server = try ServeProcess(db: db)
        _ = try server.result("message", ["conversation": "a", "text": "I forgot my password"], id: 1)
        let id = try #require(
            try server.result(
                "message", ["conversation": "b", "text": "asdf qwer zxcv", "channel": "email"], id: 2)["work_order"]
                as? String)
        _ = try server.result("agent.reply", ["work_order": id, "agent": "alice", "text": "on it"], id: 3)
        _ = try server.result("feedback.rate", ["conversation": "a", "score": 4], id: 4)
        let report = try server.result("report", [:], id: 5)
        let bounded = try server.result("report", ["from": "2000-01-01", "to": "2100-01-01"], id: 6)
        #expect(bounded["messages"] as? Int == 2)
        let backwards = try server.error("report", ["from": "2030-01-01", "to": "2020-01-01"], id: 7)
        #expect(backwards["code"] as? Int == -32602)
        let badDate = try server.error("report", ["from": "yesterday"], id: 8)
        #expect(badDate["code"] as? Int == -32602)
        #expect((badDate["message"] as? String)?.contains("from") == true)
        #expect(try server.finish().status == 0)

        let cli = try ResponderProcess.run(
            ["report", "--json", "--kb", ResponderProcess.bundledKnowledgeBase, "--db", db])
        #expect(cli.status == 0, "stderr: \(cli.stderr)")
        let expected = try cli.json()
        #expect(Self.keyPaths(report) == Self.keyPaths(expected))
        #expect(report["messages"] as? Int == 2)
        #expect(expected["messages"] as? Int == 2)
        #expect(report["escalated"] as? Int == expected["escalated"] as? Int)
        #expect((report["by_channel"] as? [String: Any]).map { Set($0.keys) } == ["chat", "email"])
    }

    /// Every key path in `value` (`a.b`, `list[].c`), to compare the shapes of two documents.
    static func keyPaths(_ value: Any, prefix: String = "") -> Set<String> {
        var paths: Set<String> = []
        if let object = value as? [String: Any] {
            for (key, member) in object {
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                paths.insert(path)
                paths.formUnion(keyPaths(member, prefix: path))
            }
        } else if let array = value as? [Any] {
            for element in array { paths.formUnion(keyPaths(element, prefix: "\(prefix)[]")) }
        }
        return paths
    }

    // MARK: - kb.reload

    @Test func aReloadThatFailsKeepsTheOldBaseServing() throws {
        let kb = try copyOfBundledKnowledgeBase()
        let server = try ServeProcess(kb: kb, db: db)
        let initial = try #require(
            (try server.result("initialize", id: 1)["knowledge_base"] as? [String: Any])?["version"] as? String)

        let unchanged = try server.result("kb.reload", [:], id: 2)
        #expect(unchanged["version"] as? String == initial)
        #expect(unchanged["previous_version"] as? String == initial)
        #expect(unchanged["entries"] as? Int == 58)
        #expect(unchanged["diagnostics"] is [Any])

        // Change an answer and break the file: invalid YAML after its last line.
        let file = URL(fileURLWithPath: kb).appendingPathComponent("faq/account.yaml")
        let original = try String(contentsOf: file, encoding: .utf8)
        let oldAnswer = "To reset your password, tap Forgot Password"
        #expect(original.contains(oldAnswer))
        let changed = original.replacingOccurrences(of: oldAnswer, with: "Reloaded: tap Forgot Password")
        let lineCount = original.filter { $0 == "\n" }.count
        try (changed + "  - id: broken\n    answer: [unclosed\n    questions: {\n").write(
            to: file, atomically: true, encoding: .utf8)
        let failed = try server.error("kb.reload", [:], id: 3)
        #expect(failed["code"] as? Int == -32003)
        #expect((failed["message"] as? String)?.contains(initial) == true)
        let data = try #require(failed["data"] as? [String: Any])
        #expect(data["serving_version"] as? String == initial)
        let diagnostics = try #require(data["diagnostics"] as? [[String: Any]])
        let named = diagnostics.filter { ($0["file"] as? String)?.hasSuffix("faq/account.yaml") == true }
        #expect(!named.isEmpty, "a diagnostic names the broken file: \(diagnostics)")
        #expect(
            named.contains { $0["severity"] as? String == "error" && ($0["line"] as? Int ?? 0) > lineCount },
            "the error is on one of the lines added after line \(lineCount): \(named)")

        // The old base keeps serving: the old answer, the old version.
        let still = try server.result("message", ["conversation": "c", "text": "I forgot my password"], id: 4)
        #expect(still["decision"] as? String == "answer")
        #expect((still["answer"] as? String)?.hasPrefix(oldAnswer) == true, "\(still["answer"] ?? "")")
        let after = try server.result("initialize", id: 5)
        #expect((after["knowledge_base"] as? [String: Any])?["version"] as? String == initial)

        // Repaired (the changed answer kept): the new base serves.
        try changed.write(to: file, atomically: true, encoding: .utf8)
        let repaired = try server.result("kb.reload", [:], id: 6)
        let newVersion = try #require(repaired["version"] as? String)
        #expect(newVersion != initial)
        #expect(repaired["previous_version"] as? String == initial)
        #expect(repaired["entries"] as? Int == 58)
        let fresh = try server.result("message", ["conversation": "d", "text": "I forgot my password"], id: 8)
        #expect((fresh["answer"] as? String)?.hasPrefix("Reloaded: tap Forgot Password") == true)
        let served = try server.result("initialize", id: 9)
        #expect((served["knowledge_base"] as? [String: Any])?["version"] as? String == newVersion)
        #expect(try server.error("kb.reload", ["force": true], id: 7)["code"] as? Int == -32602)
        let finished = try server.finish()
        #expect(finished.status == 0)
        #expect(finished.stderr.contains("reload refused"), "the failed reload is logged")
    }

    // MARK: - Batches and notifications

    @Test func batchesAnswerCallsAndInvalidEntriesInOrder() throws {
        let server = try ServeProcess(db: db)
        let batch = [
            try call("initialize", id: 1),
            try notification("message", ["conversation": "n", "text": "asdf qwer zxcv"]),
            try message("I forgot my password", id: 2),
            "42",
            #"{"jsonrpc":"2.0","id":3,"method":"no.such.method"}"#,
            try notification("no.such.method"),
            #"{"jsonrpc":"1.0","id":4,"method":"initialize"}"#,
            try call("work_order.get", ["work_order": "bad"], id: 5),
        ]
        try server.send("[" + batch.joined(separator: ",") + "]")
        let line = try server.nextLine()
        guard case .batch(let responses) = try ServeProcess.parse(line) else {
            Issue.record("a batch is answered with an array: \(line)")
            return
        }
        #expect(responses.count == 6)
        #expect(responses.map { $0["id"] as? Int } == [1, 2, nil, 3, 4, 5])
        #expect(responses[0]["result"] is [String: Any])
        #expect((responses[1]["result"] as? [String: Any])?["decision"] as? String == "answer")
        #expect(responses[2]["id"] is NSNull)
        #expect(code(responses[2]) == -32600)
        #expect(code(responses[3]) == -32601)
        #expect(code(responses[4]) == -32600)
        #expect(code(responses[5]) == -32602)

        // The notification in the batch was handled (recorded), only not answered.
        let list = try server.result("work_order.list", [:], id: 6)
        #expect((list["work_orders"] as? [[String: Any]])?.first?["conversation"] as? String == "n")

        // A batch of notifications only: no line at all; the next call's response comes next.
        try server.send(
            "[" + [try notification("initialize"), try notification("report")].joined(separator: ",") + "]")
        #expect(try server.result("initialize", id: 7)["name"] as? String == "responder")

        // An empty batch: one error object, not an array.
        try server.send("[]")
        let empty = try ServeProcess.parse(try server.nextLine())
        guard case .single(let emptyResponse) = empty else {
            Issue.record("an empty batch is answered with a single error")
            return
        }
        #expect(code(emptyResponse) == -32600)
        #expect(emptyResponse["id"] is NSNull)

        // A batch of invalid entries: an array of errors, one each.
        try server.send("[1,2,3]")
        let invalid = try ServeProcess.parse(try server.nextLine())
        #expect(invalid.responses.count == 3)
        #expect(invalid.responses.allSatisfy { code($0) == -32600 && $0["id"] is NSNull })
        let finished = try server.finish()
        #expect(finished.status == 0)
        #expect(finished.lines.isEmpty)
    }

    @Test func notificationsAreNeverAnswered() throws {
        let server = try ServeProcess(db: db)
        try server.send(try notification("initialize"))
        try server.send(try notification("no.such.method", ["x": 1]))
        try server.send(try notification("message", ["conversation": "n"]))
        try server.send(try notification("message", ["conversation": "n", "text": "asdf qwer zxcv"]))
        let response = try server.call("work_order.list", [:], id: 1)
        let workOrders = try #require((response["result"] as? [String: Any])?["work_orders"] as? [[String: Any]])
        #expect(workOrders.count == 1, "the valid notification was handled")

        let unknown = try server.call("no.such.method", [:], id: 2)
        #expect(code(unknown) == -32601)
        #expect(errorMessage(unknown).contains("no.such.method"))
        let finished = try server.finish()
        #expect(finished.status == 0)
        #expect(finished.lines.isEmpty, "nothing answered the notifications: \(finished.lines)")
        #expect(finished.trailing.isEmpty)
    }

    // MARK: - Envelope errors

    @Test func invalidRequestsAreRejected() throws {
        let server = try ServeProcess(db: db)
        let cases: [(line: String, id: String)] = [
            (#"{"jsonrpc":"1.0","id":1,"method":"initialize"}"#, "1"),
            (#"{"id":2,"method":"initialize"}"#, "2"),
            (#"{"jsonrpc":"2.0","id":3,"method":7}"#, "3"),
            (#"{"jsonrpc":"2.0","id":4}"#, "4"),
            (#"{"jsonrpc":"2.0","id":5,"method":"initialize","params":"x"}"#, "5"),
            (#"{"jsonrpc":"2.0","id":{"a":1},"method":"initialize"}"#, "null"),
            (#"{"jsonrpc":"2.0","id":true,"method":"initialize"}"#, "null"),
            (#""initialize""#, "null"),
            (#"{"jsonrpc":"1.0","method":"initialize"}"#, "null"),
        ]
        for testCase in cases {
            try server.send(testCase.line)
            let line = try server.nextLine()
            let response = try #require(try ServeProcess.parse(line).responses.first)
            #expect(code(response) == -32600, "\(testCase.line) -> \(line)")
            #expect(line.contains(#""id":\#(testCase.id),"#), "\(testCase.line) -> \(line)")
        }
        #expect(try server.result("initialize", id: 10)["name"] as? String == "responder")
        #expect(try server.finish().status == 0)
    }

    @Test func idsAreEchoedExactly() throws {
        let server = try ServeProcess(db: db)
        for id in [#""abc""#, #""""#, #""é 中文 \"q\"""#, "7", "0", "-3", "1.5", "123456789", "null"] {
            try server.send(#"{"jsonrpc":"2.0","id":\#(id),"method":"initialize"}"#)
            let line = try server.nextLine()
            _ = try ServeProcess.parse(line)
            #expect(line.hasPrefix(#"{"jsonrpc":"2.0","id":\#(id),"result":"#), "id \(id): \(line.prefix(80))")
        }
        // Errors echo the id too.
        try server.send(#"{"jsonrpc":"2.0","id":"e-1","method":"nope"}"#)
        #expect(try server.nextLine().hasPrefix(#"{"jsonrpc":"2.0","id":"e-1","error":{"code":-32601"#))
        #expect(try server.finish().status == 0)
    }

    @Test func largeIntegerIDsAreEchoedExactly() throws {
        let server = try ServeProcess(db: db)
        // Integers are echoed as integers, exactly, up to 2^53 (and beyond where a Double holds
        // them exactly): never as 1e+16 or 1000000000000001.0.
        for id in ["10000000000000000", "1000000000000001", "9007199254740992", "-9007199254740992"] {
            try server.send(#"{"jsonrpc":"2.0","id":\#(id),"method":"initialize"}"#)
            let line = try server.nextLine()
            _ = try ServeProcess.parse(line)
            #expect(line.hasPrefix(#"{"jsonrpc":"2.0","id":\#(id),"#), "id \(id): \(line.prefix(60))")
        }
        // Past 2^53 a Double rounds; integer ids are echoed as written, whatever their size.
        for id in ["9007199254740993", "-9007199254740993", "123456789012345678901234567890"] {
            try server.send(#"{"jsonrpc":"2.0","id":\#(id),"method":"initialize"}"#)
            let line = try server.nextLine()
            #expect(line.hasPrefix(#"{"jsonrpc":"2.0","id":\#(id),"#), "id \(id): \(line.prefix(60))")
        }
        #expect(try server.finish().status == 0)
    }

    @Test func unparsableLinesAndInvalidUTF8AreParseErrors() throws {
        let server = try ServeProcess(db: db)
        let lines: [Data] = [
            Data("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"".utf8),
            Data("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\"}}".utf8),
            Data("not json".utf8),
            Data([0xFF, 0xFE, 0xFD]),
            Data(
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"message\",\"params\":{\"conversation\":\"c\",\"text\":\""
                    .utf8)
                + Data([0xC3, 0x28]) + Data("\"}}".utf8),
            Data(
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"message\",\"params\":{\"conversation\":\"c\",\"text\":\""
                    .utf8)
                + Data([0xC0, 0xAF, 0xED, 0xA0, 0x80]) + Data("\"}}".utf8),
            Data("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"initialize\"}\u{0}".utf8),
            Data("{\"jsonrpc\":\"2.0\",\"id\":\"a\tb\",\"method\":\"initialize\"}".utf8),
            Data("{\"jsonrpc\":\"2.0\",\"id\":1e400,\"method\":\"initialize\"}".utf8),
            Data((String(repeating: "[", count: 3000) + String(repeating: "]", count: 3000)).utf8),
            Data("{'jsonrpc':'2.0','id':1,'method':'initialize'}".utf8),
        ]
        for bytes in lines {
            try server.write(bytes + Data("\n".utf8))
            let line = try server.nextLine()
            let response = try #require(try ServeProcess.parse(line).responses.first)
            #expect(code(response) == -32700, "\(String(decoding: bytes, as: UTF8.self)) -> \(line)")
            #expect(response["id"] is NSNull)
        }
        // A lone surrogate escape is valid JSON: read as U+FFFD, not refused.
        try server.write(Data(#"{"jsonrpc":"2.0","id":"\ud800","method":"initialize"}"#.utf8) + Data("\n".utf8))
        let lone = try #require(try ServeProcess.parse(try server.nextLine()).responses.first)
        #expect(lone["id"] as? String == "\u{FFFD}")
        // A batch over the limit is refused whole.
        let big =
            "[" + Array(repeating: #"{"jsonrpc":"2.0","method":"initialize"}"#, count: 1001).joined(separator: ",")
            + "]"
        try server.write(Data((big + "\n").utf8))
        let refused = try #require(try ServeProcess.parse(try server.nextLine()).responses.first)
        #expect(code(refused) == -32600)
        #expect(try server.result("report", [:], id: 6)["messages"] as? Int == 0)
        #expect(try server.finish().status == 0)
    }

    // MARK: - Framing

    @Test func aLineOverTheLimitIsAnsweredWithAnErrorAndSkipped() throws {
        let server = try ServeProcess(db: db, arguments: ["--max-line", "4096"])
        let long = try message(String(repeating: "a", count: 5000), id: 1)
        try server.send(long)
        let response = try server.nextResponse()
        #expect(code(response) == -32600)
        #expect(response["id"] is NSNull)
        #expect(try server.result("initialize", id: 2)["name"] as? String == "responder")

        // Far longer than the limit, sent in pieces: still one error, and serving goes on.
        let piece = Data(String(repeating: "b", count: 64 * 1024).utf8)
        try server.write(
            Data(#"{"jsonrpc":"2.0","id":3,"method":"message","params":{"conversation":"c","text":""#.utf8))
        for _ in 0..<64 { try server.write(piece) }
        try server.write(Data("\"}}\n".utf8))
        let huge = try server.nextResponse()
        #expect(code(huge) == -32600)
        #expect(huge["id"] is NSNull)

        // Exactly at the limit is accepted.
        let head = #"{"jsonrpc":"2.0","id":4,"method":"initialize"}"#
        let atLimit = head + String(repeating: " ", count: 4096 - head.utf8.count)
        try server.send(atLimit)
        #expect(try server.nextResponse()["id"] as? Int == 4)
        try server.send(atLimit + " ")
        #expect(code(try server.nextResponse()) == -32600)
        #expect(try server.result("report", [:], id: 5)["messages"] as? Int == 0)
        #expect(try server.finish().status == 0)
    }

    @Test func theLineLimitIsReportedAndExcludesTheLineEnd() throws {
        let server = try ServeProcess(db: db, arguments: ["--max-line", "4096"])
        try server.send(try message(String(repeating: "a", count: 5000), id: 1))
        let error = try #require(try server.nextResponse()["error"] as? [String: Any])
        #expect((error["data"] as? [String: Any])?["max_line"] as? Int == 4096)
        // The line end is not part of the line: a request of exactly 4096 bytes ended by CRLF fits.
        let head = #"{"jsonrpc":"2.0","id":2,"method":"initialize"}"#
        try server.write(Data((head + String(repeating: " ", count: 4096 - head.utf8.count) + "\r\n").utf8))
        let crlf = try server.nextResponse()
        #expect(crlf["id"] as? Int == 2, "\(crlf)")
        #expect(try server.finish().status == 0)
    }

    @Test func endOfInputInTheMiddleOfALineStillAnswersIt() throws {
        let input = try call("initialize", id: 1) + "\n" + message("I forgot my password", id: 2)
        let finished = try ServeProcess.run(input, db: db)
        #expect(finished.status == 0)
        #expect(!finished.signaled)
        let responses = try responses(finished.lines)
        #expect(responses.map { $0["id"] as? Int } == [1, 2])
        #expect((responses.last?["result"] as? [String: Any])?["decision"] as? String == "answer")
        #expect(finished.trailing.isEmpty)
    }

    @Test func crlfLineEndsAreAccepted() throws {
        let input = "\(try call("initialize", id: 1))\r\n\(try message("I forgot my password", id: 2))\r\n"
        let finished = try ServeProcess.run(input, db: db)
        #expect(finished.status == 0)
        let responses = try responses(finished.lines)
        #expect(responses.map { $0["id"] as? Int } == [1, 2], "\(finished.lines)")
        #expect((responses.last?["result"] as? [String: Any])?["decision"] as? String == "answer")
    }

    @Test func blankLinesAreIgnored() throws {
        let input = "\n\(try call("initialize", id: 1))\n\n\r\n   \n\t\n\(try call("initialize", id: 2))\n\n"
        let finished = try ServeProcess.run(input, db: db)
        #expect(finished.status == 0)
        let responses = try responses(finished.lines)
        #expect(responses.filter { $0["result"] != nil }.map { $0["id"] as? Int } == [1, 2])
        #expect(responses.count == 2, "\(finished.lines.filter { $0.contains("error") })")
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        var lines: [String] = []
        for id in 1...200 {
            switch id % 5 {
            case 0: lines.append(try message("asdf qwer \(id)", conversation: "p-\(id)", id: id))
            case 1: lines.append(try message("I forgot my password", conversation: "p-\(id)", id: id))
            case 2: lines.append(try call("initialize", id: id))
            case 3: lines.append(try call("no.such.method", id: id))
            default: lines.append(try call("work_order.list", ["status": "open"], id: id))
            }
        }
        let finished = try ServeProcess.run(lines.joined(separator: "\n") + "\n", db: db)
        #expect(finished.status == 0)
        #expect(finished.lines.count == 200)
        let responses = try responses(finished.lines)
        #expect(responses.map { $0["id"] as? Int } == Array(1...200))
        #expect(responses.filter { code($0) == -32601 }.count == 40)
        #expect(finished.trailing.isEmpty)
    }

    // MARK: - Signals

    @Test func sigtermWithRequestsInFlightAnswersAPrefixAndNoHalfLine() throws {
        let server = try ServeProcess(db: db)
        let total = 2000
        let lines = try (1...total).map { id in
            try message(id % 2 == 0 ? "I forgot my password" : "asdf qwer \(id)", conversation: "s-\(id)", id: id)
        }
        let feeder = Thread {
            for line in lines { guard (try? server.send(line)) != nil else { return } }
        }
        feeder.start()
        let deadline = Date(timeIntervalSinceNow: ServeProcess.timeout)
        while server.availableLineCount < 20, Date() < deadline { usleep(2000) }
        #expect(server.availableLineCount >= 20, "responses arrive while requests are still being written")
        server.sendSignal(SIGTERM)
        let finished = try server.waitForExit()
        #expect(!finished.signaled, "the server exits rather than being killed by SIGTERM")
        #expect(finished.status == 0)
        #expect(finished.trailing.isEmpty, "no half-written line: \(finished.trailing.count) bytes after the last")
        let responses = try responses(finished.lines)
        #expect(responses.count >= 20)
        #expect(responses.map { $0["id"] as? Int } == (0..<responses.count).map { $0 + 1 }, "a prefix, in order")
        #expect(responses.allSatisfy { $0["result"] != nil })
        #expect(finished.stderr.contains("signal"))
    }

    @Test func sigtermStopsAServerWhoseClientStoppedReading() throws {
        let server = try ServeProcess(db: db, readsOutput: false)
        // About 190 KB of responses: more than a pipe holds, so the server blocks writing them.
        let request = try call("initialize", id: 1) + "\n"
        try server.write(Data(String(repeating: request, count: 400).utf8))
        Thread.sleep(forTimeInterval: 1)
        server.sendSignal(SIGTERM)
        let finished = try server.waitForExit(timeout: 10)
        #expect(finished.status == 0)
        #expect(!finished.signaled)
        #expect(finished.stderr.contains("stopping on a signal"))
    }

    @Test func sigintOnAnIdleServerExitsPromptly() throws {
        let server = try ServeProcess(db: db)
        _ = try server.result("initialize", id: 1)
        let start = Date()
        server.sendSignal(SIGINT)
        let finished = try server.waitForExit(timeout: 5)
        #expect(!finished.signaled)
        #expect(finished.status == 0)
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(finished.lines.isEmpty && finished.trailing.isEmpty)
    }

    // MARK: - Logs

    @Test func logsGoToStderrAndOnlyJSONRPCToStdout() throws {
        let input =
            [
                try call("initialize", id: 1), try message("I forgot my password", id: 2), "garbage",
                try call("nope", id: 3),
            ].joined(separator: "\n") + "\n"

        let info = try ServeProcess.run(input, db: db)
        #expect(info.status == 0)
        #expect(try responses(info.lines).count == 4)
        let infoLines = info.stderr.split(separator: "\n")
        #expect(infoLines.contains { $0.contains(" info serving ") && $0.contains("entries=58") })
        #expect(!infoLines.contains { $0.contains(" debug ") })
        for line in infoLines {
            let fields = line.split(separator: " ", maxSplits: 2)
            #expect(fields.count == 3 && fields[0].contains("T"), "log line: \(line)")
            #expect(["error", "warning", "info"].contains(fields.count > 1 ? String(fields[1]) : ""), "\(line)")
        }

        let debug = try ServeProcess.run(input, db: db, arguments: ["--log-level", "debug"])
        #expect(debug.status == 0)
        #expect(try responses(debug.lines).count == 4)
        let requestLines = debug.stderr.split(separator: "\n").filter { $0.contains(" debug ") }
        // Structured fields, one `key=value` each, sorted by key.
        #expect(requestLines.contains { $0.contains("request id=1 method=initialize outcome=ok us=") })
        #expect(requestLines.contains { $0.contains("request id=2 method=message outcome=ok us=") })
        #expect(requestLines.contains { $0.contains("request code=-32601 id=3 method=nope outcome=error us=") })

        let quiet = try ServeProcess.run(input, db: db, environment: ["RESPONDER_LOG": "error"])
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty, "RESPONDER_LOG=error: \(quiet.stderr)")

        let nonsense = try ServeProcess.run(input, db: db, arguments: ["--log-level", "nonsense"])
        #expect(nonsense.status == 2)
        #expect(nonsense.lines.isEmpty && nonsense.trailing.isEmpty)
        #expect(nonsense.stderr.contains("nonsense"))
        let fromEnvironment = try ServeProcess.run(input, db: db, environment: ["RESPONDER_LOG": "loud"])
        #expect(fromEnvironment.status == 2)
    }
}
