/// Why a `JSONValue` could not be decoded: where (`text`, `options[2].intent`) and what was
/// expected, in words a client's author can act on.
public struct JSONDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The member's path, e.g. `text` or `options[2].intent`; empty for the value itself.
    public let path: String
    /// What is wrong, e.g. `required, expected a string` or `expected true or false, got 3`.
    public let problem: String

    /// An error at `path`.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }
}

/// Turns `JSONValue`s into `Decodable` values: how the protocol's typed parameters are read from
/// the hand-written parser's output. A `null` member counts as missing.
///
/// Errors name the member and what was expected; a type's own `init(from:)` can refuse a value
/// with `DecodingError.dataCorrupted`, whose description becomes the problem.
public struct JSONValueDecoder {
    /// A decoder.
    public init() {}

    /// `T` read from `value`.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws(JSONDecodingError) -> T {
        do {
            return try unbox(value, as: T.self, codingPath: [])
        } catch let error as JSONDecodingError {
            throw error
        } catch let error as DecodingError {
            throw JSONDecodingError(error)
        } catch {
            throw JSONDecodingError(path: "", problem: "\(error)")
        }
    }
}

extension JSONDecodingError {
    /// The standard library's decoding error in this form.
    init(_ error: DecodingError) {
        switch error {
        case .dataCorrupted(let context):
            self.init(path: Self.path(context.codingPath), problem: context.debugDescription)
        case .keyNotFound(let key, let context):
            self.init(path: Self.path(context.codingPath + [key]), problem: "required")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            self.init(path: Self.path(context.codingPath), problem: context.debugDescription)
        @unknown default:
            self.init(path: "", problem: "\(error)")
        }
    }

    /// `options[2].intent` for a coding path.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == String(index) {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}

/// A position in an array, as a coding key.
private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { intValue.map(String.init) ?? "" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// A decodable type that says what it expects, for errors about a missing member
/// (`text: required, expected a non-empty string`).
public protocol JSONDescribedType {
    /// What a value of the type is, e.g. `a non-empty string`.
    static var jsonDescription: String { get }
}

/// What a type is called in an error: `a string`, `an integer`, `true or false`.
private func expectation<T>(_ type: T.Type) -> String {
    if let described = type as? any JSONDescribedType.Type { return described.jsonDescription }
    return switch type {
    case is String.Type: "a string"
    case is Bool.Type: "true or false"
    case is Double.Type, is Float.Type: "a number"
    case is any FixedWidthInteger.Type: "an integer"
    default: "a value"
    }
}

/// Reads `value` as `T`: JSON's own kinds directly, anything else through its `init(from:)`.
private func unbox<T: Decodable>(_ value: JSONValue, as type: T.Type, codingPath: [any CodingKey]) throws -> T {
    let mismatch = {
        JSONDecodingError(
            path: JSONDecodingError.path(codingPath),
            problem: "expected \(expectation(T.self)), got \(value.serialized.prefix(40))")
    }
    // Metatype comparisons (pointer compares), not casts: params are mostly strings.
    if T.self == String.self {
        guard case .string(let text) = value else { throw mismatch() }
        return unsafeBitCast(text, to: T.self)
    }
    if T.self == Bool.self {
        guard case .bool(let flag) = value else { throw mismatch() }
        return unsafeBitCast(flag, to: T.self)
    }
    if T.self == Double.self {
        if case .integer(let digits) = value, let number = Double(digits) { return unsafeBitCast(number, to: T.self) }
        guard case .number(let number) = value else { throw mismatch() }
        return unsafeBitCast(number, to: T.self)
    }
    if T.self == Int.self {
        if case .integer(let digits) = value, let exact = Int(digits) { return unsafeBitCast(exact, to: T.self) }
        guard case .number(let number) = value, let exact = Int(exactly: number) else { throw mismatch() }
        return unsafeBitCast(exact, to: T.self)
    }
    if T.self == JSONValue.self { return unsafeBitCast(value, to: T.self) }
    if let integer = T.self as? any FixedWidthInteger.Type {
        if case .integer(let digits) = value, let exact = integer.init(digits, radix: 10) { return exact as! T }
        guard case .number(let number) = value, let exact = integer.init(exactly: number) else { throw mismatch() }
        return exact as! T
    }
    return try T(from: ValueDecoder(value: value, codingPath: codingPath))
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw JSONDecodingError(
                path: JSONDecodingError.path(codingPath),
                problem: "expected an object with named members, got \(value.serialized.prefix(40))")
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else {
            throw JSONDecodingError(
                path: JSONDecodingError.path(codingPath),
                problem: "expected an array, got \(value.serialized.prefix(40))")
        }
        return UnkeyedContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(value: value, codingPath: codingPath)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(String, JSONValue)]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.0) } }

    func contains(_ key: Key) -> Bool { members.contains { $0.0 == key.stringValue } }

    private func member(_ key: Key) -> JSONValue? {
        guard let value = members.first(where: { $0.0 == key.stringValue })?.1, value != .null else { return nil }
        return value
    }

    private func required<T>(_ key: Key, _ type: T.Type) throws -> JSONValue {
        guard let value = member(key) else {
            throw JSONDecodingError(
                path: JSONDecodingError.path(codingPath + [key]), problem: "required, expected \(expectation(type))")
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { member(key) == nil }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try unbox(required(key, type), as: type, codingPath: codingPath + [key])
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(generic: type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(generic: type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(generic: type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(generic: type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(generic: type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(generic: type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(generic: type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(generic: type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(generic: type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(generic: type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(generic: type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(generic: type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(generic: type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(generic: type, key) }

    private func decode<T: Decodable>(generic type: T.Type, _ key: Key) throws -> T {
        try unbox(required(key, type), as: type, codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(value: required(key, [String: String].self), codingPath: codingPath + [key])
            .container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: required(key, [String].self), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: members.first { $0.0 == "super" }?.1 ?? .null, codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: member(key) ?? .null, codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(items: [JSONValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> (JSONValue, [any CodingKey]) {
        guard !isAtEnd else {
            throw JSONDecodingError(
                path: JSONDecodingError.path(codingPath), problem: "expected more than \(items.count) items")
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], codingPath + [IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next()
        return try unbox(value, as: type, codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, path) = try next()
        return try ValueDecoder(value: value, codingPath: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next()
        return try ValueDecoder(value: value, codingPath: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next()
        return ValueDecoder(value: value, codingPath: path)
    }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try unbox(value, as: type, codingPath: codingPath) }

    func decode(_ type: Bool.Type) throws -> Bool { try unbox(value, as: type, codingPath: codingPath) }
    func decode(_ type: String.Type) throws -> String { try unbox(value, as: type, codingPath: codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try unbox(value, as: type, codingPath: codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try unbox(value, as: type, codingPath: codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try unbox(value, as: type, codingPath: codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try unbox(value, as: type, codingPath: codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try unbox(value, as: type, codingPath: codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try unbox(value, as: type, codingPath: codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try unbox(value, as: type, codingPath: codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try unbox(value, as: type, codingPath: codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try unbox(value, as: type, codingPath: codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try unbox(value, as: type, codingPath: codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try unbox(value, as: type, codingPath: codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try unbox(value, as: type, codingPath: codingPath) }
}
