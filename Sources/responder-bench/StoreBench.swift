import Foundation
import ResponderCore
import ResponderStore

/// Measures the store: escalations per second with durable commits (one transaction each, synced),
/// ledger rows per second in group commits, and the report's time over a ledger of `--rows` rows.
func runStoreBench(_ arguments: [String]) throws {
    var arguments = arguments
    var escalations = 3000
    var rows = 1_000_000
    var folder = FileManager.default.temporaryDirectory.appendingPathComponent("responder-bench-\(getpid())").path
    var keep = false
    var ledger: String?
    while !arguments.isEmpty {
        let argument = arguments.removeFirst()
        if argument == "--keep" {
            keep = true
            continue
        }
        let value = arguments.isEmpty ? "" : arguments.removeFirst()
        switch argument {
        case "--escalations": escalations = Int(value) ?? escalations
        case "--rows": rows = Int(value) ?? rows
        case "--dir": folder = value
        case "--ledger": ledger = value
        default:
            throw BenchError(
                description:
                    "usage: responder-bench store [--escalations N] [--rows N] [--dir DIR] [--keep] [--ledger FILE]")
        }
    }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { if !keep { try? FileManager.default.removeItem(atPath: folder) } }
    let calendar = BusinessCalendar(
        timeZone: "Asia/Shanghai", hours: .officeHours, holidays: [])!
    var random = SplitMix(seed: 42)

    // 1. Escalations, each its own durable (synced) transaction, as `ask` and `serve` commit them.
    let durable = try Store(path: folder + "/escalations.sqlite")
    var commitTimes: [Double] = []
    let escalationStart = monotonicNanoseconds()
    for index in 0..<escalations {
        let message = benchMessage(index, at: Date(), escalate: true, calendar: calendar, random: &random)
        let start = monotonicNanoseconds()
        try durable.record(message)
        commitTimes.append(Double(monotonicNanoseconds() - start) / 1e3)
    }
    let escalationWall = Double(monotonicNanoseconds() - escalationStart) / 1e9
    commitTimes.sort()

    // 2. Answered messages in group commits of 100 (how `serve` writes the ledger).
    let groupCount = max(1, escalations / 100) * 100
    let groupStart = monotonicNanoseconds()
    for batch in stride(from: 0, to: groupCount, by: 100) {
        try durable.record(
            (batch..<batch + 100).map {
                benchMessage($0, at: Date(), escalate: false, calendar: calendar, random: &random)
            })
    }
    let groupWall = Double(monotonicNanoseconds() - groupStart) / 1e9

    // 3. A ledger of `rows` rows: 85% customer messages (a quarter escalated), the rest agent replies;
    // or, with --ledger, one generated earlier (--keep).
    let bulk = try Store(path: ledger ?? folder + "/ledger.sqlite", durability: .processCrash)
    let customerRows = ledger == nil ? rows * 85 / 100 : 0
    let generationStart = monotonicNanoseconds()
    let periodStart = Date(timeIntervalSince1970: 1_790_000_000)
    var escalated: [(WorkOrderID, Date)] = []
    for batch in stride(from: 0, to: customerRows, by: 5000) {
        let messages = (batch..<min(customerRows, batch + 5000)).map { index in
            benchMessage(
                index, at: periodStart.addingTimeInterval(Double(index) * 30 * 86400 / Double(customerRows)),
                escalate: random.next() % 4 == 0, calendar: calendar, random: &random)
        }
        for recorded in try bulk.record(messages) {
            if let workOrder = recorded.workOrder { escalated.append((workOrder.id, workOrder.createdAt)) }
        }
    }
    var replies = 0
    for (index, (id, created)) in escalated.enumerated() where replies < rows - customerRows {
        try bulk.reply(
            to: id, agent: "agent-\(index % 20)", text: "reply",
            at: created.addingTimeInterval(Double(60 + random.next() % 36_000)))
        replies += 1
        if index % 3 == 0 { try bulk.resolve(id, at: created.addingTimeInterval(40_000)) }
        if index % 5 == 0 { try bulk.rate(.workOrder(id), score: Int(1 + random.next() % 5)) }
    }
    let generationWall = Double(monotonicNanoseconds() - generationStart) / 1e9
    var reportTimes: [Double] = []
    var report: Report?
    for _ in 0..<3 {
        let start = monotonicNanoseconds()
        report = try bulk.report(ReportOptions(calendar: calendar))
        reportTimes.append(Double(monotonicNanoseconds() - start) / 1e6)
    }
    reportTimes.sort()
    // The dashboard over the same ledger: the records, the two periods' reports, the trend,
    // breakdowns and cases.
    var dashboardTimes: [Double] = []
    var recordTimes: [Double] = []
    let periodEnd = periodStart.addingTimeInterval(31 * 86400)
    for _ in 0..<3 {
        let start = monotonicNanoseconds()
        let options = ReportOptions(from: periodStart, to: periodEnd, calendar: calendar)
        var previousOptions = options
        previousOptions.from = periodStart.addingTimeInterval(-31 * 86400)
        previousOptions.to = periodStart
        let data = try bulk.reportData([options, previousOptions])
        recordTimes.append(Double(monotonicNanoseconds() - start) / 1e6)
        _ = Dashboard(current: data[0], previous: data[1], granularity: .day, timeZone: .gmt, showAgents: false)
        dashboardTimes.append(Double(monotonicNanoseconds() - start) / 1e6)
    }
    dashboardTimes.sort()
    let size = (try? FileManager.default.attributesOfItem(atPath: bulk.path)[.size] as? Int) ?? 0

    print("| measure                                        | value         |")
    print("|------------------------------------------------|---------------|")
    print(
        "| escalations, one synced commit each            | \(String(format: "%9.0f /s", Double(escalations) / escalationWall)) |"
    )
    print(
        "|   commit median                                | \(String(format: "%9.3f ms", percentile(commitTimes, 0.5) / 1000)) |"
    )
    print(
        "|   commit p99                                   | \(String(format: "%9.3f ms", percentile(commitTimes, 0.99) / 1000)) |"
    )
    print(
        "| answered messages, group commits of 100        | \(String(format: "%9.0f /s", Double(groupCount) / groupWall)) |"
    )
    print(
        "| ledger rows generated                          | \(String(format: "%9.1f s", generationWall)) |")
    print("|   rows                                         | \(String(format: "%12d", customerRows + replies)) |")
    print("|   work orders                                  | \(String(format: "%12d", escalated.count)) |")
    print(
        "|   file size                                    | \(String(format: "%9.1f MiB", Double(size) / 1_048_576)) |")
    print(
        "| report over the ledger, median of 3            | \(String(format: "%9.1f ms", percentile(reportTimes, 0.5))) |"
    )
    print("| report, worst                                  | \(String(format: "%9.1f ms", reportTimes.last ?? 0)) |")
    print(
        "| dashboard (HTML report's figures), median of 3 | \(String(format: "%9.1f ms", percentile(dashboardTimes, 0.5))) |"
    )
    print(
        "|   of which reading (one snapshot)              | \(String(format: "%9.1f ms", percentile(recordTimes, 0.5))) |"
    )
    print(
        "| peak memory (RSS)                              | \(String(format: "%9.1f MiB", Double(peakResidentKiB()) / 1024)) |"
    )
    if let report, ledger == nil, report.messages != customerRows {
        throw BenchError(description: "report counted \(report.messages) messages, expected \(customerRows)")
    }
}

/// A handled message for the benchmark; escalated ones get a routing and an SLA like the engine's.
private func benchMessage(
    _ index: Int, at time: Date, escalate: Bool, calendar: BusinessCalendar, random: inout SplitMix
) -> HandledMessage {
    let groups = ["billing", "technical", "logistics", "account", "general"]
    let group = groups[index % groups.count]
    return HandledMessage(
        conversation: "bench-\(index)", channel: index % 7 == 0 ? "email" : "chat",
        text: "benchmark message \(index) about my order", locale: "en", receivedAt: time,
        latencyMicroseconds: Int(2_000 + random.next() % 18_000), decision: escalate ? .escalate : .answer,
        intent: "intent-\(index % 150)", confidence: 0.4,
        candidates: [CandidateScore(intent: "intent-\(index % 150)", confidence: 0.4)], knowledgeBaseVersion: "bench",
        escalation: escalate
            ? Escalation(
                routing: Routing(group: group, priority: .normal, reason: .groupRules),
                slaDue: calendar.due(after: time, businessSeconds: 4 * 3600)) : nil)
}
