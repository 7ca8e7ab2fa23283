import Foundation
import ResponderCore
import Testing

@testable import ResponderStore

/// A small ledger whose every figure was worked out by hand (UTC, Mon-Fri 09:00-18:00;
/// 2026-11-23 is a Monday).
///
///     msg  received     latency  decision  work order  group       due    agent reply  resolved
///     m1   Mon 10:00     2 ms    answer
///     m2   Mon 10:05     4 ms    answer
///     m3   Mon 10:10     6 ms    clarify
///     m4   Mon 10:20     8 ms    escalate  a           billing     10:50  10:30 (10m)  11:20
///     m5   Mon 17:50    10 ms    escalate  b (email)   general     Tue 09:20  Tue 09:10 (920m; 20m business)
///     m6   Mon 11:00    12 ms    escalate  c           billing     11:30  none (breached at 12:00;
///                                                                     waited 60 min at 12:00: "> 5 min")
///     m7   Mon 11:05    14 ms    answer    d           complaints  11:35  11:08 (3m)
///     m8   Mon 13:00    16 ms    escalate  e           technical   13:30  13:02 (2m)
///     t1   Mon 10:00    test traffic (escalated, replied, rated): never counted
///     late Wed 10:00    outside the period
@Suite("Report figures on a hand-computed ledger")
struct ReportTests {
    let temporary: TemporaryStore
    let report: Report

    init() throws {
        temporary = try TemporaryStore()
        let store = temporary.store
        try store.record(message("m1", at: "2026-11-23T10:00:00Z", latencyMs: 2, decision: .answer))
        try store.record(message("m2", at: "2026-11-23T10:05:00Z", latencyMs: 4, decision: .answer))
        try store.record(message("m3", at: "2026-11-23T10:10:00Z", latencyMs: 6, decision: .clarify))
        let a = try #require(
            try store.record(
                message("m4", at: "2026-11-23T10:20:00Z", latencyMs: 8, group: "billing", due: "2026-11-23T10:50:00Z")
            ).workOrder?.id)
        let b = try #require(
            try store.record(
                message(
                    "m5", at: "2026-11-23T17:50:00Z", latencyMs: 10, group: "general", due: "2026-11-24T09:20:00Z",
                    channel: "email")
            ).workOrder?.id)
        try store.record(
            message("m6", at: "2026-11-23T11:00:00Z", latencyMs: 12, group: "billing", due: "2026-11-23T11:30:00Z"))
        let d = try #require(
            try store.record(
                message(
                    "m7", at: "2026-11-23T11:05:00Z", latencyMs: 14, decision: .answer, group: "complaints",
                    due: "2026-11-23T11:35:00Z")
            ).workOrder?.id)
        let e = try #require(
            try store.record(
                message(
                    "m8", at: "2026-11-23T13:00:00Z", latencyMs: 16, group: "technical", due: "2026-11-23T13:30:00Z")
            ).workOrder?.id)
        let t = try #require(
            try store.record(
                message(
                    "t1", at: "2026-11-23T10:00:00Z", latencyMs: 900, group: "billing", due: "2026-11-23T10:30:00Z",
                    test: true)
            ).workOrder?.id)
        try store.record(message("late", at: "2026-11-25T10:00:00Z", latencyMs: 1000, decision: .answer))

        try store.reply(to: a, agent: "ann", text: "Looking", at: at("2026-11-23T10:30:00Z"))
        try store.reply(to: a, agent: "ann", text: "Fixed", at: at("2026-11-23T11:00:00Z"))
        try store.resolve(a, at: at("2026-11-23T11:20:00Z"))
        try store.reply(to: b, agent: "bo", text: "Hello", at: at("2026-11-24T09:10:00Z"))
        try store.reply(to: d, agent: "cy", text: "Sorry", at: at("2026-11-23T11:08:00Z"))
        try store.reply(to: e, agent: "di", text: "Try again", at: at("2026-11-23T13:02:00Z"))
        try store.reply(to: t, agent: "ann", text: "test", at: at("2026-11-23T12:00:00Z"))

        try store.rate(.conversation("m1"), score: 5)
        try store.rate(.conversation("m2"), score: 3)
        try store.rate(.conversation("m2"), score: 4)  // replaces the 3
        try store.rate(.workOrder(e), score: 4)
        try store.rate(.workOrder(a), score: 2)
        try store.rate(.workOrder(t), score: 1)  // test traffic

        let calendar = try #require(BusinessCalendar(timeZone: "UTC", hours: .officeHours, holidays: []))
        report = try store.report(
            ReportOptions(
                from: at("2026-11-23T00:00:00Z"), to: at("2026-11-25T00:00:00Z"), calendar: calendar,
                groupOrder: ["billing", "technical", "general", "complaints"], now: at("2026-11-23T12:00:00Z")))
    }

    /// Outside a batch a period is read in two halves on two connections, one snapshot; inside
    /// one (as `serve` reads), on the batch's connection. Both give the same records and figures,
    /// also when the halves split a work order from its follow-ups and replies.
    @Test("The report read on two cores equals the report read on one")
    func twoCoresReadWhatOneReads() throws {
        let store = temporary.store
        let calendar = try #require(BusinessCalendar(timeZone: "UTC", hours: .officeHours, holidays: []))
        let periods = [
            ReportOptions(
                from: at("2026-11-23T10:00:00Z"), to: at("2026-11-23T13:30:00Z"), calendar: calendar,
                now: at("2026-11-23T12:00:00Z")),
            ReportOptions(calendar: calendar, now: at("2026-11-23T12:00:00Z")),
        ]
        let concurrent = try store.reportData(periods)
        var serial: [ReportData] = []
        try store.batch { serial = (try? store.reportData(periods)) ?? [] }
        #expect(serial.count == 2)
        for (two, one) in zip(concurrent, serial) {
            #expect(two.records == one.records)
            #expect(two.records.map(\.receivedAt) == two.records.map(\.receivedAt).sorted())
            #expect(two.report() == one.report())
        }
        #expect(concurrent[0].records.count == 7, "m1-m4, m6-m8 in the morning; m5 at 17:50 is outside")

        // A period with no end that begins after the last message has nothing to split: none.
        let after = try store.report(ReportOptions(from: at("2026-11-26T00:00:00Z"), calendar: calendar))
        #expect(after.messages == 0)
        #expect(after.awaitingResponse == 0)
    }

    @Test("Messages, automation rate and bot response times")
    func messagesAndBot() {
        #expect(report.messages == 8)
        #expect(report.automated == 2)
        #expect(report.clarified == 1)
        #expect(report.escalated == 5)
        #expect(report.automationRate == 0.25)
        #expect(report.botResponseMs.count == 8)
        #expect(report.botResponseMs.mean == 9)
        #expect(report.botResponseMs.p50 == 8)
        #expect(report.botResponseMs.p90 == 16)
        #expect(report.botResponseMs.p99 == 16)
    }

    @Test("Human first response, in calendar and business minutes, and resolution")
    func humanTimes() {
        #expect(report.humanFirstResponseMinutes.count == 4)
        #expect(report.humanFirstResponseMinutes.mean == 233.75)
        #expect(report.humanFirstResponseMinutes.p50 == 3)
        #expect(report.humanFirstResponseMinutes.p90 == 920)
        #expect(report.humanFirstResponseBusinessMinutes.mean == 8.75)
        #expect(report.humanFirstResponseBusinessMinutes.p50 == 3)
        #expect(report.humanFirstResponseBusinessMinutes.p90 == 20)
        #expect(report.resolutionMinutes.count == 1)
        #expect(report.resolutionMinutes.mean == 60)
        #expect(report.awaitingFirstResponse == 1)
    }

    @Test("SLA attainment per group, with the unanswered overdue work order breached")
    func sla() {
        #expect(report.sla.map(\.group) == ["billing", "technical", "general", "complaints"])
        let billing = report.sla[0]
        #expect((billing.met, billing.breached, billing.pending) == (1, 1, 0))
        #expect(billing.attainment == 0.5)
        #expect(report.sla.dropFirst().allSatisfy { $0.attainment == 1 })
    }

    @Test("Buckets: bot-first messages by latency, escalations by their first agent reply; CSAT per bucket")
    func buckets() {
        #expect(report.buckets.map(\.label) == ["<= 1 min", "1-5 min", "> 5 min"])
        #expect(report.buckets.map(\.count) == [4, 1, 3], "m6 has waited an hour: it can only land in > 5 min")
        #expect(report.buckets.map(\.ratings) == [2, 1, 1])
        #expect(report.buckets.map(\.meanCSAT) == [4.5, 4, 2])
        #expect(report.csat.count == 4)
        #expect(report.csat.mean == 3.75)
    }

    @Test("Blended first response against the all-human counterfactual")
    func automationImpact() {
        // Bot-first: 2, 4, 6, 14 ms; escalations: 600 s, 55,200 s, 120 s.
        let blended = (0.002 + 0.004 + 0.006 + 0.014 + 600 + 55_200 + 120) / 7 / 60
        #expect(report.firstResponseMinutes.count == 7)
        #expect(abs((report.automationImpact.blendedMeanMinutes ?? 0) - blended) < 1e-9)
        #expect(report.automationImpact.allHumanMeanMinutes == 233.75)
    }

    @Test("Breakdowns by channel and by group")
    func breakdowns() {
        #expect(report.byChannel.map(\.channel) == ["chat", "email"])
        #expect(report.byChannel[0].messages == 7)
        #expect(report.byChannel[0].automated == 2)
        #expect(report.byChannel[1].messages == 1)
        #expect(report.byChannel[1].humanFirstResponseMinutes.mean == 920)
        let billing = report.byGroup[0]
        #expect((billing.group, billing.workOrders, billing.responded, billing.resolved) == ("billing", 2, 1, 1))
        #expect(billing.resolutionMinutes.mean == 60)
    }

    @Test("The period bounds what counts")
    func period() throws {
        let calendar = try #require(BusinessCalendar(timeZone: "UTC", hours: .officeHours, holidays: []))
        let all = try temporary.store.report(ReportOptions(calendar: calendar))
        #expect(all.messages == 9)
        let wednesday = try temporary.store.report(
            ReportOptions(from: at("2026-11-25T00:00:00Z"), calendar: calendar))
        #expect(wednesday.messages == 1)
        #expect(wednesday.escalated == 0)
        #expect(wednesday.humanFirstResponseMinutes.mean == nil)
    }

    @Test("One rating per message: re-rating moves to the latest message; a conversation and its ticket count once")
    func ratingsCountOncePerMessage() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let escalated = try #require(
            try store.record(message("c", at: "2026-11-23T10:00:00Z", group: "billing", due: "2026-11-23T10:30:00Z"))
                .workOrder?.id)
        try store.reply(to: escalated, agent: "ann", text: "Hi", at: at("2026-11-23T10:20:00Z"))
        try store.rate(.workOrder(escalated), score: 1, at: at("2026-11-23T10:30:00Z"))
        try store.rate(.conversation("c"), score: 2, at: at("2026-11-23T10:31:00Z"))
        let calendar = try #require(BusinessCalendar(timeZone: "UTC", hours: .officeHours, holidays: []))
        let options = ReportOptions(calendar: calendar, now: at("2026-11-23T12:00:00Z"))
        var report = try store.report(options)
        #expect(report.csat.count == 1, "both ratings judge the same message")
        #expect(report.csat.mean == 2)
        #expect(report.buckets.map(\.ratings) == [0, 0, 1])

        // The customer asks again and the bot answers; rating the conversation now judges that answer.
        try store.record(message("c", at: "2026-11-23T11:00:00Z", latencyMs: 3, decision: .answer))
        try store.rate(.conversation("c"), score: 5, at: at("2026-11-23T11:01:00Z"))
        report = try store.report(options)
        #expect(report.csat.count == 2)
        #expect(report.buckets.map(\.ratings) == [1, 0, 1])
        #expect(report.buckets.map(\.meanCSAT) == [5, nil, 1])
    }

    @Test("Every work order without an agent reply awaits its first response, whatever opened it")
    func awaitingCountsEveryWorkOrder() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        try store.record(message("e", at: "2026-11-23T10:00:00Z", group: "billing"))
        try store.record(message("a", at: "2026-11-23T10:01:00Z", decision: .answer, group: "complaints"))
        try store.record(message("c", at: "2026-11-23T10:02:00Z", decision: .clarify, group: "billing"))
        let replied = try #require(
            try store.record(message("r", at: "2026-11-23T10:03:00Z", decision: .answer, group: "complaints"))
                .workOrder?.id)
        try store.reply(to: replied, agent: "ann", text: "Sorry", at: at("2026-11-23T10:04:00Z"))
        try store.record(message("t", at: "2026-11-23T10:05:00Z", decision: .answer, group: "complaints", test: true))
        try store.record(message("late", at: "2026-11-25T10:00:00Z", decision: .answer, group: "complaints"))
        let calendar = try #require(BusinessCalendar(timeZone: "UTC", hours: .officeHours, holidays: []))
        let report = try store.report(
            ReportOptions(
                from: at("2026-11-23T00:00:00Z"), to: at("2026-11-24T00:00:00Z"), calendar: calendar,
                now: at("2026-11-23T12:00:00Z")))
        #expect(report.awaitingFirstResponse == 3, "e, a and c; not r (replied), t (test) or late (outside)")
        #expect(report.escalated == 4)
        #expect(report.buckets.map(\.count) == [3, 0, 1], "the bot's replies to a, c and r; e has waited two hours")
        #expect(report.byGroup.map(\.responded) == [0, 1], "billing (e, c), complaints (a, r): by name")
    }

    @Test("A rating of a response that has not happened lands in no bucket, by any path")
    func unansweredRatingsInNoBucket() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        // A plain escalation that has waited two hours without a reply, rated by its conversation.
        try store.record(message("e", at: "2026-11-23T10:00:00Z", group: "billing"))
        try store.rate(.conversation("e"), score: 1, at: at("2026-11-23T11:00:00Z"))
        // An answer that also escalates, its work order rated before any reply (as a store written
        // before `rate` refused that may hold).
        let answered = try store.record(
            message("a", at: "2026-11-23T10:30:00Z", decision: .answer, group: "complaints"))
        let id = try #require(answered.workOrder?.id)
        try store.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO rating (target, conversation, work_order, message, score, rated_at)
                    VALUES (?, 'a', ?, ?, 2, 0)
                    """,
                arguments: ["work-order:\(id.number)", id.number, answered.ledgerID])
        }
        let calendar = try #require(BusinessCalendar(timeZone: "UTC", hours: .officeHours, holidays: []))
        let report = try store.report(ReportOptions(calendar: calendar, now: at("2026-11-23T12:00:00Z")))
        #expect(report.csat.count == 2)
        #expect(report.buckets.map(\.ratings) == [0, 0, 0])
        #expect(report.buckets.map(\.count) == [1, 0, 1], "the messages still count where their responses fell")
    }

    @Test("Nearest-rank percentiles")
    func percentiles() {
        let summary = Summary([5, 1, 4, 2, 3])
        #expect((summary.p50, summary.p90, summary.p99, summary.mean) == (3, 5, 5, 3))
        #expect(Summary([]).mean == nil)
        #expect(Summary([]).p50 == nil)
        #expect(
            ReportOptions.bucketLabels([30, 60, 300, 3600]) == [
                "<= 30 s", "30 s-1 min", "1-5 min", "5 min-1 h", "> 1 h",
            ])
    }
}
