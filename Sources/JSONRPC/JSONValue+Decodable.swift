/// Any JSON value read by a `Decoder` (Foundation's `JSONDecoder` reads request lines into it).
/// Nesting deeper than `JSONValue.maximumDecodingDepth` is refused.
extension JSONValue: Decodable {
    /// The deepest nesting `init(from:)` accepts: arrays and objects within one another.
    public static let maximumDecodingDepth = 64

    public init(from decoder: any Decoder) throws {
        if decoder.codingPath.count >= Self.maximumDecodingDepth {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "nesting deeper than \(Self.maximumDecodingDepth)"))
        }
        // Leaves first, strings first: a request is mostly strings, and each wrong guess costs
        // Foundation a thrown error.
        if let single = try? decoder.singleValueContainer() {
            if single.decodeNil() {
                self = .null
                return
            }
            if let text = try? single.decode(String.self) {
                self = .string(text)
                return
            }
            if let number = try? single.decode(Double.self) {
                self = .number(number)
                return
            }
            if let flag = try? single.decode(Bool.self) {
                self = .bool(flag)
                return
            }
        }
        if let keyed = try? decoder.container(keyedBy: MemberKey.self) {
            self = .object(try keyed.allKeys.map { ($0.stringValue, try keyed.decode(JSONValue.self, forKey: $0)) })
            return
        }
        var items = try decoder.unkeyedContainer()
        var values: [JSONValue] = []
        values.reserveCapacity(items.count ?? 0)
        while !items.isAtEnd { values.append(try items.decode(JSONValue.self)) }
        self = .array(values)
    }

    /// Any member name.
    private struct MemberKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
