import ArgumentParser
import Foundation
import JSONRPC
import ResponderEngine
import ResponderStore

/// `responder export`: records from the store in files other tools read.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export records from the store.", subcommands: [ExportLabelled.self])
}

/// `responder export labelled`: the messages agents labelled, as an `eval` file.
struct ExportLabelled: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labelled",
        abstract: "The messages agents labelled when resolving (tickets resolve --entry/--new-topic), as an eval file.",
        discussion: """
            One JSON object a line, {"text", "intent"}: the customer's message that opened the work \
            order, as stored (redacted), and the entry the agent named, or null for a new topic (a \
            message the base should escalate until it has an entry). `responder eval FILE` measures \
            the base on it.
            """)

    @OptionGroup var queue: QueueOptions

    /// Work orders created in the period.
    @OptionGroup var period: PeriodOptions

    @Option(help: "Write to this file (JSON Lines) instead of standard output.")
    var out: String?

    func run() throws {
        let session = try queue.open()
        let messages = try engineCall { () throws(EngineError) in
            try session.labelledMessages(from: period.from, to: period.to)
        }
        var lines = ""
        for message in messages {
            let intent: JSONValue = message.entry.map { .string($0) } ?? .null
            lines += JSONValue.object([("text", .string(message.text)), ("intent", intent)]).serialized + "\n"
        }
        let topics = messages.filter { $0.entry == nil }.count
        try OutputFile.write(lines, to: out, written: "\(messages.count) labelled messages (\(topics) new topics)")
    }
}
