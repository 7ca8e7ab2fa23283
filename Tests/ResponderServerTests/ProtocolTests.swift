import Foundation
import JSONRPC
import ResponderServer
import Testing

/// The protocol's methods through the registry, in-process: what a front end gets back for
/// each request, as docs/protocol.md documents it. One session (stopped at
/// `ServiceFixture.now`, Monday 23:44 in Shanghai) serves every test, one test at a time.
@Suite("Protocol methods", .serialized)
struct ProtocolTests {
    /// The keys of a `message` result, in order, for an answer or an escalation.
    static let messageKeys = [
        "decision", "intent", "confidence", "answer", "locale", "candidates", "work_order", "group", "priority",
        "sla_due", "conversation_state", "duplicate", "latency_us",
    ]

    /// The fixed clock's instant as the desk prints it (Asia/Shanghai).
    static let nowInShanghai = "2026-11-23T23:44:00+08:00"

    private var fixture: ServiceFixture { get throws { try ServiceFixture.shared.get() } }

    // MARK: - initialize

    @Test("initialize lists exactly the registered methods and describes the base")
    func initialize() throws {
        let fixture = try fixture
        let result = try fixture.result("initialize")
        #expect(result["methods"] == .array(MethodRegistry.names.map { .string($0) }))
        #expect(result["name"] == "responder")
        #expect(result["version"] == "0.0.0-test")
        #expect(result["protocol_version"] == .string(MethodRegistry.protocolVersion))
        let base = try #require(result["knowledge_base"])
        #expect(base.keys == ["version", "entries", "locales"])
        #expect(base["version"] == .string(fixture.session.base.version))
        #expect(base["entries"] == 58)
        #expect(base["locales"] == .array(["en", "zh"]))
        // Clients describe themselves in their own shape, or send positional params: all ignored.
        #expect(try fixture.result("initialize", #"{"clientInfo":{"name":"chat"},"x":1}"#) == result)
        #expect(try fixture.result("initialize", #"["anything"]"#) == result)
    }

    // MARK: - message

    @Test("an answer carries its text and null work order, group, priority and SLA due")
    func answerShape() throws {
        let fixture = try fixture
        let answer = try fixture.result(
            "message", #"{"conversation":"shape-answer","text":"I forgot my password","customer":"cust-42"}"#)
        #expect(answer.keys == Self.messageKeys, "no options, no escalate")
        #expect(answer["decision"] == "answer")
        #expect(answer["intent"] == "password-reset")
        #expect(answer["answer"].string?.hasPrefix("To reset your password") == true)
        #expect(answer["locale"] == "en")
        for key in ["work_order", "group", "priority", "sla_due"] {
            #expect(answer[key] == JSONValue.null, "\(key)")
        }
        #expect(answer["duplicate"] == false)
        guard case .number(let confidence)? = answer["confidence"], case .number(let latency)? = answer["latency_us"]
        else {
            Issue.record("confidence and latency_us are numbers: \(answer.serialized)")
            return
        }
        #expect(confidence > 0.5 && confidence <= 1)
        #expect(latency >= 0 && latency == latency.rounded())
        let candidates = try #require(answer["candidates"]).items
        #expect((1...5).contains(candidates.count))
        #expect(candidates.allSatisfy { $0.keys == ["intent", "confidence"] })
        #expect(candidates.first?["intent"] == "password-reset")
        #expect(candidates.first?["confidence"] == answer["confidence"])
    }

    @Test("an escalation opens a work order whose SLA due time follows the session's clock")
    func escalationShape() throws {
        let fixture = try fixture
        let reply = try fixture.result(
            "message",
            #"{"conversation":"shape-escalate","text":"The courier left my parcel in the rain and everything is soaked"}"#
        )
        #expect(reply.keys == Self.messageKeys)
        #expect(reply["decision"] == "escalate")
        #expect(reply["intent"] == JSONValue.null)
        #expect(reply["answer"] == JSONValue.null)
        let id = try #require(reply["work_order"].string)
        #expect(id.wholeMatch(of: /WO-\d{6}/) != nil, "\(id)")
        #expect(reply["group"] == "logistics")
        #expect(reply["priority"] == "normal")
        // Received Monday 23:44 after hours; logistics answers within 4 business hours from 09:00.
        #expect(reply["sla_due"] == "2026-11-24T13:00:00+08:00")
        #expect(reply["duplicate"] == false)

        let order = try fixture.result("work_order.get", #"{"work_order":"\#(id)"}"#)
        #expect(order["created"] == .string(Self.nowInShanghai), "created at the session's time")
        #expect(order["sla_due"] == "2026-11-24T13:00:00+08:00")
        #expect(order["status"] == "open")
        #expect(order["conversation"] == "shape-escalate")
        #expect(order["replies"] == .array([]))
    }

    @Test("an answer whose entry escalates names the group and opens a work order")
    func answerThatEscalates() throws {
        let fixture = try fixture
        let reply = try fixture.result(
            "message", #"{"conversation":"shape-billing","text":"I was charged twice for the same order"}"#)
        var keys = Self.messageKeys
        keys.insert("escalate", at: keys.firstIndex(of: "work_order")!)
        #expect(reply.keys == keys)
        #expect(reply["decision"] == "answer")
        #expect(reply["intent"] == "payment-charged-twice")
        #expect(reply["escalate"] == "billing")
        #expect(reply["work_order"].string?.hasPrefix("WO-") == true)
        #expect(reply["group"] == "billing")
        #expect(reply["priority"] == "high")
        #expect(reply["sla_due"] == "2026-11-24T13:00:00+08:00")
    }

    @Test("a clarification offers options, and its retry returns them with its candidates as a duplicate")
    func clarifyAndRetry() throws {
        let fixture = try fixture
        let before = try fixture.messagesReported()
        let params = #"{"conversation":"shape-clarify","text":"Where is my parcel?","message_id":"m-1"}"#
        let first = try fixture.result("message", params)
        var keys = Self.messageKeys
        keys.insert("options", at: keys.firstIndex(of: "work_order")!)
        #expect(first.keys == keys)
        #expect(first["decision"] == "clarify")
        #expect(first["intent"] == JSONValue.null)
        #expect(first["answer"] == JSONValue.null)
        #expect(first["work_order"] == JSONValue.null)
        #expect(first["duplicate"] == false)
        let options = try #require(first["options"]).items
        #expect(options.count >= 2)
        #expect(options.allSatisfy { $0.keys == ["intent", "question"] && $0["question"].string?.isEmpty == false })
        let candidates = try #require(first["candidates"]).items
        #expect(!candidates.isEmpty)
        #expect(
            Set(options.compactMap { $0["intent"].string }).isSubset(of: candidates.compactMap { $0["intent"].string }))

        let retry = try fixture.result("message", params)
        #expect(retry["duplicate"] == true)
        #expect(retry["decision"] == "clarify")
        #expect(retry["options"] == first["options"], "the same options, in the same order")
        #expect(retry["candidates"] == first["candidates"])
        #expect(retry["confidence"] == first["confidence"])
        #expect(retry["locale"] == first["locale"])
        #expect(retry["latency_us"] == first["latency_us"], "the first handling's time")
        #expect(retry["work_order"] == JSONValue.null)
        #expect(try fixture.messagesReported() == before.map { $0 + 1 }, "the retry recorded nothing")

        let elsewhere = try fixture.result(
            "message", #"{"conversation":"shape-clarify-2","text":"Where is my parcel?","message_id":"m-1"}"#)
        #expect(elsewhere["duplicate"] == false, "message ids are per conversation")
    }

    // MARK: - Invalid params

    @Test("invalid message params are refused with a message naming the parameter, and nothing is recorded")
    func invalidMessageParams() throws {
        let fixture = try fixture
        let before = try fixture.messagesReported()
        let cases: [(params: String, message: String)] = [
            (
                #"{"conversation":"bad","txt":"hello"}"#,
                "unknown parameter 'txt'; expected 'conversation', 'text', 'channel', 'customer', 'locale', 'test', 'message_id'"
            ),
            (#"{"conversation":"bad"}"#, "text: required, expected a non-empty string"),
            (#"{"conversation":"bad","text":null}"#, "text: required, expected a non-empty string"),
            (#"{"text":"hello"}"#, "conversation: required, expected a non-empty string"),
            (#"{"conversation":"bad","text":42}"#, "text: expected a non-empty string, got 42"),
            (#"{"conversation":"bad","text":["hello"]}"#, #"text: expected a non-empty string, got ["hello"]"#),
            (#"{"conversation":"bad","text":""}"#, #"text: expected a non-empty string, got """#),
            (#"{"conversation":"bad","text":" \t "}"#, "text: expected a non-empty string, got \" \t \""),
            (#"{"conversation":"bad","text":"hello","test":"yes"}"#, #"test: expected true or false, got "yes""#),
            (
                #"{"conversation":"bad","text":"hello","locale":"fr"}"#,
                "locale: expected one of the knowledge base's locales (en, zh), got 'fr'"
            ),
        ]
        for (params, message) in cases {
            let error = try fixture.error("message", params)
            #expect(error.code == -32602, "\(params)")
            #expect(error.message == message, "\(params)")
            #expect(error.data == nil)
        }
        let positional = try fixture.error("message", #"["bad","hello"]"#)
        #expect(positional.code == -32602)
        #expect(positional.message == "params must be an object with named members")
        let none = try fixture.error("message")
        #expect(none.message == "conversation: required, expected a non-empty string")
        #expect(try fixture.messagesReported() == before, "no refused message was recorded")

        let extra = try fixture.error("kb.reload", #"{"force":true}"#)
        #expect(extra.code == -32602)
        #expect(extra.message == "unknown parameter 'force'; this method takes none")
    }

    @Test("a score outside 1 to 5, a fraction or a missing score is refused")
    func invalidScores() throws {
        let fixture = try fixture
        _ = try fixture.result("message", #"{"conversation":"scores","text":"I forgot my password"}"#)
        let cases: [(params: String, message: String)] = [
            (#"{"conversation":"scores","score":10}"#, "score: expected an integer from 1 to 5, got 10"),
            (#"{"conversation":"scores","score":0}"#, "score: expected an integer from 1 to 5, got 0"),
            (#"{"conversation":"scores","score":2.5}"#, "score: expected an integer, got 2.5"),
            (#"{"conversation":"scores","score":"5"}"#, #"score: expected an integer, got "5""#),
            (#"{"conversation":"scores"}"#, "score: required, expected an integer from 1 to 5"),
            (#"{"score":4}"#, "give exactly one of 'conversation' and 'work_order'"),
            (
                #"{"conversation":"scores","work_order":"WO-000001","score":4}"#,
                "give exactly one of 'conversation' and 'work_order'"
            ),
        ]
        for (params, message) in cases {
            let error = try fixture.error("feedback.rate", params)
            #expect(error.code == -32602, "\(params)")
            #expect(error.message == message, "\(params)")
        }
        // Still rateable after all those refusals.
        #expect(try fixture.result("feedback.rate", #"{"conversation":"scores","score":5}"#)["score"] == 5)
    }

    @Test("a malformed work-order id is invalid params, an unknown one -32001 with the id")
    func workOrderIDs() throws {
        let fixture = try fixture
        for malformed in ["not-an-id", "WO-", "42x", "WO-0000001x"] {
            let error = try fixture.error("work_order.get", #"{"work_order":"\#(malformed)"}"#)
            #expect(error.code == -32602, "\(malformed)")
            #expect(error.message == "work_order: expected an id such as WO-000042, got '\(malformed)'")
        }
        let number = try fixture.error("work_order.get", #"{"work_order":42}"#)
        #expect(number.code == -32602)
        #expect(number.message.hasPrefix("work_order: expected"), "\(number.message)")
        let missing = try fixture.error("work_order.get", "{}")
        #expect(missing.message == "work_order: required, expected an id such as WO-000042")

        for (method, extra) in [
            ("work_order.get", ""), ("work_order.assign", #","agent":"bob""#),
            ("agent.reply", #","agent":"bob","text":"hi""#), ("work_order.resolve", ""), ("work_order.reopen", ""),
        ] {
            let unknown = try fixture.error(method, #"{"work_order":"wo-9999"\#(extra)}"#)
            #expect(unknown.code == -32001, "\(method)")
            #expect(unknown.message == "no work order WO-009999", "\(method)")
            #expect(unknown.data == .object([("work_order", "WO-009999")]), "\(method)")
        }
    }

    @Test("unknown methods are -32601 naming the method")
    func unknownMethod() throws {
        let fixture = try fixture
        let error = try fixture.error("work_order.delete", #"{"work_order":"WO-000001"}"#)
        #expect(error == RPCError(code: -32601, message: "unknown method 'work_order.delete'"))
        #expect(try fixture.error("Message", #"{"conversation":"c","text":"hi"}"#).code == -32601)
    }

    // MARK: - The queue

    /// A new escalated work order in `conversation`; its id.
    private func escalate(_ conversation: String, in fixture: ServiceFixture) throws -> String {
        let reply = try fixture.result(
            "message", #"{"conversation":"\#(conversation)","text":"asdf qwer zxcv","customer":"cust-1"}"#)
        return try #require(reply["work_order"].string)
    }

    @Test("a work order goes through assign, reply, resolve and reopen, and an impossible step is -32002")
    func lifecycle() throws {
        let fixture = try fixture
        let id = try escalate("lifecycle", in: fixture)
        let workOrder = #"{"work_order":"\#(id)"}"#

        let early = try fixture.error("work_order.resolve", workOrder)
        #expect(early.code == -32002)
        #expect(early.message == "cannot resolve \(id): it is open; an agent must reply to it first")
        #expect(early.data == .object([("work_order", .string(id)), ("action", "resolve"), ("status", "open")]))
        let notResolved = try fixture.error("work_order.reopen", workOrder)
        #expect(notResolved.code == -32002)
        #expect(notResolved.data?["action"] == "reopen")

        let assigned = try fixture.result("work_order.assign", #"{"work_order":"\#(id)","agent":"alice"}"#)
        #expect(assigned["status"] == "assigned")
        #expect(assigned["agent"] == "alice")
        #expect(assigned["assigned"] == .string(Self.nowInShanghai))
        #expect(assigned["first_response"] == JSONValue.null)

        let replied = try fixture.result(
            "agent.reply", #"{"work_order":"\#(id)","agent":"bob","text":"Write to ops@example.com"}"#)
        #expect(replied["status"] == "responded")
        #expect(replied["first_response"] == .string(Self.nowInShanghai), "the reply's time is the session's")
        #expect(replied["replies"] == nil, "only work_order.get lists replies")

        let unknown = try fixture.error(
            "work_order.resolve", #"{"work_order":"\#(id)","entry":"password-rest"}"#)
        #expect(unknown.code == -32602)
        #expect(unknown.message.contains("closest: password-reset"), "\(unknown.message)")
        let both = try fixture.error(
            "work_order.resolve", #"{"work_order":"\#(id)","entry":"password-reset","new_topic":"x"}"#)
        #expect(both.code == -32602)
        let resolved = try fixture.result("work_order.resolve", #"{"work_order":"\#(id)","new_topic":"Gift wrap"}"#)
        #expect(resolved["status"] == "resolved")
        #expect(resolved["label"] == .object([("new_topic", "Gift wrap")]))
        #expect(resolved["resolved"] == .string(Self.nowInShanghai))
        let twice = try fixture.error("work_order.resolve", workOrder)
        #expect(twice.code == -32002)
        #expect(twice.data == .object([("work_order", .string(id)), ("action", "resolve"), ("status", "resolved")]))
        let late = try fixture.error("agent.reply", #"{"work_order":"\#(id)","agent":"bob","text":"more"}"#)
        #expect(late.code == -32002)
        #expect(late.data?["status"] == "resolved")

        let reopened = try fixture.result("work_order.reopen", workOrder)
        #expect(reopened["status"] == "open")
        #expect(reopened["reopen_count"] == 1)
        #expect(reopened["resolved"] == JSONValue.null)
        #expect(reopened["first_response"] == .string(Self.nowInShanghai), "the first response is kept")

        let shown = try fixture.result("work_order.get", workOrder)
        #expect(shown["id"] == .string(id))
        #expect(shown["status"] == "open")
        #expect(
            shown["replies"]
                == .array([
                    .object([("agent", "bob"), ("text", "Write to [email]"), ("at", .string(Self.nowInShanghai))])
                ]),
            "the reply is listed, redacted")

        let listed = try fixture.result(
            "work_order.list", #"{"status":"open","group":"\#(shown["group"].string ?? "")"}"#)
        #expect(listed.keys == ["work_orders"])
        #expect(listed["work_orders"]?.items.contains { $0["id"] == .string(id) } == true)
        let badStatus = try fixture.error("work_order.list", #"{"status":"sleeping"}"#)
        #expect(badStatus.code == -32602)
        #expect(badStatus.message.hasPrefix("status: expected one of unresolved, all, open"), "\(badStatus.message)")
    }

    @Test("an `at` after the session's clock is refused as in the future, though the wall clock is past it")
    func atInTheFuture() throws {
        let fixture = try fixture
        let id = try escalate("future", in: fixture)
        // 2026-11-24T00:00:00Z is 16 minutes after the session's clock, and long past in reality.
        let future = try fixture.error(
            "agent.reply", #"{"work_order":"\#(id)","agent":"bob","text":"hi","at":"2026-11-24T00:00:00Z"}"#)
        #expect(future.code == -32602)
        #expect(future.message == "at: 2026-11-24T08:00:00+08:00 is in the future")
        let unchanged = try fixture.result("work_order.get", #"{"work_order":"\#(id)"}"#)
        #expect(unchanged["status"] == "open", "the refused reply changed nothing")
        #expect(unchanged["replies"] == .array([]))

        let malformed = try fixture.error(
            "agent.reply", #"{"work_order":"\#(id)","agent":"bob","text":"hi","at":"yesterday"}"#)
        #expect(malformed.code == -32602)
        #expect(malformed.message == "at: expected an ISO 8601 time with an offset, got 'yesterday'")

        let replied = try fixture.result(
            "agent.reply", #"{"work_order":"\#(id)","agent":"bob","text":"hi","at":"2026-11-23T15:44:00Z"}"#)
        #expect(replied["first_response"] == .string(Self.nowInShanghai))
        let resolveLater = try fixture.error(
            "work_order.resolve", #"{"work_order":"\#(id)","at":"2026-11-23T16:00:00+00:00"}"#)
        #expect(resolveLater.code == -32602)
        #expect(resolveLater.message == "at: 2026-11-24T00:00:00+08:00 is in the future")
    }

    // MARK: - Ratings and the report

    @Test("ratings by conversation and by work order return what was rated")
    func ratings() throws {
        let fixture = try fixture
        _ = try fixture.result("message", #"{"conversation":"rated","text":"I forgot my password"}"#)
        let byConversation = try fixture.result(
            "feedback.rate", #"{"conversation":"rated","score":5,"comment":"quick and clear"}"#)
        #expect(byConversation == .object([("conversation", "rated"), ("score", 5)]))

        let id = try escalate("rated-order", in: fixture)
        let unanswered = try fixture.error("feedback.rate", #"{"work_order":"\#(id)","score":2}"#)
        #expect(unanswered.code == -32602)
        #expect(unanswered.message.contains("no agent reply yet"), "\(unanswered.message)")
        _ = try fixture.result("agent.reply", #"{"work_order":"\#(id)","agent":"alice","text":"on it"}"#)
        let byWorkOrder = try fixture.result("feedback.rate", #"{"work_order":"\#(id)","score":2}"#)
        #expect(byWorkOrder == .object([("work_order", .string(id)), ("score", 2)]))

        let unknown = try fixture.error("feedback.rate", #"{"conversation":"nobody-wrote-here","score":3}"#)
        #expect(unknown.code == -32005)
        #expect(unknown.message == "no customer message was recorded in conversation 'nobody-wrote-here'")
        #expect(unknown.data == .object([("conversation", "nobody-wrote-here")]))
    }

    @Test("the report counts the period's messages, leaves test traffic out and checks its bounds")
    func report() throws {
        let fixture = try fixture
        let period = #"{"from":"2026-11-23","to":"2026-11-23"}"#
        let finer = try fixture.result(
            "report", #"{"from":"2026-11-23","to":"2026-11-23","buckets":"30s,2m,1h","by":"week"}"#)
        #expect(try #require(finer["buckets"]).items.count == 4, "three bounds, four buckets")
        #expect(finer["trend"]?["by"] == "week")
        for params in [#"{"buckets":"5m,1m"}"#, #"{"by":"month"}"#] {
            let error = try fixture.error("report", params)
            #expect(error.code == -32602, "\(params)")
        }
        let before = try fixture.result("report", period)
        #expect(
            before.keys == [
                "period", "messages", "automated", "clarified", "escalated", "joined", "automation_rate",
                "bot_response_ms", "human_first_response_min", "human_first_response_business_min", "resolution_min",
                "first_response_min", "response_min", "human_response_min", "automation_impact",
                "awaiting_first_response", "awaiting_response", "sla_attainment", "sla", "buckets", "csat",
                "by_channel", "by_group", "previous_period", "key_figures", "trend", "anomalies",
                "first_response_distribution", "breakdowns", "cases",
            ])
        #expect(
            before["period"] == .object([("from", "2026-11-23T00:00:00+08:00"), ("to", "2026-11-24T00:00:00+08:00")]),
            "a day is the desk's day, `to` inclusive")
        guard case .number(let count)? = before["messages"] else {
            Issue.record("messages is a number")
            return
        }
        _ = try fixture.result("message", #"{"conversation":"report-1","text":"I forgot my password"}"#)
        _ = try fixture.result("message", #"{"conversation":"report-2","text":"I forgot my password","test":true}"#)
        let after = try fixture.result("report", period)
        #expect(after["messages"] == .number(count + 1), "the test message is not counted")
        let nextDay = try fixture.result("report", #"{"from":"2026-11-24"}"#)
        #expect(nextDay["messages"] == 0, "everything was received on the session's day")

        let backwards = try fixture.error("report", #"{"from":"2026-11-24","to":"2026-11-23"}"#)
        #expect(backwards.code == -32602)
        #expect(backwards.message == "to: must be after from")
        let badDate = try fixture.error("report", #"{"from":"yesterday"}"#)
        #expect(badDate.code == -32602)
        #expect(
            badDate.message
                == "from: expected a date YYYY-MM-DD or an ISO 8601 time with an offset, got 'yesterday'")
    }
}

/// `kb.reload` over a copy of the bundled base in a folder of the test's own.
@Suite("kb.reload")
struct ReloadTests {
    @Test("a reload of a broken base is refused with -32003 and its diagnostics, and the old base keeps serving")
    func brokenReload() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("responder-reload-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let kb = folder.appendingPathComponent("kb")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: bundledKnowledgeBase), to: kb)
        let fixture = try ServiceFixture(folder: folder, knowledgeBase: kb.path)
        let version = fixture.session.base.version

        let unchanged = try fixture.result("kb.reload")
        #expect(
            unchanged
                == .object([
                    ("version", .string(version)), ("previous_version", .string(version)), ("entries", 58),
                    ("diagnostics", .array([])),
                ]))

        // A missing `]`, and a changed answer that must not be served (a repaired base is, as
        // ServeTests and the engine's tests check).
        let file = kb.appendingPathComponent("faq/account.yaml")
        let original = try String(contentsOf: file, encoding: .utf8)
        let oldAnswer = "To reset your password, tap Forgot Password"
        let broken =
            original
            .replacingOccurrences(of: "tags: [account, password]", with: "tags: [account, password")
            .replacingOccurrences(of: oldAnswer, with: "Reloaded: tap Forgot Password")
        #expect(broken != original)
        try broken.write(to: file, atomically: true, encoding: .utf8)

        let refused = try fixture.error("kb.reload")
        #expect(refused.code == -32003)
        #expect(refused.message == "the knowledge base has 1 error; still serving version \(version)")
        let data = try #require(refused.data)
        #expect(data.keys == ["serving_version", "diagnostics"])
        #expect(data["serving_version"] == .string(version))
        let diagnostics = try #require(data["diagnostics"]).items
        #expect(diagnostics.count == 1)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.keys == ["file", "line", "column", "severity", "rule", "message"])
        #expect(diagnostic["file"].string?.hasSuffix("faq/account.yaml") == true, "\(diagnostic.serialized)")
        #expect(diagnostic["severity"] == "error")
        #expect(diagnostic["rule"] == "yaml-syntax")

        let still = try fixture.result("message", #"{"conversation":"after-reload","text":"I forgot my password"}"#)
        #expect(still["answer"].string?.hasPrefix(oldAnswer) == true, "the old base answers")
        #expect(try fixture.result("initialize")["knowledge_base"]?["version"] == .string(version))
    }
}
