import Foundation

/// `conversation:` in `settings.yaml`: how the engine treats a conversation as one thread.
public struct ConversationSettings: Sendable, Equatable {
    /// How long after a clarification the customer can answer it by picking an option, in
    /// seconds; a later reply is matched as a new message.
    public var clarifyWindow: TimeInterval = 600
    /// Clarifications in a row (the current message's included) after which the engine stops
    /// asking and hands the conversation to a person; 0 never does.
    public var handoffAfter = 2
    /// The bot's reply, by locale, to a message that joins a conversation's open work order;
    /// `{work_order}` is replaced by its id. Empty: the bot says nothing.
    public var acknowledgement: [String: String] = Self.defaultAcknowledgement

    /// The engine's acknowledgement when `settings.yaml` does not say.
    public static let defaultAcknowledgement = [
        "en": "Thank you, I have added this to your request {work_order}. An agent will reply here.",
        "zh": "收到，已将您的消息补充到工单 {work_order}，客服会在这里回复您。",
    ]

    /// The defaults.
    public init() {}

    /// The acknowledgement in `locale` (else in `fallback`, else in any locale given) for
    /// `workOrder`; nil when the base has the bot say nothing.
    public func acknowledgement(locale: String, fallback: String, workOrder: String) -> String? {
        guard
            let template = acknowledgement[locale] ?? acknowledgement[fallback]
                ?? acknowledgement.sorted(by: { $0.key < $1.key }).first?.value
        else { return nil }
        return template.replacingOccurrences(of: "{work_order}", with: workOrder)
    }
}
