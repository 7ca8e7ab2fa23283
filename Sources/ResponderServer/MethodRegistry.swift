import Foundation
import JSONRPC
import ResponderEngine

/// Every method of the protocol, listed once: `initialize` reports these names, the service
/// dispatches through them, and the docs check and the tests read them.
public enum MethodRegistry {
    /// The protocol's version, reported by `initialize`; it changes when a method changes incompatibly.
    public static let protocolVersion = "1.0"

    /// The methods, in the order `initialize` lists them.
    static let methods: [any RPCMethod.Type] = [
        InitializeMethod.self, MessageMethod.self, AgentReplyMethod.self, WorkOrderGetMethod.self,
        WorkOrderListMethod.self, WorkOrderAssignMethod.self, WorkOrderResolveMethod.self,
        WorkOrderReopenMethod.self, FeedbackRateMethod.self, KnowledgeBaseReloadMethod.self, ReportMethod.self,
        ConversationGetMethod.self,
    ]

    /// The methods' names, as `initialize` lists them.
    public static let names = methods.map { $0.name }

    /// Each method's parameter names, by method name (empty for `initialize`, which takes anything).
    public static let parameters: [String: [String]] = Dictionary(
        uniqueKeysWithValues: methods.map { ($0.name, parameterNames($0)) })

    private static func parameterNames<M: RPCMethod>(_ method: M.Type) -> [String] { M.Params.names }

    /// Calls the method `request` names, with its decoded params, in `context`.
    static func call(_ request: RPCRequest, in context: MethodContext) throws(RPCError) -> JSONValue {
        guard let method = byName[request.method] else { throw RPCError.methodNotFound(request.method) }
        return try invoke(method, request, context)
    }

    private static let byName = Dictionary(uniqueKeysWithValues: methods.map { ($0.name, $0) })

    private static func invoke<M: RPCMethod>(
        _ method: M.Type, _ request: RPCRequest, _ context: MethodContext
    ) throws(RPCError) -> JSONValue {
        let params = try decode(M.Params.self, request.params)
        let result: M.Result
        do {
            result = try M.call(params, in: context)
        } catch {
            throw ServiceError.rpc(error)
        }
        do {
            return try JSONValue(encoding: result)
        } catch {
            throw RPCError.internalError("\(M.name): the result could not be encoded: \(error)")
        }
    }

    /// `P` from a request's params: named members only, none unknown (so that a misspelt one is
    /// refused, not ignored), each of the right type.
    private static func decode<P: MethodParams>(_ type: P.Type, _ params: JSONValue?) throws(RPCError) -> P {
        let members: [(String, JSONValue)]
        switch params {
        case nil: members = []
        case .object(let pairs)?: members = pairs
        default:
            if P.acceptsAnything {
                members = []
            } else {
                throw RPCError.invalidParams("params must be an object with named members")
            }
        }
        if !P.acceptsAnything {
            let names = P.names
            for (name, _) in members where !names.contains(name) {
                let expected =
                    names.isEmpty
                    ? "this method takes none" : "expected \(names.map { "'\($0)'" }.joined(separator: ", "))"
                throw RPCError.invalidParams("unknown parameter '\(name)'; \(expected)")
            }
        }
        do {
            return try JSONValueDecoder().decode(P.self, from: .object(P.acceptsAnything ? [] : members))
        } catch {
            throw RPCError.invalidParams(error.description)
        }
    }
}
