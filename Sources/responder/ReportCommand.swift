import ArgumentParser
import Foundation
import JSONRPC
import ResponderCore
import ResponderEngine

/// `responder report`: what automation did to response times, SLA attainment and satisfaction.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Automation rate, bot and human response times, SLA attainment and CSAT by response time.",
        discussion: """
            Counts customer messages received, and work orders created, in the period; test traffic \
            never counts. Dates are days in the knowledge base's time zone, both inclusive; times are \
            ISO 8601 with an offset (--to exclusive).
            """)

    @OptionGroup var queue: QueueOptions

    @Option(help: "From this date (YYYY-MM-DD) or time (ISO 8601); default: the beginning.")
    var from: String?

    @Option(help: "To this date (inclusive) or time (exclusive); default: no end.")
    var to: String?

    @Option(help: "First-response bucket bounds, ascending, e.g. 1m,5m (the default) or 30s,2m,1h.")
    var buckets = "1m,5m"

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        for (option, value) in [("--from", from), ("--to", to)] {
            if let value, Timestamp.parse(value) == nil, CalendarDate(value) == nil {
                throw ValidationError(
                    "\(option) \(value): expected a date YYYY-MM-DD or an ISO 8601 time with an offset")
            }
        }
        _ = try bucketBounds()
    }

    func run() throws {
        let session = try queue.open()
        let bounds = try bucketBounds()
        let view = try Progress.whileRunning("computing the report") {
            try engineCall { () throws(EngineError) in try session.report(from: from, to: to, bucketBounds: bounds) }
        }
        if json {
            print(try JSONValue(encoding: view).serialized)
        } else {
            print(ReportFormatter.text(view.report, timeZone: view.timeZone), terminator: "")
        }
    }

    private func bucketBounds() throws -> [Int] {
        let parts = buckets.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let bounds = parts.compactMap { DurationParser.seconds($0) }
        guard !parts.isEmpty, bounds.count == parts.count, bounds.allSatisfy({ $0 > 0 }),
            zip(bounds, bounds.dropFirst()).allSatisfy({ $0 < $1 })
        else {
            throw ValidationError("--buckets \(buckets): expected ascending durations such as 1m,5m or 30s,2m,1h")
        }
        return bounds
    }
}
