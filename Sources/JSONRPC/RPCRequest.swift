/// A request id: a string, a number or null, echoed in the response.
public enum RPCID: Sendable, Equatable, CustomStringConvertible {
    case string(String)
    case number(Double)
    /// An integer id beyond ±2^53, as written.
    case integer(String)
    case null

    /// The id as JSON.
    public var json: JSONValue {
        switch self {
        case .string(let text): .string(text)
        case .number(let value): .number(value)
        case .integer(let digits): .integer(digits)
        case .null: .null
        }
    }

    public var description: String { json.serialized }

    /// The id in `value`, when it is of a type ids may have.
    init?(_ value: JSONValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .number(let number): self = .number(number)
        case .integer(let digits): self = .integer(digits)
        case .null: self = .null
        default: return nil
        }
    }
}

/// A valid request: a call (with an id, answered) or a notification (without, never answered).
public struct RPCRequest: Sendable {
    /// The id; nil for a notification.
    public let id: RPCID?
    /// The method name.
    public let method: String
    /// The parameters: an object, an array, or nil when absent.
    public let params: JSONValue?
    /// When the server took the request's line off its input, for response times.
    public let receivedAt: ContinuousClock.Instant

    /// True when no response is to be sent.
    public var isNotification: Bool { id == nil }

    /// Creates a request.
    public init(id: RPCID?, method: String, params: JSONValue?, receivedAt: ContinuousClock.Instant) {
        self.id = id
        self.method = method
        self.params = params
        self.receivedAt = receivedAt
    }

    /// Reads a request object, or says why it is not one (with the id, when that much is valid,
    /// so that the error can be answered to it).
    static func parse(_ value: JSONValue, receivedAt: ContinuousClock.Instant) -> Result<RPCRequest, Rejected> {
        guard case .object(let members) = value else {
            return .failure(Rejected(id: .null, error: .invalidRequest("a request must be a JSON object")))
        }
        var id: RPCID? = nil
        var idValid = true
        if let raw = value["id"] {
            if let parsed = RPCID(raw) { id = parsed } else { idValid = false }
        }
        let answerTo = id ?? .null
        guard idValid else {
            return .failure(Rejected(id: .null, error: .invalidRequest("id must be a string, a number or null")))
        }
        guard value["jsonrpc"] == .string("2.0") else {
            return .failure(Rejected(id: answerTo, error: .invalidRequest("jsonrpc must be \"2.0\"")))
        }
        guard case .string(let method)? = value["method"] else {
            return .failure(Rejected(id: answerTo, error: .invalidRequest("method must be a string")))
        }
        // `"params": null` is read as no params: several JSON libraries write absent fields so.
        let params = value["params"] == .null ? nil : value["params"]
        switch params {
        case nil, .object?, .array?: break
        default:
            return .failure(Rejected(id: answerTo, error: .invalidRequest("params must be an object or an array")))
        }
        if Set(members.map(\.0)).count != members.count {
            return .failure(Rejected(id: answerTo, error: .invalidRequest("a member appears twice in the request")))
        }
        return .success(RPCRequest(id: id, method: method, params: params, receivedAt: receivedAt))
    }

    /// A request that cannot be handled, and the id to answer it with.
    struct Rejected: Error {
        let id: RPCID
        let error: RPCError
    }
}

/// The response object for a call.
enum RPCResponse {
    static func success(_ id: RPCID, _ result: JSONValue) -> JSONValue {
        .object([("jsonrpc", "2.0"), ("id", id.json), ("result", result)])
    }

    static func failure(_ id: RPCID, _ error: RPCError) -> JSONValue {
        .object([("jsonrpc", "2.0"), ("id", id.json), ("error", error.json)])
    }
}
