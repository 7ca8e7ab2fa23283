import ArgumentParser
import Foundation
import JSONRPC
import ResponderCore
import ResponderEngine

/// `responder ask TEXT`: the engine's reply to one customer message, recorded in the store.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Answer a customer message, or escalate it into the work-order queue.",
        discussion: """
            Prints the decision (answer, clarify or escalate), the answer and the ranked candidates, and \
            records the message in the ledger; an escalation opens a routed work order. With TEXT `-`, \
            reads one message per line from standard input and replies to each as it is recorded; a \
            line `TIME<tab>TEXT` (TIME in ISO 8601 with an offset) is recorded at TIME, so that a day of \
            past traffic can be imported; `TIME<tab>CONVERSATION<tab>TEXT` also names its conversation.
            """)

    @Argument(help: "The customer's message, or - to read one message per line from standard input.")
    var text: String

    @OptionGroup var session: SessionOptions

    @Option(help: "The conversation the message belongs to (default: a new one per message).")
    var conversation: String?

    @Option(help: "The channel it arrived on; channel rules in groups.yaml may route or prioritise by it.")
    var channel = "chat"

    @Option(help: "The customer's id (redacted when stored if it is personal data).")
    var customer: String?

    @Option(help: "The front end's id for the message: sending it again is recognised as a retry, not recorded twice.")
    var messageID: String?

    @OptionGroup var at: EventTimeOption

    @Flag(help: "Mark the message as test traffic: stored, but left out of reports.")
    var test = false

    @Flag(help: "Record nothing: no ledger row, no work order.")
    var dryRun = false

    @Option(help: "Answer at or above this confidence (overrides settings.yaml).")
    var threshold: Double?

    @Option(help: "Clarify when the top two are closer than this (overrides settings.yaml; 0 never clarifies).")
    var margin: Double?

    @Option(help: "Reply in this locale instead of detecting it from the text.")
    var locale: String?

    @Flag(help: "Show which terms and patterns decided each candidate.")
    var explain = false

    @Flag(help: "Print one JSON object per message.")
    var json = false

    func validate() throws {
        if text.allSatisfy(\.isWhitespace) { throw ValidationError("the message is empty") }
        if text == "-", messageID != nil { throw ValidationError("--message-id needs a single message, not -") }
        if messageID != nil, conversation == nil {
            throw ValidationError("--message-id needs --conversation: ids are unique within a conversation")
        }
        if channel.allSatisfy(\.isWhitespace) { throw ValidationError("--channel must not be empty") }
        try validateUnitInterval(threshold, "--threshold")
        try validateUnitInterval(margin, "--margin")
    }

    func run() throws {
        let session = try self.session.open(
            recording: !dryRun, overrides: .init(threshold: threshold, margin: margin))
        let receivedAt = at.time
        if text != "-" {
            try handle(text, messageKey: messageID, receivedAt: receivedAt, session: session)
            return
        }
        while let line = readLine(strippingNewline: true) {
            if line.allSatisfy(\.isWhitespace) { continue }
            let (time, thread, text) = Self.timed(line)
            if text.allSatisfy(\.isWhitespace) { continue }
            try handle(
                text, messageKey: nil, receivedAt: time ?? receivedAt, conversation: thread ?? conversation,
                session: session)
        }
    }

    private func handle(
        _ text: String, messageKey: String?, receivedAt: Date?, conversation: String? = nil, session: EngineSession
    ) throws {
        let message = CustomerMessage(
            text: text, conversation: conversation ?? self.conversation ?? "cli-\(UUID().uuidString.lowercased())",
            channel: channel, customer: customer, locale: locale, isTest: test, messageKey: messageKey,
            receivedAt: receivedAt)
        let outcome = try engineCall { () throws(EngineError) in try session.handle(message, explain: explain) }
        if json {
            print(try JSONValue(encoding: outcome).serialized)
        } else {
            print(MessageFormatter.text(outcome, explain: explain, recording: !dryRun), terminator: "")
        }
        fflush(nil)  // each reply reaches a pipe as soon as it is recorded
    }
}

extension AskCommand {
    /// A line of `ask -`: `TIME<tab>TEXT` when it starts with an ISO 8601 time and a tab (an
    /// import of past traffic, each message at its own time), `TIME<tab>CONVERSATION<tab>TEXT`
    /// to say which conversation each belongs to; else the whole line as the text.
    static func timed(_ line: String) -> (Date?, String?, String) {
        guard let tab = line.firstIndex(of: "\t"), let time = Timestamp.parse(String(line[..<tab])) else {
            return (nil, nil, line)
        }
        let rest = line[line.index(after: tab)...]
        if let second = rest.firstIndex(of: "\t") {
            let conversation = rest[..<second]
            if !conversation.isEmpty, !conversation.contains(where: \.isWhitespace) {
                return (time, String(conversation), String(rest[rest.index(after: second)...]))
            }
        }
        return (time, nil, String(rest))
    }
}

/// Rejects a value outside [0, 1].
func validateUnitInterval(_ value: Double?, _ name: String) throws {
    if let value, !(0...1).contains(value) { throw ValidationError("\(name) must be between 0 and 1") }
}
