/// Turns `Encodable` values into `JSONValue`s, keeping object keys in the order they were
/// encoded: typed results become the protocol's JSON and `--json` output alike, with one writer.
///
/// Values are encoded as JSON has them: strings, numbers (`Double`, integers), booleans, `nil` as
/// `null`; anything else through its own `encode(to:)`. Coding paths are not tracked (every
/// container reports the top level's): nothing reads them while encoding, and building one per
/// member cost more than the member. Write a custom `encode(to:)` that encodes
/// optionals with `encode(_:forKey:)` to have `null` members rather than missing ones.
public struct JSONValueEncoder {
    /// An encoder.
    public init() {}

    /// The JSON of `value`.
    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let slot = Slot()
        try value.encode(to: ValueEncoder(slot: slot, codingPath: []))
        return slot.value
    }
}

extension JSONValue {
    /// The JSON of an encodable value (see `JSONValueEncoder`). Encoding fails only when a
    /// value's own `encode(to:)` throws.
    public init<T: Encodable>(encoding value: T) throws {
        self = try JSONValueEncoder().encode(value)
    }
}

/// Where one value being encoded goes: filled in by a container, read when encoding ends.
private final class Slot {
    enum Content {
        case empty
        case value(JSONValue)
        case object(ObjectBuilder)
        case array(ArrayBuilder)
    }
    var content = Content.empty

    var value: JSONValue {
        switch content {
        case .empty: .object([])
        case .value(let value): value
        case .object(let object): .object(object.members.map { ($0.0, $0.1.value) })
        case .array(let array): .array(array.items.map(\.value))
        }
    }

    func object() -> ObjectBuilder {
        if case .object(let object) = content { return object }
        let object = ObjectBuilder()
        content = .object(object)
        return object
    }

    func array() -> ArrayBuilder {
        if case .array(let array) = content { return array }
        let array = ArrayBuilder()
        content = .array(array)
        return array
    }
}

private final class ObjectBuilder {
    var members: [(String, Slot)] = []

    /// The slot of `key`: a key encoded twice keeps its first place and its last value.
    func slot(_ key: String) -> Slot {
        if let existing = members.first(where: { $0.0 == key }) {
            existing.1.content = .empty
            return existing.1
        }
        let slot = Slot()
        members.append((key, slot))
        return slot
    }
}

private final class ArrayBuilder {
    var items: [Slot] = []

    func append() -> Slot {
        let slot = Slot()
        items.append(slot)
        return slot
    }
}

private struct ValueEncoder: Encoder {
    let slot: Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(object: slot.object(), codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(array: slot.array(), codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(slot: slot, codingPath: codingPath)
    }
}

/// Encodes `value` into `slot`: JSON's own kinds (and their optionals) directly, anything else
/// through its `encode(to:)`.
private func encode<T: Encodable>(_ value: T, into slot: Slot, codingPath: [any CodingKey]) throws {
    if let json = primitive(value) {
        slot.content = .value(json)
    } else {
        try value.encode(to: ValueEncoder(slot: slot, codingPath: codingPath))
    }
}

/// `value` as JSON when it is a string, number, boolean or `JSONValue`, or an optional one.
/// Types are compared as metatypes (a pointer comparison), not cast: results are mostly
/// strings, numbers and their optionals, and dynamic casts made up most of the encoding time.
@inline(__always)
private func primitive<T>(_ value: T) -> JSONValue? {
    if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
    if T.self == Double.self { return .number(unsafeBitCast(value, to: Double.self)) }
    if T.self == Int.self { return .number(Double(unsafeBitCast(value, to: Int.self))) }
    if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
    if T.self == JSONValue.self { return unsafeBitCast(value, to: JSONValue.self) }
    if T.self == String?.self { return unsafeBitCast(value, to: String?.self).map { .string($0) } ?? .null }
    if T.self == Double?.self { return unsafeBitCast(value, to: Double?.self).map { .number($0) } ?? .null }
    if T.self == Int?.self { return unsafeBitCast(value, to: Int?.self).map { .number(Double($0)) } ?? .null }
    if T.self == Bool?.self { return unsafeBitCast(value, to: Bool?.self).map { .bool($0) } ?? .null }
    return nil
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: ObjectBuilder
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { object.slot(key.stringValue).content = .value(.null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        object.slot(key.stringValue).content = .value(.bool(value))
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        object.slot(key.stringValue).content = .value(.string(value))
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        object.slot(key.stringValue).content = .value(.number(Double(value)))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        object.slot(key.stringValue).content = .value(.number(Double(value)))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        object.slot(key.stringValue).content = .value(.number(Double(value)))
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws {
        object.slot(key.stringValue).content = .value(.number(Double(value)))
    }
    mutating func encode(_ value: Int16, forKey key: Key) throws {
        object.slot(key.stringValue).content = .value(.number(Double(value)))
    }
    mutating func encode(_ value: Int32, forKey key: Key) throws {
        object.slot(key.stringValue).content = .value(.number(Double(value)))
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        object.slot(key.stringValue).content = .value(.number(Double(value)))
    }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        object.slot(key.stringValue).content = .value(.number(Double(value)))
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        object.slot(key.stringValue).content = .value(.number(Double(value)))
    }
    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        object.slot(key.stringValue).content = .value(.number(Double(value)))
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        object.slot(key.stringValue).content = .value(.number(Double(value)))
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        object.slot(key.stringValue).content = .value(.number(Double(value)))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try JSONRPC.encode(value, into: object.slot(key.stringValue), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(
            KeyedContainer<NestedKey>(object: object.slot(key.stringValue).object(), codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        UnkeyedContainer(array: object.slot(key.stringValue).array(), codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        ValueEncoder(slot: object.slot("super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        ValueEncoder(slot: object.slot(key.stringValue), codingPath: codingPath)
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let array: ArrayBuilder
    let codingPath: [any CodingKey]
    var count: Int { array.items.count }

    mutating func encodeNil() throws { array.append().content = .value(.null) }
    mutating func encode(_ value: Bool) throws { array.append().content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { array.append().content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { array.append().content = .value(.number(Double(value))) }
    mutating func encode(_ value: Float) throws { array.append().content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { array.append().content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int8) throws { array.append().content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int16) throws { array.append().content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int32) throws { array.append().content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int64) throws { array.append().content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt) throws { array.append().content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt8) throws { array.append().content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt16) throws { array.append().content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt32) throws { array.append().content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt64) throws { array.append().content = .value(.number(Double(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try JSONRPC.encode(value, into: array.append(), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedContainer<NestedKey>(object: array.append().object(), codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(array: array.append().array(), codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(slot: array.append(), codingPath: codingPath) }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.content = .value(.null) }
    mutating func encode(_ value: Bool) throws { slot.content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: Float) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int8) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int16) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int32) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int64) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt8) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt16) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt32) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt64) throws { slot.content = .value(.number(Double(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try JSONRPC.encode(value, into: slot, codingPath: codingPath)
    }
}
