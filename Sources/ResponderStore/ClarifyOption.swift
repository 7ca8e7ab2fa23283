/// An entry the bot offered when it asked the customer to clarify, as the ledger keeps it.
public struct ClarifyOption: Sendable, Equatable, Codable {
    /// The entry id.
    public let intent: String
    /// The example question shown for it, in the customer's locale.
    public let question: String

    /// Creates an option.
    public init(intent: String, question: String) {
        self.intent = intent
        self.question = question
    }
}
