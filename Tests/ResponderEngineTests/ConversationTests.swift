import Foundation
import Logging
import ResponderCore
import ResponderEngine
import ResponderStore
import Testing

/// Trained models shared by the suite's sessions, so that each trains the bundled base once.
private let conversationCache = FileManager.default.temporaryDirectory.appendingPathComponent(
    "responder-conversation-cache-\(ProcessInfo.processInfo.processIdentifier)")

/// A session over the bundled base with a store of its own in a temporary folder, and a clock
/// the test moves.
private final class ConversationDesk {
    let folder: URL
    let clock = SettableClock(instant("2026-11-24T02:00:00Z"))  // Tuesday 10:00 in Shanghai
    private(set) var session: EngineSession

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("responder-conv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        session = try Self.session(folder: folder, clock: clock)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    private static func session(folder: URL, clock: SettableClock) throws -> EngineSession {
        let base = try EngineSession.loadBase(directory: bundledKnowledgeBase).base
        return EngineSession(
            base: base, directory: bundledKnowledgeBase,
            store: try Store(path: folder.appendingPathComponent("desk.sqlite").path, timeZone: base.settings.timeZone),
            cache: ModelCache(root: conversationCache, engineVersion: "test"), clock: clock.engineClock,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    /// A new session on the same store file: what another process, or a restart, sees.
    func restart() throws { session = try Self.session(folder: folder, clock: clock) }

    /// Moves the clock on by `seconds`.
    func wait(_ seconds: TimeInterval) { clock.now = clock.now.addingTimeInterval(seconds) }

    /// The customer writes `text` in `conversation`.
    @discardableResult
    func say(_ text: String, in conversation: String) throws -> MessageOutcome {
        try session.handle(CustomerMessage(text: text, conversation: conversation))
    }
}

@Suite("Conversations through the engine", .serialized)
struct ConversationTests {
    @Test("a complaint and three follow-ups: one work order, four customer turns, acknowledgements only")
    func complaintWithFollowUps() throws {
        let desk = try ConversationDesk()
        let first = try desk.say("my parcel is lost and I want to complain", in: "c1")
        #expect(first.decision == .answer && first.intent == "complaint")
        let order = try #require(first.workOrder)
        #expect(first.conversationState == .awaitingAgent)

        let followUps = [
            "hello?? anyone there? still waiting about my lost parcel", "where is my parcel",
            "this is fraud, I will call the police",
        ]
        for text in followUps {
            desk.wait(30)
            let outcome = try desk.say(text, in: "c1")
            #expect(outcome.decision == .handoff, "\(text)")
            #expect(outcome.turn == .joined)
            #expect(outcome.answer == nil && outcome.options.isEmpty, "no canned answer while a person has it")
            #expect(outcome.workOrder?.id == order.id, "never a second work order")
            #expect(outcome.acknowledgement?.contains(order.id.description) == true)
        }
        #expect(try desk.session.workOrders(.all).count == 1)
        let view = try desk.session.workOrder(order.id)
        let customerTurns = try #require(view.turns).filter { $0.from == .customer }
        #expect(customerTurns.compactMap(\.text) == ["my parcel is lost and I want to complain"] + followUps)
        #expect(view.workOrder.priority == .urgent, "the police threat raised it")

        // An agent replies: with the agent; the customer writes: back to the agent; replied and
        // resolved: the bot answers the conversation again.
        desk.wait(60)
        _ = try desk.session.reply(to: order.id, agent: "alice", text: "We are on it")
        #expect(try desk.session.conversation("c1").state == .withAgent)
        desk.wait(60)
        let again = try desk.say("thanks, how long will it take?", in: "c1")
        #expect(again.decision == .handoff && again.workOrder?.status == .assigned)
        #expect(try desk.session.conversation("c1").state == .awaitingAgent)
        desk.wait(60)
        _ = try desk.session.reply(to: order.id, agent: "alice", text: "A refund is on its way")
        _ = try desk.session.resolve(order.id)
        #expect(try desk.session.conversation("c1").state == .resolved)
        desk.wait(60)
        let later = try desk.say("what are your opening hours", in: "c1")
        #expect(later.decision == .answer && later.intent == "opening-hours")
        #expect(later.workOrder == nil)
        #expect(try desk.session.conversation("c1").state == .bot)
    }

    @Test("Chinese: a clarification that opens a work order, a follow-up that joins it, then a pick")
    func chineseThread() throws {
        let desk = try ConversationDesk()
        let first = try desk.say("我的包裹丢了，我要投诉", in: "zh-1")
        #expect(first.decision == .clarify)
        let order = try #require(first.workOrder, "every option escalates: a person sees it at once")
        desk.wait(20)
        let waiting = try desk.say("还没有人回复吗？", in: "zh-1")
        #expect(waiting.decision == .handoff)
        #expect(waiting.acknowledgement?.contains("工单 \(order.id)") == true, "acknowledged in Chinese")
        // Picking right away answers the chosen entry; the conversation stays with the person.
        let other = try desk.say("我的包裹丢了，我要投诉", in: "zh-2")
        let picked = try desk.say("第二个", in: "zh-2")
        #expect(picked.decision == .answer && picked.intent == other.options[1].intent)
        #expect(picked.candidates.map(\.intent) == [other.options[1].intent])
        #expect(picked.workOrder == nil, "no second work order")
        #expect(picked.conversationState == .awaitingAgent)
        desk.wait(20)
        // The follow-up was the bot's last turn: a pick now is a new message, and joins too.
        #expect(try desk.say("第二个", in: "zh-1").decision == .handoff)
        #expect(try desk.session.workOrders(.all).count == 2, "one per conversation")
    }

    @Test("a clarification answered with 2, with 第一个 and with the option's own words")
    func clarificationAnswers() throws {
        let desk = try ConversationDesk()
        for (index, reply) in ["2", "第一个", "where can I find my tracking number"].enumerated() {
            let conversation = "pick-\(index)"
            let asked = try desk.say("where is my parcel", in: conversation)
            #expect(asked.decision == .clarify)
            #expect(asked.workOrder == nil)
            let options = asked.options.map(\.intent)
            desk.wait(30)
            let picked = try desk.say(reply, in: conversation)
            #expect(picked.decision == .answer, "\(reply)")
            let expected = reply == "2" ? options[1] : reply == "第一个" ? options[0] : "shipping-tracking-number"
            #expect(picked.intent == expected, "\(reply)")
            #expect(picked.answer?.isEmpty == false)
        }
        // After the window the same "2" is a new, unrelated message.
        _ = try desk.say("where is my parcel", in: "late")
        desk.wait(11 * 60)
        let late = try desk.say("2", in: "late")
        #expect(late.turn == .matched)
    }

    @Test("two unanswerable messages in a row hand off with the turns attached")
    func repeatedFailureHandsOff() throws {
        let desk = try ConversationDesk()
        // Two clarifications in a row: the second hands off instead of asking again.
        #expect(try desk.say("where is my parcel", in: "f1").decision == .clarify)
        desk.wait(40)
        let handoff = try desk.say("where is my parcel??", in: "f1")
        #expect(handoff.decision == .handoff)
        #expect(handoff.turn == .handedOff(failures: 2))
        let order = try #require(handoff.workOrder)
        let turns = try #require(try desk.session.workOrder(order.id).turns)
        #expect(
            turns.filter { $0.from == .customer }.compactMap(\.text) == ["where is my parcel", "where is my parcel??"])
        #expect(turns.contains { $0.from == .bot && $0.options.count >= 2 }, "the agent sees what the bot offered")

        // Two messages the bot cannot place: the first escalates, the second joins its work order.
        let first = try desk.say("blorp the frobnicator", in: "f2")
        #expect(first.decision == .escalate)
        let second = try desk.say("zorgle my quux", in: "f2")
        #expect(second.decision == .handoff && second.workOrder?.id == first.workOrder?.id)
        let firstOrder = try #require(first.workOrder)
        let texts = try #require(try desk.session.workOrder(firstOrder.id).turns)
            .filter { $0.from == .customer }.compactMap(\.text)
        #expect(texts == ["blorp the frobnicator", "zorgle my quux"])
    }

    @Test("an explicit request for a person opens a work order carrying the earlier turns")
    func requestForAPerson() throws {
        let desk = try ConversationDesk()
        _ = try desk.say("how do I reset my password", in: "p1")
        desk.wait(30)
        let request = try desk.say("I want to talk to a human", in: "p1")
        let order = try #require(request.workOrder)
        let customer = try #require(try desk.session.workOrder(order.id).turns).filter { $0.from == .customer }
        #expect(customer.compactMap(\.text) == ["how do I reset my password", "I want to talk to a human"])
    }

    @Test("clarifications further apart than the window are not in a row")
    func failureWindow() throws {
        let desk = try ConversationDesk()
        #expect(try desk.say("where is my parcel", in: "w1").decision == .clarify)
        desk.wait(11 * 60)
        #expect(try desk.say("where is my parcel", in: "w1").decision == .clarify, "asked again, not handed off")
    }

    @Test("an imported message joins the work order that was open when it arrived, and only that one")
    func importsJoinByTime() throws {
        let desk = try ConversationDesk()
        let opened = desk.clock.now
        let order = try #require(try desk.say("blorp the frobnicator", in: "i1").workOrder)
        let earlier = try desk.session.handle(
            CustomerMessage(text: "hello", conversation: "i1", receivedAt: opened.addingTimeInterval(-600)))
        #expect(earlier.turn == .matched && earlier.decision == .answer, "before the work order: the bot's")
        desk.wait(600)
        _ = try desk.session.reply(to: order.id, agent: "alice", text: "Hi")
        let between = try desk.session.handle(
            CustomerMessage(text: "any news?", conversation: "i1", receivedAt: opened.addingTimeInterval(300)))
        #expect(between.workOrder?.id == order.id && between.turn == .joined)
        #expect(between.workOrder?.status == .responded, "the agent has replied since: nothing new is asked of them")
        desk.wait(60)
        _ = try desk.session.resolve(order.id)
        desk.wait(60)
        let after = try desk.session.handle(CustomerMessage(text: "what are your opening hours", conversation: "i1"))
        #expect(after.decision == .answer && after.workOrder == nil)
    }

    @Test("test traffic and real traffic do not share a thread")
    func testTrafficIsItsOwn() throws {
        let desk = try ConversationDesk()
        let order = try #require(try desk.say("blorp the frobnicator", in: "t1").workOrder)
        let test = try desk.session.handle(CustomerMessage(text: "hello?", conversation: "t1", isTest: true))
        #expect(test.turn == .matched && test.workOrder?.id != order.id)
        #expect(try desk.session.workOrder(order.id).workOrder.status == .open)
    }

    @Test("a customer's thanks after the agent's reply does not stop the agent resolving")
    func thanksThenResolve() throws {
        let desk = try ConversationDesk()
        let order = try #require(try desk.say("blorp the frobnicator", in: "y1").workOrder)
        _ = try desk.session.reply(to: order.id, agent: "alice", text: "Done")
        desk.wait(30)
        #expect(try desk.say("thanks, bye", in: "y1").workOrder?.status == .assigned)
        #expect(try desk.session.resolve(order.id).workOrder.status == .resolved)
    }

    @Test("a rating of a follow-up is in the bucket of the follow-up's own response")
    func ratingAFollowUp() throws {
        let desk = try ConversationDesk()
        let order = try #require(try desk.say("blorp the frobnicator", in: "z1").workOrder)
        desk.wait(30)
        _ = try desk.session.reply(to: order.id, agent: "alice", text: "Hi")  // 30 s: the first response
        desk.wait(30)
        try desk.say("and the refund?", in: "z1")
        _ = try desk.session.rate(.conversation("z1"), score: 2)
        var buckets = try desk.session.report().report.buckets
        #expect(buckets.allSatisfy { $0.ratings == 0 }, "the follow-up has no response yet: no bucket")
        desk.wait(600)
        _ = try desk.session.reply(to: order.id, agent: "alice", text: "Tomorrow")
        buckets = try desk.session.report().report.buckets
        #expect(buckets.last?.ratings == 1, "its response took 10 minutes: > 5 min, not the first reply's 30 s")
    }

    @Test("the thread lives in the store: a restarted session continues it")
    func stateSurvivesRestart() throws {
        let desk = try ConversationDesk()
        let order = try #require(try desk.say("blorp the frobnicator", in: "r1").workOrder)
        _ = try desk.say("where is my parcel", in: "r2")
        try desk.restart()
        #expect(try desk.say("hello?", in: "r1").workOrder?.id == order.id)
        #expect(try desk.say("2", in: "r2").decision == .answer)
    }

    @Test("a retried follow-up gets its first outcome, acknowledgement included, and records nothing")
    func retriedFollowUp() throws {
        let desk = try ConversationDesk()
        _ = try desk.say("blorp the frobnicator", in: "k1")
        let message = CustomerMessage(text: "hello?", conversation: "k1", messageKey: "m-2")
        let first = try desk.session.handle(message)
        let again = try desk.session.handle(message)
        #expect(again.isDuplicate && again.decision == .handoff && again.turn == .joined)
        #expect(again.acknowledgement == first.acknowledgement)
        #expect(try desk.session.conversation("k1").turns.filter { $0.from == .customer }.count == 2)
    }

    @Test("every response is timed: the report's figures equal a computation over the script")
    func everyResponseTimed() throws {
        let desk = try ConversationDesk()
        var bot: [Double] = []  // seconds
        var human: [Double] = []
        var first: [Double] = []
        // A: answered by the bot twice.
        for text in ["what are your opening hours", "how do I reset my password"] {
            let outcome = try desk.say(text, in: "A")
            bot.append(Double(outcome.latencyMicroseconds) / 1_000_000)
            first.append(bot.last!)
            desk.wait(10)
        }
        // B: escalated at t0, follow-ups at +60 s and +120 s, agent replies at +300 s, one more
        // follow-up at +400 s, the agent again at +1000 s; a last follow-up never answered.
        let escalated = try desk.say("blorp the frobnicator", in: "B")
        let order = try #require(escalated.workOrder)
        desk.wait(60)
        try desk.say("hello?", in: "B")
        desk.wait(60)
        try desk.say("anyone?", in: "B")
        desk.wait(180)
        _ = try desk.session.reply(to: order.id, agent: "alice", text: "Hi")
        human += [300, 240, 180]
        first.append(300)
        desk.wait(100)
        try desk.say("thanks, and the refund?", in: "B")
        desk.wait(600)
        _ = try desk.session.reply(to: order.id, agent: "alice", text: "Tomorrow")
        human.append(600)
        desk.wait(5)
        try desk.say("ok", in: "B")

        let report = try desk.session.report().report
        let every = bot + human
        let mean = { (values: [Double]) in values.reduce(0, +) / Double(values.count) / 60 }
        #expect(report.responseMinutes.count == every.count)
        #expect(abs((report.responseMinutes.mean ?? 0) - mean(every)) < 1e-6)
        #expect(report.humanResponseMinutes.count == human.count)
        #expect(abs((report.humanResponseMinutes.mean ?? 0) - mean(human)) < 1e-9)
        #expect(report.awaitingResponse == 1, "the last follow-up has no reply yet")
        #expect(report.firstResponseMinutes.count == first.count, "follow-ups are not first responses")
        #expect(abs((report.firstResponseMinutes.mean ?? 0) - mean(first)) < 1e-6)
        #expect(report.joined == 4)
        #expect(report.escalated == 1)
        #expect(report.messages == 7)
        let logistics = try #require(report.byGroup.first { $0.group == order.group })
        #expect(logistics.humanResponseMinutes.count == 4)
        #expect(logistics.humanFirstResponseMinutes.count == 1)
        let chat = try #require(report.byChannel.first { $0.channel == "chat" })
        #expect(chat.responseMinutes.count == every.count)
        #expect(chat.firstResponseMinutes.count == first.count)

        // The REPL's :stats computes the same from the conversations' turns.
        let times = try ["A", "B"].flatMap { try desk.session.conversation($0).responseTimes }
        #expect(times.compactMap(\.seconds).count == every.count)
        #expect(
            abs(
                times.compactMap(\.seconds).reduce(0, +) / 60 - (report.responseMinutes.mean ?? 0) * Double(every.count)
            ) < 1e-3)
    }
}
