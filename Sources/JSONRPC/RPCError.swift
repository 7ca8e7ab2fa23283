/// A JSON-RPC 2.0 error object: a code, a one-line message and optional structured data.
public struct RPCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error code: the specification's (-32700 to -32600) or an application's.
    public let code: Int
    /// What went wrong, in one sentence.
    public let message: String
    /// Details for programs (e.g. the diagnostics of a knowledge base that failed to load).
    public let data: JSONValue?

    /// Creates an error.
    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// -32700: the line is not JSON (or not UTF-8).
    public static func parseError(_ message: String) -> RPCError { RPCError(code: -32700, message: message) }
    /// -32600: the JSON is not a valid request object.
    public static func invalidRequest(_ message: String, data: JSONValue? = nil) -> RPCError {
        RPCError(code: -32600, message: message, data: data)
    }
    /// -32601: no such method.
    public static func methodNotFound(_ method: String) -> RPCError {
        RPCError(code: -32601, message: "unknown method '\(method)'")
    }
    /// -32602: a parameter is missing or has the wrong type or value; `message` names it.
    public static func invalidParams(_ message: String) -> RPCError { RPCError(code: -32602, message: message) }
    /// -32603: the server failed in a way the request could not cause.
    public static func internalError(_ message: String) -> RPCError { RPCError(code: -32603, message: message) }

    /// The error object as JSON.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [("code", .number(Double(code))), ("message", .string(message))]
        if let data { fields.append(("data", data)) }
        return .object(fields)
    }

    public var description: String { "\(code) \(message)" }
}
