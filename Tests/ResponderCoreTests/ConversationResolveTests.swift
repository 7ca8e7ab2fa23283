import Foundation
import ResponderCore
import Testing

/// `Triage.resolve`: what a conversation's history makes of a message, on a small base whose
/// twin entries make "refund my order" a clarification between them.
@Suite("Conversations: clarification answers, handoff, repeated failure")
struct ConversationResolveTests {
    static let received = Date(timeIntervalSince1970: 1_795_000_000)

    /// The base, with `conversation` as its settings' `conversation:` block.
    static func triage(_ conversation: String = "") throws -> Triage {
        try withTemporaryBase([
            "settings.yaml": "locales: [en, zh]\nanswer_threshold: 0.3\nambiguity_margin: 0.3\n" + conversation,
            "groups.yaml": """
            default_group: general
            groups:
              - id: general
                first_response: 4h
            priority_rules:
              - priority: urgent
                keywords: [fraud]
            """,
            "faq/entries.yaml": """
            entries:
              - id: refund-card
                escalate: general
                answer:
                  en: Card refunds take 5 days.
                  zh: 银行卡退款需要5天。
                questions:
                  en: [refund my order to my card, card refund]
                  zh: [退款到银行卡]
              - id: refund-wallet
                answer:
                  en: Wallet refunds are instant.
                  zh: 钱包退款即时到账。
                questions:
                  en: [refund my order to my wallet, wallet refund]
                  zh: [退款到钱包]
              - id: opening-hours
                answer: We open at nine.
                questions: [when do you open, opening hours]
            """,
        ]) { base in Triage(responder: AutoResponder(base: try base.load().requireValid())) }
    }

    /// A clarification offering the two refund entries, `secondsAgo` before `received`.
    static func clarification(
        secondsAgo: TimeInterval = 60, locale: String = "en", text: String = "refund my order"
    ) -> ConversationContext.BotTurn {
        ConversationContext.BotTurn(
            decision: .clarify,
            options: [
                ("refund-card", "refund my order to my card"), ("refund-wallet", "refund my order to my wallet"),
            ],
            locale: locale, at: received.addingTimeInterval(-secondsAgo), text: text)
    }

    func resolve(_ text: String, _ triage: Triage, _ context: ConversationContext) -> TriageOutcome {
        let alone = triage.handle(text, channel: "chat", receivedAt: Self.received)
        return triage.resolve(alone, text: text, channel: "chat", receivedAt: Self.received, in: context)
    }

    @Test("the clarification is ambiguous to begin with")
    func theTwinsClarify() throws {
        let outcome = resolve("refund my order", try Self.triage(), .new)
        #expect(outcome.reply.decision == .clarify)
        #expect(Set(outcome.reply.options.map(\.intent)) == ["refund-card", "refund-wallet"])
        #expect(outcome.turn == .matched)
    }

    @Test("a number, a position or the option's words answer with that option's entry")
    func picks() throws {
        let triage = try Self.triage()
        let context = ConversationContext(lastTurn: Self.clarification())
        for (text, intent, pick) in [
            ("2", "refund-wallet", OptionPick.number), ("the first one", "refund-card", .number),
            ("第二个", "refund-wallet", .number), ("to my wallet please", "refund-wallet", .words),
        ] {
            let outcome = resolve(text, triage, context)
            #expect(outcome.reply.decision == .answer, "\(text)")
            #expect(outcome.reply.intent == intent, "\(text)")
            #expect(outcome.reply.confidence == 1, "the customer chose it")
            #expect(outcome.reply.match.candidates.map(\.intent) == [intent], "the chosen entry is the one candidate")
            guard case .picked(_, let by) = outcome.turn else {
                Issue.record("\(text): \(outcome.turn)")
                continue
            }
            #expect(by == pick, "\(text)")
        }
    }

    @Test("a bare number is answered in the clarification's locale; words in their own")
    func pickLocale() throws {
        let triage = try Self.triage()
        let chinese = ConversationContext(lastTurn: Self.clarification(locale: "zh"))
        #expect(resolve("1", triage, chinese).reply.answer == "银行卡退款需要5天。")
        #expect(resolve("第一个", triage, ConversationContext(lastTurn: Self.clarification())).reply.locale == "zh")
    }

    @Test("outside the window, or a new question, is matched as a new message")
    func notAPick() throws {
        let triage = try Self.triage()
        let late = resolve("2", triage, ConversationContext(lastTurn: Self.clarification(secondsAgo: 601)))
        #expect(late.turn == .matched)
        #expect(late.reply.intent != "refund-wallet")
        let other = resolve("when do you open", triage, ConversationContext(lastTurn: Self.clarification()))
        #expect(other.turn == .matched)
        #expect(other.reply.intent == "opening-hours")
        // A position that is not there is no pick, and not words to weigh either.
        #expect(resolve("option 3", triage, ConversationContext(lastTurn: Self.clarification())).turn == .matched)
        // Words that fit both options alike pick neither.
        let both = resolve("refund my order", triage, ConversationContext(lastTurn: Self.clarification()))
        #expect(both.turn != .picked(option: 0, by: .words) && both.turn != .picked(option: 1, by: .words))
    }

    @Test("the window is the base's own")
    func windowFromSettings() throws {
        let triage = try Self.triage("conversation:\n  clarify_window: 30s\n")
        #expect(
            resolve("2", triage, ConversationContext(lastTurn: Self.clarification(secondsAgo: 31))).turn == .matched)
        #expect(
            resolve("2", triage, ConversationContext(lastTurn: Self.clarification(secondsAgo: 29))).turn
                == .picked(option: 1, by: .number))
    }

    @Test("with an open work order, a message joins it: no answer, an acknowledgement, priority raised")
    func joins() throws {
        let triage = try Self.triage()
        let open = ConversationContext(openWorkOrder: .init(id: "WO-000007", priority: .normal))
        let outcome = resolve("when do you open", triage, open)
        #expect(outcome.reply.decision == .handoff)
        #expect(outcome.reply.answer == nil && outcome.reply.intent == nil)
        #expect(outcome.turn == .joined)
        #expect(outcome.escalation == nil, "no second work order")
        #expect(outcome.acknowledgement?.contains("WO-000007") == true)
        #expect(outcome.raisedPriority == nil)
        #expect(resolve("this is fraud", triage, open).raisedPriority == .urgent)
        let urgent = ConversationContext(openWorkOrder: .init(id: "WO-000007", priority: .urgent))
        #expect(resolve("this is fraud", triage, urgent).raisedPriority == nil, "never lowered, never the same")
        #expect(resolve("我的退款呢", triage, open).acknowledgement?.contains("工单 WO-000007") == true)
    }

    @Test("the acknowledgement is the base's, in the customer's locale, or none")
    func acknowledgementSettings() throws {
        let open = ConversationContext(openWorkOrder: .init(id: "WO-000001", priority: .normal))
        let custom = try Self.triage(
            "conversation:\n  acknowledgement:\n    en: \"Noted ({work_order}).\"\n    zh: \"已记录（{work_order}）。\"\n")
        #expect(resolve("hello?", custom, open).acknowledgement == "Noted (WO-000001).")
        #expect(resolve("还在吗", custom, open).acknowledgement == "已记录（WO-000001）。")
        let silent = try Self.triage("conversation:\n  acknowledgement: none\n")
        let outcome = resolve("hello?", silent, open)
        #expect(outcome.turn == .joined && outcome.acknowledgement == nil)
    }

    @Test("a pick answers the clarification even while a work order is open, without opening another")
    func pickWhileHandedOff() throws {
        let context = ConversationContext(
            openWorkOrder: .init(id: "WO-000002", priority: .normal), lastTurn: Self.clarification())
        let outcome = resolve("1", try Self.triage(), context)
        #expect(outcome.reply.decision == .answer && outcome.turn == .picked(option: 0, by: .number))
        #expect(outcome.reply.intent == "refund-card")
        #expect(outcome.escalation == nil, "the open work order is the conversation's one")
    }

    @Test("a pick of an entry that escalates opens a work order about the question clarified, not about \"1\"")
    func pickOpensAWorkOrder() throws {
        let turn = Self.clarification(text: "this is fraud, refund my order")
        let outcome = resolve("1", try Self.triage(), ConversationContext(lastTurn: turn))
        let escalation = try #require(outcome.escalation)
        #expect(escalation.subject == "this is fraud, refund my order (chose: refund my order to my card)")
        #expect(escalation.routing.priority == .urgent, "the clarified message's words set the priority")
        #expect(escalation.routing.group == "general")
    }

    @Test("a pick of an entry no longer in the base falls through to the conversation's other rules")
    func pickOfARemovedEntry() throws {
        var turn = Self.clarification()
        turn.options = [("removed-entry", "gone"), ("refund-wallet", "refund my order to my wallet")]
        let open = ConversationContext(openWorkOrder: .init(id: "WO-000003", priority: .normal), lastTurn: turn)
        let outcome = resolve("1", try Self.triage(), open)
        #expect(outcome.turn == .joined, "joins the open work order instead of answering")
    }

    @Test("the second clarification in a row hands off; handoff_after sets how many, 0 never")
    func repeatedFailure() throws {
        let triage = try Self.triage()
        let first = resolve("refund my order", triage, .new)
        #expect(first.reply.decision == .clarify && first.escalation == nil)
        let second = resolve("refund my order", triage, ConversationContext(failures: 1))
        #expect(second.reply.decision == .handoff)
        #expect(second.turn == .handedOff(failures: 2))
        #expect(second.escalation?.routing.group == "general")
        let patient = try Self.triage("conversation:\n  handoff_after: 3\n")
        #expect(resolve("refund my order", patient, ConversationContext(failures: 1)).reply.decision == .clarify)
        #expect(resolve("refund my order", patient, ConversationContext(failures: 2)).reply.decision == .handoff)
        let never = try Self.triage("conversation:\n  handoff_after: 0\n")
        #expect(resolve("refund my order", never, ConversationContext(failures: 9)).reply.decision == .clarify)
    }

    @Test("conversation settings with bad values are diagnosed where they are")
    func badSettings() throws {
        try withTemporaryBase([
            "settings.yaml": "conversation:\n  clarify_window: soon\n  handoff_after: -1\n  typo: 1\n",
            "faq/a.yaml": "entries:\n  - id: a\n    answer: A\n    questions: [a question]\n",
        ]) { base in
            let diagnostics = try base.load().diagnostics
            #expect(diagnostics.contains { $0.message.contains("clarify_window 'soon'") && $0.location.line == 2 })
            #expect(diagnostics.contains { $0.message.contains("handoff_after") && $0.location.line == 3 })
            #expect(diagnostics.contains { $0.message.contains("typo") })
        }
        try withTemporaryBase([
            "settings.yaml": "locales: [en, zh]\nconversation:\n  acknowledgement:\n    fr: \"Merci\"\n",
            "faq/a.yaml": "entries:\n  - id: a\n    answer: A\n    questions: [a question]\n",
        ]) { base in
            let unknown = try #require(try base.load().diagnostics.first { $0.message.contains("'fr'") })
            #expect(unknown.severity == .error && unknown.location.line == 4)
        }
    }
}
