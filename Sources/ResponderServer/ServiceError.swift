import JSONRPC
import ResponderCore
import ResponderEngine
import ResponderStore

/// The application error codes of the protocol (documented in docs/protocol.md), and how the
/// engine's errors become wire errors.
public enum ServiceError {
    /// No work order has the id given.
    public static let unknownWorkOrder = -32001
    /// The work order's status does not allow the action.
    public static let impossibleTransition = -32002
    /// The knowledge base cannot be loaded (a failed `kb.reload`).
    public static let knowledgeBaseError = -32003
    /// The store cannot be read or written.
    public static let storeUnavailable = -32004
    /// No customer message was recorded in the conversation given.
    public static let unknownConversation = -32005

    /// The wire error for an engine error.
    static func rpc(_ error: EngineError) -> RPCError {
        switch error {
        case .invalidArgument: RPCError.invalidParams(error.description)
        case .store(let error): rpc(error)
        case .knowledgeBase(let message, let serving, let diagnostics):
            RPCError(
                code: knowledgeBaseError, message: message,
                data: .object([
                    ("serving_version", serving.map { .string($0) } ?? .null),
                    ("diagnostics", (try? JSONValue(encoding: diagnostics.map(DiagnosticView.init))) ?? .array([])),
                ]))
        case .noStore(let reason): RPCError(code: storeUnavailable, message: reason)
        }
    }

    /// The wire error for a store error.
    static func rpc(_ error: StoreError) -> RPCError {
        switch error {
        case .unknownWorkOrder(let id):
            RPCError(code: unknownWorkOrder, message: error.description, data: .object([("work_order", .string(id))]))
        case .impossibleTransition(let id, let action, let status, _):
            RPCError(
                code: impossibleTransition, message: error.description,
                data: .object([
                    ("work_order", .string(id.description)), ("action", .string(action)),
                    ("status", .string(status.rawValue)),
                ]))
        case .unknownConversation(let conversation):
            RPCError(
                code: unknownConversation, message: error.description,
                data: .object([("conversation", .string(conversation))]))
        case .invalidValue, .notResponded:
            RPCError.invalidParams(error.description)
        case .unavailable, .notAStore, .newerSchema:
            RPCError(code: storeUnavailable, message: error.description)
        }
    }
}
