import Foundation
import ResponderCore
import Testing

@testable import ResponderStore

/// The dashboard made from message records with known figures, checked against a computation
/// of its own.
@Suite("Dashboard")
struct DashboardTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    /// 2026-11-02 00:00 in Shanghai, a Monday.
    static let start = at("2026-11-01T16:00:00Z")

    /// A message on `day` (0-based) at 10:00 plus `minute`.
    static func record(
        day: Int, minute: Int = 0, channel: String = "chat", decision: Decision = .answer, escalated: Bool = false,
        group: String? = nil, waitedMinutes: Double? = nil, agent: String? = nil, rating: Int? = nil,
        resolved: Bool = false, id: Int64 = 0
    ) -> MessageRecord {
        let received = start.addingTimeInterval(Double(day) * 86400 + 36000 + Double(minute) * 60)
        let human = escalated && decision != .answer
        return MessageRecord(
            ledgerID: id, receivedAt: received, conversation: "c\(day)-\(minute)", channel: channel,
            decision: decision, joined: false, intent: decision == .answer ? "faq-\(minute % 3)" : nil,
            latencyMicroseconds: 800, workOrder: escalated ? WorkOrderID(Int64(day * 100 + minute + 1)) : nil,
            opened: escalated, group: group, routingReason: group.map { _ in "group-rules" },
            status: escalated ? (resolved ? .resolved : waitedMinutes == nil ? .open : .responded) : nil,
            slaDue: escalated ? received.addingTimeInterval(3600) : nil,
            responseSeconds: human ? waitedMinutes.map { $0 * 60 } : 0.0008, responder: human ? agent : nil,
            rating: rating, firstAgentReplySeconds: escalated ? waitedMinutes.map { $0 * 60 } : nil, text: nil)
    }

    /// Ten days: each with four answers and two escalations answered in 10 and 20 minutes, but
    /// day 6, whose escalations waited 300 and 400 minutes, in group `billing` on `phone`.
    static func tenDays() -> [MessageRecord] {
        var records: [MessageRecord] = []
        for day in 0..<10 {
            for minute in 0..<4 { records.append(record(day: day, minute: minute, rating: minute == 0 ? 5 : nil)) }
            let bad = day == 6
            records.append(
                record(
                    day: day, minute: 10, channel: bad ? "phone" : "chat", decision: .escalate, escalated: true,
                    group: bad ? "billing" : "general", waitedMinutes: bad ? 300 : 10, agent: "zoe",
                    rating: bad ? 1 : 4,
                    resolved: true))
            records.append(
                record(
                    day: day, minute: 11, decision: .escalate, escalated: true, group: bad ? "billing" : "general",
                    waitedMinutes: bad ? 400 : 20, agent: "adam"))
        }
        return records
    }

    static func dashboard(_ records: [MessageRecord], granularity: Dashboard.Granularity = .day) -> Dashboard {
        let empty = Report.empty
        return Dashboard(
            records: records, from: start, to: start.addingTimeInterval(10 * 86400),
            previousFrom: start.addingTimeInterval(-10 * 86400), current: empty, previous: empty,
            granularity: granularity, timeZone: zone, bucketBounds: [60, 300], showAgents: false,
            now: start.addingTimeInterval(11 * 86400))
    }

    @Test("a record keeps what it was made with, and stays small: a report holds a million")
    func recordsAreCompact() {
        let made = Self.record(
            day: 2, minute: 10, decision: .escalate, escalated: true, group: "billing", waitedMinutes: 12,
            agent: "zoe", rating: 2, resolved: true, id: 7)
        #expect(made.group == "billing" && made.routingReason == "group-rules" && made.status == .resolved)
        #expect(made.firstAgentReplySeconds == 720 && made.responseSeconds == 720 && made.rating == 2)
        #expect(made.workOrder == WorkOrderID(211) && made.waitsForAgent && !made.isAutomated)
        var edited = made
        edited.text = "my card was charged twice"
        #expect(edited.text == "my card was charged twice" && edited.conversation == "c2-10")
        #expect(edited != made && made.text == nil)
        let answered = Self.record(day: 0)
        #expect(answered.workOrder == nil && answered.rating == nil && answered.group == nil && answered.isAutomated)
        // Strings for the work order's facts or the texts would take it past 128 bytes.
        #expect(MemoryLayout<MessageRecord>.stride <= 128)
    }

    @Test("one point a day with its counts and human first responses, no gaps")
    func dailyPoints() {
        let dashboard = Self.dashboard(Self.tenDays())
        #expect(dashboard.points.count == 10)
        #expect(dashboard.points.allSatisfy { $0.messages == 6 && $0.automated == 4 && $0.escalated == 2 })
        #expect(dashboard.points[0].automationRate == 4.0 / 6)
        #expect(dashboard.points[0].humanFirstResponseMean == 15)
        #expect(dashboard.points[6].humanFirstResponseMean == 350)
        #expect(dashboard.points[6].humanFirstResponseP90 == 400)
        #expect(dashboard.points[6].slaMissed == 2 && dashboard.points[0].slaMet == 2)
        #expect(dashboard.points[0].csat == 4.5)
    }

    @Test("the injected bad day, and only it, is anomalous, driven by its group and channel")
    func anomalies() throws {
        let dashboard = Self.dashboard(Self.tenDays())
        #expect(dashboard.points.map(\.isAnomalous) == (0..<10).map { $0 == 6 })
        let anomaly = try #require(dashboard.anomalies.first)
        #expect(dashboard.anomalies.count == 1)
        #expect(anomaly.start == Self.start.addingTimeInterval(6 * 86400))
        #expect(anomaly.meanMinutes == 350 && anomaly.typicalMinutes == 15)
        #expect(anomaly.drivers.contains { $0.hasPrefix("group billing: 2 of 2 escalations") })
        #expect(anomaly.drivers.contains { $0.hasPrefix("channel") })
    }

    @Test("a period of ordinary variation has no anomaly")
    func noFalseAlarm() {
        let steady = (0..<10).flatMap { day in
            [10.0, 14, 18, 25, 31].enumerated().map { index, minutes in
                Self.record(
                    day: day, minute: 20 + index, decision: .escalate, escalated: true, group: "general",
                    waitedMinutes: minutes + Double(day % 3) * 4, agent: "zoe")
            }
        }
        #expect(Self.dashboard(steady).anomalies.isEmpty)
    }

    @Test("weeks start on Monday in the desk's zone")
    func weekly() {
        let dashboard = Self.dashboard(Self.tenDays(), granularity: .week)
        #expect(dashboard.points.count == 2)
        #expect(dashboard.points.map(\.messages) == [42, 18])
    }

    @Test("breakdowns count, time and rate each key; agents are pseudonymised in order of name")
    func breakdowns() throws {
        let dashboard = Self.dashboard(Self.tenDays())
        let billing = try #require(dashboard.byGroup.first { $0.key == "billing" })
        #expect(billing.count == 2 && billing.firstResponse.mean == 350 && billing.maxMinutes == 400)
        #expect(billing.resolutionRate == 0.5 && billing.csat == 1)
        #expect(dashboard.byChannel.map(\.key) == ["chat", "phone"])
        #expect(dashboard.byAgent.map(\.key).sorted() == ["agent 1", "agent 2"], "adam, zoe")
        let adam = try #require(dashboard.byAgent.first { $0.key == "agent 1" })
        #expect(adam.count == 10 && adam.firstResponse.mean == (9 * 20 + 400) / 10)
        #expect(dashboard.byProblemType.contains { $0.key == "general (group-rules)" && $0.count == 18 })
    }

    @Test("first responses split bot and human by bucket")
    func distribution() {
        let dashboard = Self.dashboard(Self.tenDays())
        #expect(dashboard.distribution.map(\.bot) == [40, 0, 0])
        #expect(dashboard.distribution.map(\.human) == [0, 0, 20])
    }

    @Test("the cases worth reading: slow and unsatisfied, and the longest waits")
    func cases() {
        let dashboard = Self.dashboard(Self.tenDays())
        #expect(dashboard.slowUnsatisfied.map(\.record.rating) == [1])
        #expect(dashboard.fastUnsatisfied.isEmpty)
        #expect(dashboard.longestWaits.first?.waitedMinutes == 400)
        #expect(dashboard.longestWaits.count == 10)
    }
}

extension Report {
    /// A report of nothing.
    static var empty: Report {
        Report(
            from: nil, to: nil, messages: 0, automated: 0, clarified: 0, escalated: 0, joined: 0,
            automationRate: nil, botResponseMs: Summary([]), humanFirstResponseMinutes: Summary([]),
            humanFirstResponseBusinessMinutes: Summary([]), resolutionMinutes: Summary([]),
            firstResponseMinutes: Summary([]), awaitingFirstResponse: 0, responseMinutes: Summary([]),
            humanResponseMinutes: Summary([]), awaitingResponse: 0, sla: [], buckets: [],
            csat: .init(count: 0, mean: nil),
            byChannel: [], byGroup: [])
    }
}
