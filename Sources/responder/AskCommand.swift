import ArgumentParser
import ResponderCore

/// `responder ask TEXT`: what the engine would do with one message.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Show the decision for one customer message.",
        discussion: "Prints the decision (answer, clarify or escalate), the answer and the ranked candidates.")

    @Argument(help: "The customer's message.")
    var text: String

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Option(help: "Answer at or above this confidence (overrides settings.yaml).")
    var threshold: Double?

    @Option(help: "Clarify when the top two are closer than this (overrides settings.yaml; 0 never clarifies).")
    var margin: Double?

    @Option(help: "Reply in this locale instead of detecting it from the text.")
    var locale: String?

    @Flag(help: "Show which terms and patterns decided each candidate.")
    var explain = false

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        if text.allSatisfy(\.isWhitespace) { throw ValidationError("the message is empty") }
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
        let responder = AutoResponder(base: base, policy: policy)
        let reply = responder.reply(to: text, locale: locale, explain: explain)
        if json {
            print(ReplyFormatter.json(reply, explain: explain).serialized)
        } else {
            print(ReplyFormatter.text(reply, explain: explain), terminator: "")
        }
    }
}

/// Rejects a value outside [0, 1].
func validateUnitInterval(_ value: Double?, _ name: String) throws {
    if let value, !(0...1).contains(value) { throw ValidationError("\(name) must be between 0 and 1") }
}
