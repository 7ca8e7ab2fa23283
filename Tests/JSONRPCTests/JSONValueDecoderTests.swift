import JSONRPC
import Testing

/// `JSONValueDecoder`: how the protocol's params are read. Its errors are what a client's author
/// reads in a -32602, so they must say where and what was expected.
@Suite("JSONValueDecoder")
struct JSONValueDecoderTests {
    struct Option: Decodable, Equatable {
        let intent: String
        let question: String?
    }

    struct Clarify: Decodable, Equatable {
        let options: [Option]
        let limit: Int?
    }

    /// A value type that says what it expects, and refuses values of the right JSON kind.
    struct Token: Decodable, Equatable, JSONDescribedType {
        static let jsonDescription = "a token such as T-1"
        let value: String

        init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard text.hasPrefix("T-") else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath, debugDescription: "expected a token such as T-1, got '\(text)'")
                )
            }
            value = text
        }
    }

    struct Tokens: Decodable {
        let token: Token
        let more: [Token]?
    }

    struct Counted: Decodable {
        let count: Int
        let small: UInt8?
    }

    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONValueDecoder().decode(type, from: try JSONParser.parse(json))
    }

    @Test("a well-formed value decodes, and a null optional is nil")
    func decodes() throws {
        let value = try decode(
            Clarify.self, #"{"options":[{"intent":"a","question":null},{"intent":"b","question":"q"}]}"#)
        #expect(
            value
                == Clarify(
                    options: [Option(intent: "a", question: nil), Option(intent: "b", question: "q")], limit: nil))
    }

    @Test("errors name the member's path, array positions included")
    func pathInErrors() throws {
        let missing = #"{"options":[{"intent":"a"},{"intent":"b"},{"question":"q"}]}"#
        #expect(throws: JSONDecodingError(path: "options[2].intent", problem: "required, expected a string")) {
            try decode(Clarify.self, missing)
        }
        do {
            _ = try decode(Clarify.self, missing)
        } catch let error as JSONDecodingError {
            #expect(error.description == "options[2].intent: required, expected a string")
        }
        #expect(throws: JSONDecodingError(path: "options[1].intent", problem: "expected a string, got 5")) {
            try decode(Clarify.self, #"{"options":[{"intent":"a"},{"intent":5}]}"#)
        }
        #expect(throws: JSONDecodingError(path: "options", problem: "expected an array, got {\"intent\":\"a\"}")) {
            try decode(Clarify.self, #"{"options":{"intent":"a"}}"#)
        }
    }

    @Test("a null member counts as missing")
    func nullIsMissing() throws {
        #expect(throws: JSONDecodingError(path: "options[0].intent", problem: "required, expected a string")) {
            try decode(Clarify.self, #"{"options":[{"intent":null}]}"#)
        }
        do {
            _ = try decode(Clarify.self, #"{"options":null}"#)
            Issue.record("a null array was read")
        } catch let error as JSONDecodingError {
            #expect(error.path == "options")
            #expect(error.problem.hasPrefix("required"), "\(error)")
        }
        #expect(try decode(Clarify.self, #"{"options":[],"limit":null}"#).limit == nil)
    }

    @Test("an integer is not read from a fraction, a string or a number out of its range")
    func integers() throws {
        #expect(try decode(Counted.self, #"{"count":3}"#).count == 3)
        #expect(try decode(Counted.self, #"{"count":3.0}"#).count == 3)
        #expect(throws: JSONDecodingError(path: "count", problem: "expected an integer, got 3.5")) {
            try decode(Counted.self, #"{"count":3.5}"#)
        }
        #expect(throws: JSONDecodingError(path: "count", problem: "expected an integer, got \"3\"")) {
            try decode(Counted.self, #"{"count":"3"}"#)
        }
        #expect(throws: JSONDecodingError(path: "small", problem: "expected an integer, got 300")) {
            try decode(Counted.self, #"{"count":1,"small":300}"#)
        }
        #expect(throws: JSONDecodingError(path: "count", problem: "expected an integer, got true")) {
            try decode(Counted.self, #"{"count":true}"#)
        }
        // 2^63 is one past Int.max: refused, not a crash; the largest exact Double below it reads.
        #expect(throws: JSONDecodingError.self) {
            try decode(Counted.self, #"{"count":9223372036854775808}"#)
        }
        #expect(try decode(Counted.self, #"{"count":9223372036854774784}"#).count == 9_223_372_036_854_774_784)
    }

    @Test("a type's own description says what a missing member should be")
    func describedTypes() throws {
        #expect(throws: JSONDecodingError(path: "token", problem: "required, expected a token such as T-1")) {
            try decode(Tokens.self, #"{}"#)
        }
        #expect(throws: JSONDecodingError(path: "token", problem: "required, expected a token such as T-1")) {
            try decode(Tokens.self, #"{"token":null}"#)
        }
        // The type's own refusal becomes the problem, at the member's path.
        #expect(throws: JSONDecodingError(path: "more[1]", problem: "expected a token such as T-1, got 'X-2'")) {
            try decode(Tokens.self, #"{"token":"T-1","more":["T-2","X-2"]}"#)
        }
        #expect(try decode(Tokens.self, #"{"token":"T-1","more":["T-2"]}"#).more == [Token(value: "T-2")])
    }

    @Test("the value itself has an empty path")
    func topLevel() throws {
        #expect(throws: JSONDecodingError(path: "", problem: "expected an object with named members, got [1]")) {
            try decode(Counted.self, "[1]")
        }
        #expect(JSONDecodingError(path: "", problem: "expected a string").description == "expected a string")
    }
}

extension JSONValueDecoderTests.Token {
    init(value: String) { self.value = value }
}
