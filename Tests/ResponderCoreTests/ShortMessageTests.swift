import ResponderCore
import Testing

/// Chat traffic is full of one-word messages; they must not land on an entry that happens to
/// share a few letters with them.
@Suite("Matching short messages on the bundled base")
struct ShortMessageTests {
    @Test(arguments: ["yes", "a", "asdf", "lol", "why", "嗯", "为什么"])
    func meaninglessShortMessagesAreNotAnswered(message: String) throws {
        let reply = try Bundled.responder().reply(to: message)
        #expect(reply.decision != .answer, "\(message) -> \(reply.intent ?? "-") \(reply.confidence)")
    }

    @Test(arguments: [
        ("hi", "greeting"), ("你好", "greeting"), ("thanks", "thanks"), ("好的谢谢", "thanks"), ("退款", "refund-status"),
    ])
    func shortMessagesWithMeaningAreAnswered(message: String, intent: String) throws {
        let reply = try Bundled.responder().reply(to: message)
        #expect(reply.decision == .answer)
        #expect(reply.intent == intent)
    }

    @Test func aVeryLongMessageIsMatchedOnItsBeginning() throws {
        let responder = try Bundled.responder()
        let long = "I forgot my password. " + String(repeating: "blah ", count: 200_000)
        let reply = responder.reply(to: long)
        #expect(reply.match.top?.intent == "password-reset")
    }
}
