import ArgumentParser
import Foundation
import JSONRPC
import ResponderCore
import ResponderEngine
import ResponderStore

/// `responder report`: what automation did to response times, SLA attainment and satisfaction.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Automation rate, bot and human response times, SLA attainment and CSAT: text, JSON, HTML or CSV.",
        discussion: """
            Counts customer messages received, and work orders created, in the period; test traffic \
            never counts. Dates are days in the knowledge base's time zone, both inclusive; times are \
            ISO 8601 with an offset (--to exclusive). Without --from and --to the period runs from the \
            first recorded day to the last. html is one self-contained page (the previous period of the \
            same length, the trend, anomalous days, breakdowns, the cases worth reading, targets); csv \
            is one row per customer message, or with --by one row per day or week.
            """)

    /// An output format.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, html, csv
    }

    @OptionGroup var queue: QueueOptions

    @OptionGroup var period: PeriodOptions

    @Option(help: "First-response bucket bounds, ascending, e.g. 1m,5m (the default) or 30s,2m,1h.")
    var buckets = "1m,5m"

    @Option(help: "text (a one-screen summary), json, html or csv.")
    var format: Format?

    @Option(help: "The trend's step: day or week (csv: one row per step instead of per message).")
    var by: String?

    @Option(help: "Write to this file instead of standard output (html and csv).")
    var out: String?

    @Flag(help: "Name agents in breakdowns and exports instead of agent 1, agent 2...")
    var showAgents = false

    @Flag(help: "text: after the one-screen summary, every figure (groups, channels, business hours, resolution).")
    var details = false

    @Flag(help: "Print one JSON object (the same as --format json).")
    var json = false

    func validate() throws {
        if json, let format, format != .json { throw ValidationError("--json and --format \(format) disagree") }
        if let by, Dashboard.Granularity(rawValue: by) == nil {
            throw ValidationError("--by \(by): expected day or week")
        }
        if let out, out.isEmpty { throw ValidationError("--out needs a file name") }
        _ = try bucketBounds()
    }

    func run() throws {
        let session = try queue.open()
        let bounds = try bucketBounds()
        let format = self.format ?? (json ? .json : .text)
        let granularity = by.flatMap(Dashboard.Granularity.init) ?? .day
        var progress = Progress(counting: "reading messages")
        let report = { (count: Int) in progress.update(count) }
        defer { progress.finish() }
        let output: String
        if format == .csv, by == nil {
            let records = try engineCall { () throws(EngineError) in
                try session.messageRecords(from: period.from, to: period.to, progress: report)
            }
            output = CSVExport.messages(records, timeZone: session.timeZone, showAgents: showAgents)
        } else {
            let view = try Progress.whileRunning("computing the report") {
                try engineCall { () throws(EngineError) in
                    try session.dashboard(
                        from: period.from, to: period.to, by: granularity, bucketBounds: bounds, showAgents: showAgents,
                        progress: report)
                }
            }
            switch format {
            case .json: output = try JSONValue(encoding: view).serialized + "\n"
            case .html: output = HTMLReport.page(view, generated: session.clock.now())
            case .csv: output = view.dashboard.map { CSVExport.series($0, timeZone: view.timeZone) } ?? ""
            case .text: output = ReportFormatter.text(view, details: details)
            }
        }
        try OutputFile.write(output, to: out, written: "report")
    }

    private func bucketBounds() throws -> [Int] {
        guard let bounds = ReportOptions.bucketBounds(parsing: buckets) else {
            throw ValidationError("--buckets \(buckets): expected ascending durations such as 1m,5m or 30s,2m,1h")
        }
        return bounds
    }
}
