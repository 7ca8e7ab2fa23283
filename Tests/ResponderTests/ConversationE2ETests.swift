import Foundation
import Testing

/// Conversations as threads through the real binary: `serve` over the protocol, and separate
/// `ask --conversation` processes sharing one store, in English and Chinese.
@Suite final class ConversationE2ETests {
    let folder: URL
    let db: String

    init() throws {
        folder = try ResponderProcess.temporaryDirectory()
        db = folder.appendingPathComponent("conversations.sqlite").path
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    private func say(_ server: ServeProcess, _ text: String, in conversation: String, id: Int) throws -> [String: Any] {
        try server.result("message", ["conversation": conversation, "text": text], id: id)
    }

    @Test func aComplaintWithFollowUpsIsOneThreadThenTheBotAnswersAgain() throws {
        let server = try ServeProcess(db: db)
        let first = try say(server, "my parcel is lost and I want to complain", in: "conv-1", id: 1)
        let workOrder = try #require(first["work_order"] as? String)
        #expect(first["conversation_state"] as? String == "awaiting_agent")
        for (index, text) in ["hello?? anyone there?", "still waiting about my lost parcel", "please answer"]
            .enumerated()
        {
            let reply = try say(server, text, in: "conv-1", id: 10 + index)
            #expect(reply["decision"] as? String == "handoff")
            #expect(reply["handoff_reason"] as? String == "open_work_order")
            #expect(reply["work_order"] as? String == workOrder)
            #expect(reply["answer"] is NSNull)
            #expect((reply["acknowledgement"] as? String)?.contains(workOrder) == true)
        }
        let list = try server.result("work_order.list", [:], id: 20)
        #expect((list["work_orders"] as? [[String: Any]])?.count == 1)
        let got = try server.result("work_order.get", ["work_order": workOrder], id: 21)
        let turns = try #require(got["turns"] as? [[String: Any]])
        #expect(turns.filter { $0["from"] as? String == "customer" }.count == 4)
        #expect(turns.filter { $0["from"] as? String == "bot" }.count == 4, "the answer and three acknowledgements")

        _ = try server.result("agent.reply", ["work_order": workOrder, "agent": "alice", "text": "On it"], id: 30)
        var conversation = try server.result("conversation.get", ["conversation": "conv-1"], id: 31)
        #expect(conversation["state"] as? String == "with_agent")
        _ = try server.result("work_order.resolve", ["work_order": workOrder], id: 32)
        conversation = try server.result("conversation.get", ["conversation": "conv-1"], id: 33)
        #expect(conversation["state"] as? String == "resolved")
        let agentTurns = (conversation["turns"] as? [[String: Any]])?.filter { $0["from"] as? String == "agent" }
        #expect(agentTurns?.first?["agent"] as? String == "alice")

        let later = try say(server, "what are your opening hours", in: "conv-1", id: 40)
        #expect(later["decision"] as? String == "answer")
        #expect(later["work_order"] is NSNull)
        #expect(later["conversation_state"] as? String == "bot")

        let unknown = try server.result("conversation.get", ["conversation": "never-seen"], id: 50)
        #expect(unknown["state"] as? String == "new")
        #expect((unknown["turns"] as? [Any])?.isEmpty == true)
        _ = try server.finish()
    }

    @Test func clarificationsAreAnsweredByNumberAndByWordsInEitherLanguage() throws {
        let server = try ServeProcess(db: db)
        var id = 1
        for (index, reply) in ["2", "第一个", "the pickup point one"].enumerated() {
            let asked = try say(server, "where is my parcel", in: "pick-\(index)", id: id)
            id += 1
            #expect(asked["decision"] as? String == "clarify")
            let options = try #require(asked["options"] as? [[String: Any]]).compactMap { $0["intent"] as? String }
            let picked = try say(server, reply, in: "pick-\(index)", id: id)
            id += 1
            #expect(picked["decision"] as? String == "answer", "\(reply)")
            let expected = reply == "2" ? options[1] : reply == "第一个" ? options[0] : "shipping-pickup-points"
            #expect(picked["intent"] as? String == expected, "\(reply)")
            let how = try #require(picked["picked"] as? [String: Any])
            #expect(how["by"] as? String == (index == 2 ? "words" : "number"))
        }
        let chinese = try say(server, "我的包裹丢了，我要投诉", in: "zh", id: 100)
        #expect(chinese["decision"] as? String == "clarify")
        let waiting = try say(server, "还没有人回复吗？", in: "zh", id: 101)
        #expect(waiting["decision"] as? String == "handoff")
        #expect((waiting["acknowledgement"] as? String)?.hasPrefix("收到") == true)
        _ = try server.finish()
    }

    @Test func twoClarificationsInARowHandOffWithTheTurnsAttached() throws {
        let server = try ServeProcess(db: db)
        _ = try say(server, "where is my parcel", in: "f", id: 1)
        let handoff = try say(server, "where is my parcel???", in: "f", id: 2)
        #expect(handoff["decision"] as? String == "handoff")
        #expect(handoff["handoff_reason"] as? String == "repeated_failure")
        let workOrder = try #require(handoff["work_order"] as? String)
        let got = try server.result("work_order.get", ["work_order": workOrder], id: 3)
        let turns = try #require(got["turns"] as? [[String: Any]])
        #expect(turns.compactMap { $0["from"] as? String } == ["customer", "bot", "customer"])
        #expect((turns[1]["options"] as? [Any])?.count == 2)
        _ = try server.finish()
    }

    @Test func twoServersWritingInOneConversationAtOnceKeepOneThread() throws {
        let first = try ServeProcess(db: db)
        let escalated = try say(first, "blorp the frobnicator", in: "shared", id: 1)
        let workOrder = try #require(escalated["work_order"] as? String)
        let second = try ServeProcess(db: db)
        // Both pipeline ten follow-ups at once, in one conversation.
        for index in 0..<10 {
            for (server, name) in [(first, "a"), (second, "b")] {
                try server.send(
                    ServeProcess.request(
                        "message", ["conversation": "shared", "text": "any news? (\(name)\(index))"], id: 100 + index))
            }
        }
        for server in [first, second] {
            for _ in 0..<10 {
                let result = try #require(try server.nextResponse()["result"] as? [String: Any])
                #expect(result["decision"] as? String == "handoff")
                #expect(result["work_order"] as? String == workOrder)
            }
        }
        let conversation = try first.result("conversation.get", ["conversation": "shared"], id: 200)
        #expect((conversation["work_orders"] as? [String]) == [workOrder], "one work order")
        let turns = try #require(conversation["turns"] as? [[String: Any]])
        #expect(turns.filter { $0["from"] as? String == "customer" }.count == 21)
        _ = try first.finish()
        _ = try second.finish()
    }

    @Test func separateAskProcessesShareTheThreadThroughTheStore() throws {
        let kb = ResponderProcess.bundledKnowledgeBase
        func ask(_ text: String) throws -> [String: Any] {
            try ResponderProcess.run(["ask", text, "--kb", kb, "--db", db, "--conversation", "cli-1", "--json"]).json()
        }
        let first = try ask("blorp the frobnicator")
        #expect(first["decision"] as? String == "escalate")
        let second = try ask("你好？有人吗")
        #expect(second["decision"] as? String == "handoff")
        #expect(second["work_order"] as? String == first["work_order"] as? String)
        #expect((second["acknowledgement"] as? String)?.contains("工单") == true)
        let text = try ResponderProcess.run(["tickets", "show", "WO-000001", "--kb", kb, "--db", db]).stdout
        #expect(text.contains("blorp the frobnicator") && text.contains("你好？有人吗"))
        #expect(text.contains("joined"))
        let report = try ResponderProcess.run(["report", "--kb", kb, "--db", db, "--json"]).json()
        #expect(report["joined"] as? Int == 1)
        #expect(report["awaiting_response"] as? Int == 2)
    }
}
