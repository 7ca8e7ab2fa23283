import JSONRPC

/// A request's named parameters, read with errors that name the field and what was expected.
struct Params {
    private let members: [(String, JSONValue)]

    /// The parameters of `request`: an object, or none at all.
    init(_ request: RPCRequest) throws(RPCError) {
        switch request.params {
        case nil: members = []
        case .object(let pairs)?: members = pairs
        default: throw RPCError.invalidParams("params must be an object with named members")
        }
    }

    private func value(_ name: String) -> JSONValue? {
        guard let value = members.first(where: { $0.0 == name })?.1, value != .null else { return nil }
        return value
    }

    /// A required non-empty string.
    func string(_ name: String) throws(RPCError) -> String {
        guard let text = try optionalString(name) else {
            throw RPCError.invalidParams("\(name): required, expected a non-empty string")
        }
        return text
    }

    /// An optional non-empty string.
    func optionalString(_ name: String) throws(RPCError) -> String? {
        guard let value = value(name) else { return nil }
        guard case .string(let text) = value, !text.allSatisfy(\.isWhitespace) else {
            throw RPCError.invalidParams("\(name): expected a non-empty string, got \(value.serialized.prefix(40))")
        }
        return text
    }

    /// An optional boolean.
    func bool(_ name: String) throws(RPCError) -> Bool? {
        guard let value = value(name) else { return nil }
        guard case .bool(let flag) = value else {
            throw RPCError.invalidParams("\(name): expected true or false, got \(value.serialized.prefix(40))")
        }
        return flag
    }

    /// An optional integer within `range`.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(RPCError) -> Int? {
        guard let value = value(name) else { return nil }
        guard case .number(let number) = value, number.rounded() == number, number >= Double(range.lowerBound),
            number <= Double(range.upperBound)
        else {
            throw RPCError.invalidParams(
                "\(name): expected an integer from \(range.lowerBound) to \(range.upperBound), got \(value.serialized.prefix(40))"
            )
        }
        return Int(number)
    }

    /// Rejects members other than `allowed`, so that a misspelt parameter is not silently ignored.
    func only(_ allowed: [String]) throws(RPCError) {
        for (name, _) in members where !allowed.contains(name) {
            let expected =
                allowed.isEmpty
                ? "this method takes none" : "expected \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
            throw RPCError.invalidParams("unknown parameter '\(name)'; \(expected)")
        }
    }
}
