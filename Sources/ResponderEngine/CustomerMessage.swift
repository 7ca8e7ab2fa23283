import Foundation

/// A customer's message as an entrance hands it to the engine.
public struct CustomerMessage: Sendable {
    /// What the customer wrote.
    public var text: String
    /// The conversation it belongs to.
    public var conversation: String
    /// The channel it arrived on (channel rules may route or prioritise by it).
    public var channel: String
    /// The customer's id, if the front end knows it (pseudonymised when stored).
    public var customer: String?
    /// Reply in this locale rather than the one detected from the text.
    public var locale: String?
    /// Test traffic: recorded, but left out of reports.
    public var isTest: Bool
    /// The front end's id for the message: sending it again is a retry, answered with the first outcome.
    public var messageKey: String?
    /// When the message really arrived, for imports of past traffic; nil: now, by the session's clock.
    public var receivedAt: Date?
    /// When the entrance read it (monotonic): the bot's response time counts from here.
    public var startedAt: ContinuousClock.Instant

    /// A message; see each property for what the parameters mean.
    public init(
        text: String, conversation: String, channel: String = "chat", customer: String? = nil,
        locale: String? = nil, isTest: Bool = false, messageKey: String? = nil, receivedAt: Date? = nil,
        startedAt: ContinuousClock.Instant = .now
    ) {
        self.text = text
        self.conversation = conversation
        self.channel = channel
        self.customer = customer
        self.locale = locale
        self.isTest = isTest
        self.messageKey = messageKey
        self.receivedAt = receivedAt
        self.startedAt = startedAt
    }
}
