import ResponderEngine

/// `initialize`: who the server is, the protocol version, the knowledge base and the methods.
enum InitializeMethod: RPCMethod {
    static let name = "initialize"

    /// Anything: clients describe themselves in their own shape (as MCP clients do).
    struct Params: MethodParams {
        enum CodingKeys: CodingKey, CaseIterable {}
        static var acceptsAnything: Bool { true }
    }

    struct Result: Encodable {
        let name = "responder"
        let version: String
        let protocolVersion = MethodRegistry.protocolVersion
        let knowledgeBase: KnowledgeBaseSummary
        let methods = MethodRegistry.names

        enum CodingKeys: String, CodingKey {
            case name, version
            case protocolVersion = "protocol_version"
            case knowledgeBase = "knowledge_base"
            case methods
        }
    }

    static func call(_ params: Params, in context: MethodContext) throws(EngineError) -> Result {
        Result(version: context.serverVersion, knowledgeBase: context.session.summary)
    }
}
