import ResponderEngine

/// `message`: a customer's message in, the engine's reply (and work order) out.
enum MessageMethod: RPCMethod {
    static let name = "message"

    struct Params: MethodParams {
        let conversation: NonEmptyText
        let text: NonEmptyText
        let channel: NonEmptyText?
        let customer: NonEmptyText?
        let locale: NonEmptyText?
        let test: Bool?
        let messageID: NonEmptyText?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case conversation, text, channel, customer, locale, test
            case messageID = "message_id"
        }
    }

    static func call(_ params: Params, in context: MethodContext) throws(EngineError) -> MessageOutcome {
        try context.session.handle(
            CustomerMessage(
                text: params.text.value, conversation: params.conversation.value,
                channel: params.channel?.value ?? "chat", customer: params.customer?.value,
                locale: params.locale?.value, isTest: params.test ?? false, messageKey: params.messageID?.value,
                startedAt: context.receivedAt))
    }
}
