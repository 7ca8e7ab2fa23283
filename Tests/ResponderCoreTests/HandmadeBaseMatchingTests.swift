import ResponderCore
import Testing

@Suite("Matching on a handmade base")
struct HandmadeBaseMatchingTests {
    static let files = [
        "settings.yaml": "locales: [en]\nanswer_threshold: 0.1\nambiguity_margin: 0.2\n",
        "faq/twins.yaml": """
        entries:
          - id: refund-card
            answer: Card refunds take 5 days.
            questions: [refund my order]
          - id: refund-wallet
            answer: Wallet refunds are instant.
            questions: [refund my order]
          - id: opening-hours
            answer: We open at nine.
            questions: [when do you open]
        """,
    ]

    static func responder(policy: DecisionPolicy? = nil) throws -> AutoResponder {
        try withTemporaryBase(files) { folder in AutoResponder(base: try folder.load().requireValid(), policy: policy) }
    }

    @Test func entriesSharingAllWordsAskToClarify() throws {
        let responder = try Self.responder()
        #expect(responder.policy == DecisionPolicy(threshold: 0.1, margin: 0.2))
        let reply = responder.reply(to: "refund my order")
        let candidates = reply.match.candidates
        try #require(candidates.count == 2, "\(candidates.map(\.intent))")
        #expect(Set(candidates.map(\.intent)) == ["refund-card", "refund-wallet"])
        #expect(candidates[0].confidence == candidates[1].confidence)
        #expect(candidates[0].confidence >= 0.1)
        #expect(reply.decision == .clarify)
        #expect(reply.intent == nil)
        #expect(reply.answer == nil)
        #expect(Set(reply.options.map(\.intent)) == ["refund-card", "refund-wallet"])
        #expect(reply.options.allSatisfy { $0.question == "refund my order" })
    }

    @Test func zeroMarginAnswersTheSameMessage() throws {
        let responder = try Self.responder(policy: DecisionPolicy(threshold: 0.1, margin: 0))
        let reply = responder.reply(to: "refund my order")
        #expect(reply.decision == .answer)
        #expect(reply.intent == reply.match.top?.intent)
        #expect(reply.options.isEmpty)
    }

    @Test func distinctEntryIsAnswered() throws {
        let reply = try Self.responder().reply(to: "when do you open")
        #expect(reply.decision == .answer)
        #expect(reply.intent == "opening-hours")
        #expect(reply.answer == "We open at nine.")
        #expect(reply.match.candidates.count == 1)
    }
}
