import Foundation
import Testing

@testable import ResponderCore

@Suite("Routing escalated messages")
struct RouterTests {
    static let files = [
        "settings.yaml": """
        locales: [en, zh]
        answer_threshold: 0.9
        ambiguity_margin: 0
        time_zone: UTC
        business_hours:
          mon-fri: "09:00-18:00"
        """,
        "groups.yaml": """
        default_group: general
        groups:
          - id: billing
            first_response: 30m
            keywords: [invoice, refund, 退款]
            patterns: ['charged\\W+twice']
          - id: logistics
            first_response: 4h
            keywords: [parcel, courier, 快递]
          - id: complaints
            first_response: 30m
          - id: general
            first_response: 1d
          - id: voice
            first_response: 1h
        priority_rules:
          - priority: urgent
            keywords: [fraud, lawyer, 投诉]
          - priority: high
            keywords: [urgent]
            patterns: ['asap']
          - priority: low
            keywords: [suggestion]
        channel_rules:
          - channel: phone
            group: voice
            priority: high
          - channel: email
            priority: low
        """,
        "faq/shop.yaml": """
        group: logistics
        entries:
          - id: where-is-my-order
            answer: It is on its way.
            questions: [where is my order, when will my order arrive, track my order]
          - id: change-plan
            group: billing
            answer: Change your plan in settings.
            questions: [change my subscription plan, upgrade my plan, downgrade plan]
          - id: complaint
            answer: We are sorry; a specialist will call you.
            questions: [I want to make a complaint, complaint about service]
            escalate: complaints
          - id: hello
            answer: Hello!
            questions: [hello, hi there]
        """,
    ]

    static let triage: Triage = {
        let base = try! withTemporaryBase(files) { try $0.load().requireValid() }
        return Triage(responder: AutoResponder(base: base))
    }()

    private func route(_ text: String, channel: String? = "chat", threshold: Double? = nil) -> Routing? {
        let triage =
            threshold.map {
                Triage(
                    responder: AutoResponder(base: Self.triage.base, policy: DecisionPolicy(threshold: $0, margin: 0)))
            } ?? Self.triage
        return triage.handle(text, channel: channel, receivedAt: Date()).escalation?.routing
    }

    @Test("An entry's escalate group comes first, even over group keywords")
    func entryEscalation() throws {
        let routing = try #require(route("I want to make a complaint about the refund", threshold: 0.1))
        #expect(routing.group == "complaints")
        #expect(routing.reason == .entryEscalation)
    }

    @Test("Group keywords and patterns route, on normalised and stemmed text, in both languages")
    func groupRules() throws {
        #expect(route("Where's the INVOICE for this?")?.group == "billing")
        #expect(route("I got charged   twice!!")?.group == "billing")
        #expect(route("my refunds never came")?.group == "billing", "stemmed: refunds -> refund")
        #expect(route("我的快递到哪了")?.group == "logistics")
        #expect(route("我要退款")?.reason == .groupRules)
    }

    @Test("Routing reads the same first 4,000 characters the matcher reads, however long the message")
    func routingReadsTheCutText() throws {
        let filler = String(repeating: "aa ", count: 2_000)  // 6,000 characters
        #expect(route("invoice " + filler)?.group == "billing")
        let past = try #require(route(filler + " invoice"), "gibberish escalates")
        #expect(past.group != "billing", "a keyword past the cut is not read")
        // A message of a megabyte is cut before anything reads it whole.
        let huge = String(repeating: "aa ", count: 350_000)
        #expect(route("invoice " + huge)?.group == "billing")
    }

    @Test("A keyword matches whole words only")
    func wholeWords() {
        #expect(route("the parcels are late")?.group == "logistics")
        #expect(route("my parcelforce login broke")?.group != "logistics")
    }

    @Test("The stronger group wins; on a tie the first in groups.yaml")
    func strongestGroup() {
        #expect(route("parcel courier invoice")?.group == "logistics")
        #expect(route("parcel invoice")?.group == "billing")
    }

    @Test("Without group keywords, the best candidates' group decides")
    func candidatesGroup() throws {
        let routing = try #require(route("upgrade plan please"))
        #expect(routing.group == "billing")
        #expect(routing.reason == .candidates)
        // Confident enough to route, not to answer.
        #expect(route("where is my order now", threshold: 1)?.group == "logistics")
    }

    @Test("Then the channel rule, then the default group")
    func channelThenDefault() throws {
        let phone = try #require(route("zzz qqq", channel: "phone"))
        #expect(phone.group == "voice")
        #expect(phone.reason == .channel)
        let chat = try #require(route("zzz qqq", channel: "chat"))
        #expect(chat.group == "general")
        #expect(chat.reason == .defaultGroup)
        #expect(route("zzz qqq", channel: nil)?.group == "general")
    }

    @Test("Priority: the first matching rule; a channel's priority when none matches or when it is higher")
    func priority() {
        #expect(route("this is fraud, call my lawyer")?.priority == .urgent)
        #expect(route("我要投诉")?.priority == .urgent)
        #expect(route("need this asap")?.priority == .high)
        #expect(route("a suggestion for you")?.priority == .low)
        #expect(route("zzz qqq")?.priority == .normal)
        #expect(route("zzz qqq", channel: "phone")?.priority == .high)
        #expect(route("a suggestion for you", channel: "phone")?.priority == .high)
        #expect(route("fraud!", channel: "phone")?.priority == .urgent)
        #expect(route("zzz qqq", channel: "email")?.priority == .low)
    }

    @Test("Only escalations (and answers that escalate) get a routing, with an SLA from the group's target")
    func slaDue() throws {
        let answered = Self.triage.handle("hello", channel: "chat", receivedAt: Date())
        #expect(answered.reply.decision != .escalate || answered.escalation != nil)
        // Friday 17:50 UTC + billing's 30 minutes in Mon-Fri 09:00-18:00 -> Monday 09:20.
        let friday = try #require(ISO8601DateFormatter().date(from: "2026-11-20T17:50:00Z"))
        let outcome = Self.triage.handle("where is my invoice", channel: "chat", receivedAt: friday)
        let escalation = try #require(outcome.escalation)
        #expect(escalation.routing.group == "billing")
        #expect(escalation.slaDue == ISO8601DateFormatter().date(from: "2026-11-23T09:20:00Z"))
    }

    @Test("An FAQ file's group applies to its entries unless an entry names its own")
    func entryGroups() throws {
        let base = Self.triage.base
        #expect(base.entry("where-is-my-order")?.group == "logistics")
        #expect(base.entry("change-plan")?.group == "billing")
    }

    @Test("Unknown groups in an FAQ file are errors with a suggestion")
    func unknownGroup() throws {
        var files = Self.files
        files["faq/shop.yaml"] = files["faq/shop.yaml"]!.replacingOccurrences(
            of: "group: logistics", with: "group: logistic")
        let result = try withTemporaryBase(files) { try $0.load() }
        let found = diagnostics(result, rule: "unknown-group")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("did you mean 'logistics'") == true)
        #expect(found.first?.location.line == 1)
    }
}
