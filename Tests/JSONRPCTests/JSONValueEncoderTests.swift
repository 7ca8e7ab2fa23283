import JSONRPC
import Testing

/// `JSONValueEncoder`: typed results become the protocol's JSON and `--json` output with it, so
/// key order, `null` members and number kinds are what clients see.
@Suite("JSONValueEncoder")
struct JSONValueEncoderTests {
    /// A key named by a literal, as the engine's views name theirs.
    struct Key: CodingKey, ExpressibleByStringLiteral {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringLiteral name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encodes its keys in an order that is neither alphabetical nor that of a declaration.
    struct Unordered: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode("z", forKey: "zulu")
            try container.encode(1, forKey: "alpha")
            try container.encode(true, forKey: "mike")
            try container.encode("b", forKey: "bravo")
        }
    }

    @Test("objects keep their keys in the order they were encoded")
    func keyOrder() throws {
        let json = try JSONValue(encoding: Unordered())
        #expect(json.serialized == #"{"zulu":"z","alpha":1,"mike":true,"bravo":"b"}"#)
        #expect(try JSONValueEncoder().encode(Unordered()) == json)
    }

    /// Synthesized conformance: declaration order, optionals left out when nil.
    struct Synthesized: Encodable {
        let second: String
        let first: Int
        let missing: String?
    }

    @Test("a synthesized encoding keeps declaration order and leaves nil optionals out")
    func synthesized() throws {
        let json = try JSONValue(encoding: Synthesized(second: "s", first: 1, missing: nil))
        #expect(json.serialized == #"{"second":"s","first":1}"#)
    }

    /// Optionals encoded with `encode(_:forKey:)` and `encodeIfPresent(_:forKey:)`.
    struct Nullable: Encodable {
        let value: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(value, forKey: "work_order")
            try container.encodeIfPresent(value, forKey: "escalate")
            try container.encode(value.map { [$0] }, forKey: "list")
            try container.encode(false, forKey: "duplicate")
        }
    }

    @Test("nil encoded with encode(_:forKey:) is a null member, with encodeIfPresent no member")
    func nilIsNull() throws {
        let absent = try JSONValue(encoding: Nullable(value: nil))
        #expect(absent.serialized == #"{"work_order":null,"list":null,"duplicate":false}"#)
        #expect(absent["work_order"] == JSONValue.null)
        #expect(absent["escalate"] == nil)
        let present = try JSONValue(encoding: Nullable(value: "WO-000001"))
        #expect(
            present.serialized
                == #"{"work_order":"WO-000001","escalate":"WO-000001","list":["WO-000001"],"duplicate":false}"#)
    }

    /// Keyed and unkeyed containers nested in each other, one filled after a later sibling.
    struct Nested: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            var period = container.nestedContainer(keyedBy: Key.self, forKey: "period")
            try container.encode(3, forKey: "messages")
            try period.encode("2026-11-01", forKey: "from")
            try period.encodeNil(forKey: "to")
            var buckets = container.nestedUnkeyedContainer(forKey: "buckets")
            var first = buckets.nestedContainer(keyedBy: Key.self)
            try first.encode("<= 1 min", forKey: "label")
            try first.encode(60, forKey: "upper_bound_s")
            var pair = buckets.nestedUnkeyedContainer()
            try pair.encode(1)
            try pair.encodeNil()
            try pair.encode("x")
            try buckets.encode([0.5, 2])
            let names: [String?] = ["a", nil]
            try buckets.encode(names)
            _ = container.nestedContainer(keyedBy: Key.self, forKey: "by_group")
            var channels = container.nestedContainer(keyedBy: Key.self, forKey: "by_channel")
            try channels.encode(Synthesized(second: "s", first: 2, missing: nil), forKey: "chat")
        }
    }

    @Test("nested keyed and unkeyed containers become nested objects and arrays, in order")
    func nestedContainers() throws {
        let json = try JSONValue(encoding: Nested())
        #expect(
            json.serialized
                == #"{"period":{"from":"2026-11-01","to":null},"messages":3,"#
                + #""buckets":[{"label":"<= 1 min","upper_bound_s":60},[1,null,"x"],[0.5,2],["a",null]],"#
                + #""by_group":{},"by_channel":{"chat":{"second":"s","first":2}}}"#)
    }

    /// One member of each kind of number, and a boolean.
    struct Numbers: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(42, forKey: "int")
            try container.encode(Int64(-7), forKey: "int64")
            try container.encode(UInt8(255), forKey: "uint8")
            try container.encode(2.5, forKey: "double")
            try container.encode(3.0, forKey: "integral_double")
            try container.encode(Float(0.25), forKey: "float")
            try container.encode(0.8319, forKey: "confidence")
            try container.encode(true, forKey: "bool")
            try container.encode([1, 2], forKey: "ints")
            try container.encode([1.5, -0.125], forKey: "doubles")
        }
    }

    @Test("integers print without a fraction, doubles keep theirs, booleans stay booleans")
    func numbers() throws {
        let json = try JSONValue(encoding: Numbers())
        #expect(json["int"] == .number(42))
        #expect(json["int64"] == .number(-7))
        #expect(json["uint8"] == .number(255))
        #expect(json["double"] == .number(2.5))
        #expect(json["bool"] == .bool(true))
        #expect(
            json.serialized
                == #"{"int":42,"int64":-7,"uint8":255,"double":2.5,"integral_double":3,"float":0.25,"#
                + #""confidence":0.8319,"bool":true,"ints":[1,2],"doubles":[1.5,-0.125]}"#)
    }

    @Test("single values and arrays encode as JSON's own kinds")
    func singleValues() throws {
        #expect(try JSONValue(encoding: "café 😀") == .string("café 😀"))
        #expect(try JSONValue(encoding: 7) == .number(7))
        #expect(try JSONValue(encoding: false) == .bool(false))
        #expect(try JSONValue(encoding: String?.none) == .null)
        #expect(try JSONValue(encoding: [[1], []]) == .array([.array([.number(1)]), .array([])]))
    }
}
