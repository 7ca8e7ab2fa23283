import ResponderEngine

/// `conversation.get`: where a conversation stands (bot, awaiting agent, with agent, resolved),
/// its work orders and its turns.
enum ConversationGetMethod: RPCMethod {
    static let name = "conversation.get"

    struct Params: MethodParams {
        let conversation: NonEmptyText
        let limit: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case conversation, limit
        }
    }

    static func call(_ params: Params, in context: MethodContext) throws(EngineError) -> ConversationView {
        let limit = try params.limit?.checked("limit", in: 1...1000)
        return try context.session.conversation(params.conversation.value, limit: limit ?? 200)
    }
}
