import ArgumentParser
import Foundation
import JSONRPC
import ResponderCore
import ResponderEngine
import ResponderServer
import ResponderStore

/// `responder ask TEXT`: the engine's reply to one customer message, recorded in the store.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Answer a customer message, or escalate it into the work-order queue.",
        discussion: """
            Prints the decision (answer, clarify or escalate), the answer and the ranked candidates, and \
            records the message in the ledger; an escalation opens a routed work order. With TEXT `-`, \
            reads one message per line from standard input and replies to each as it is recorded.
            """)

    @Argument(help: "The customer's message, or - to read one message per line from standard input.")
    var text: String

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @OptionGroup var store: StoreOptions

    @Option(help: "The conversation the message belongs to (default: a new one per message).")
    var conversation: String?

    @Option(help: "The channel it arrived on; channel rules in groups.yaml may route or prioritise by it.")
    var channel = "chat"

    @Option(help: "The customer's id (redacted when stored if it is personal data).")
    var customer: String?

    @Option(help: "The front end's id for the message: sending it again is recognised as a retry, not recorded twice.")
    var messageID: String?

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
        let base = try knowledgeBase.load()
        if let locale, !base.settings.locales.contains(locale) {
            throw CommandFailure(
                "error: --locale \(locale) is not one of the knowledge base's locales (\(base.settings.locales.joined(separator: ", ")))"
            )
        }
        let policy = DecisionPolicy(
            threshold: threshold ?? base.settings.answerThreshold, margin: margin ?? base.settings.ambiguityMargin)
        let triage = Triage(responder: ModelCache.cli.responder(for: base, policy: policy))
        let store = dryRun ? nil : try self.store.open(settings: base.settings)
        let timeZone = TimeZone(identifier: base.settings.timeZone) ?? .gmt
        if text != "-" {
            try handle(text, messageKey: messageID, triage: triage, store: store, timeZone: timeZone)
            return
        }
        while let line = readLine(strippingNewline: true) {
            if line.allSatisfy(\.isWhitespace) { continue }
            try handle(line, messageKey: nil, triage: triage, store: store, timeZone: timeZone)
        }
    }

    private func handle(
        _ text: String, messageKey: String?, triage: Triage, store: Store?, timeZone: TimeZone
    ) throws {
        if let messageKey, let conversation, let store,
            let stored = try storeCall({ () throws(StoreError) in
                try store.recordedMessage(conversation: conversation, messageKey: messageKey)
            })
        {
            printRetry(stored, base: triage.base, timeZone: timeZone)
            return
        }
        let (outcome, message) = triage.handle(
            text, locale: locale, conversation: conversation ?? "cli-\(UUID().uuidString.lowercased())",
            customer: customer, channel: channel, isTest: test, messageKey: messageKey, explain: explain)
        let latency = message.latencyMicroseconds
        var recorded: RecordedMessage? = nil
        if let store {
            recorded = try storeCall { () throws(StoreError) in try store.record(message) }
        }
        if json {
            var fields = ReplyJSON.fields(outcome.reply, explain: explain)
            fields += ReplyJSON.escalationFields(outcome.escalation, recorded: recorded, timeZone: timeZone)
            fields.append(("latency_us", .number(Double(latency))))
            print(JSONValue.object(fields).serialized)
        } else {
            print(ReplyFormatter.text(outcome.reply, explain: explain), terminator: "")
            print(
                EscalationFormatter.text(outcome.escalation, recorded: recorded, timeZone: timeZone),
                terminator: "")
        }
        fflush(nil)  // each reply reaches a pipe as soon as it is recorded
    }
}

extension AskCommand {
    /// A retried message: the first outcome, as recorded, and nothing new stored.
    private func printRetry(_ stored: StoredMessage, base: KnowledgeBase, timeZone: TimeZone) {
        if json {
            print(JSONValue.object(ReplyJSON.storedFields(stored, base: base, timeZone: timeZone)).serialized)
        } else {
            print("already recorded (same --message-id): \(stored.decision.rawValue) \(stored.intent ?? "")")
            if let workOrder = stored.workOrder {
                print("work order \(workOrder.id): \(workOrder.group), \(workOrder.status.rawValue)")
            }
        }
        fflush(nil)
    }
}

/// Rejects a value outside [0, 1].
func validateUnitInterval(_ value: Double?, _ name: String) throws {
    if let value, !(0...1).contains(value) { throw ValidationError("\(name) must be between 0 and 1") }
}
