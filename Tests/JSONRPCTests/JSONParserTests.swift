import Testing

@testable import JSONRPC

/// The error parsing `bytes` throws, or nil when it parses.
private func parseError(_ bytes: [UInt8], maximumDepth: Int = 64) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(bytes, maximumDepth: maximumDepth)
        return nil
    } catch {
        return error
    }
}

private func parseError(_ text: String, maximumDepth: Int = 64) -> JSONParseError? {
    parseError(Array(text.utf8), maximumDepth: maximumDepth)
}

/// Invalid JSON texts and how their error messages start.
private let invalidInputs: [(String, String)] = [
    // Empty input and trailing garbage.
    ("", "empty input"),
    (" \t\r\n", "empty input"),
    ("{} x", "unexpected data after the JSON value, found 'x'"),
    ("[1] [2]", "unexpected data after the JSON value"),
    ("1 2", "unexpected data after the JSON value"),
    ("[1]]", "unexpected data after the JSON value"),
    ("{\"a\":1}}", "unexpected data after the JSON value"),
    ("0x10", "unexpected data after the JSON value"),
    ("truex", "unexpected data after the JSON value"),
    ("\"a\" \"b\"", "unexpected data after the JSON value"),
    // Comments.
    ("// note\n1", "expected a value, found '/'"),
    ("/* note */ 1", "expected a value, found '/'"),
    ("[1, /* note */ 2]", "expected a value, found '/'"),
    ("1 // note", "unexpected data after the JSON value, found '/'"),
    // Trailing and missing commas.
    ("[1,]", "trailing comma in an array"),
    ("[1,\n]", "trailing comma in an array"),
    ("{\"a\":1,}", "trailing comma in an object"),
    ("[,1]", "expected a value, found ','"),
    ("{,}", "expected a string key in an object, found ','"),
    ("[1 2]", "expected ',' or ']' after an array element, found '2'"),
    ("{\"a\":1 \"b\":2}", "expected ',' or '}' after an object member, found '\"'"),
    ("[}", "expected a value, found '}'"),
    ("{]", "expected a string key in an object, found ']'"),
    ("[1}", "expected ',' or ']' after an array element, found '}'"),
    ("{\"a\":1]", "expected ',' or '}' after an object member, found ']'"),
    // Keys.
    ("{'a':1}", "expected a string key in an object, found '''"),
    ("{a:1}", "expected a string key in an object, found 'a'"),
    ("{1:2}", "expected a string key in an object, found '1'"),
    ("{null:2}", "expected a string key in an object"),
    ("{\"a\" 1}", "expected ':' after an object key, found '1'"),
    ("{\"a\"}", "expected ':' after an object key, found '}'"),
    ("{\"a\"=1}", "expected ':' after an object key, found '='"),
    // Values that are not JSON.
    ("'a'", "expected a value, found '''"),
    ("['a']", "expected a value, found '''"),
    ("NaN", "expected a value, found 'N'"),
    ("Infinity", "expected a value, found 'I'"),
    ("-Infinity", "expected a digit after '-', found 'I'"),
    ("undefined", "expected a value, found 'u'"),
    ("tru", "invalid literal (expected true)"),
    ("True", "expected a value, found 'T'"),
    ("nul", "invalid literal (expected null)"),
    ("nULL", "invalid literal (expected null)"),
    ("falsy", "invalid literal (expected false)"),
    ("\u{FEFF}1", "expected a value, found U+FEFF"),
    ("\u{A0}1", "expected a value, found U+00A0"),
    ("\u{0B}1", "expected a value, found byte 0x0B"),
    ("\u{0C}1", "expected a value, found byte 0x0C"),
    // Numbers.
    ("01", "leading zeros are not allowed in a number"),
    ("-01", "leading zeros are not allowed in a number"),
    ("00", "leading zeros are not allowed in a number"),
    ("[007]", "leading zeros are not allowed in a number"),
    ("+1", "expected a value, found '+'"),
    (".5", "expected a value, found '.'"),
    ("-.5", "expected a digit after '-', found '.'"),
    ("1.", "expected a digit after '.', found end of input"),
    ("[1.]", "expected a digit after '.', found ']'"),
    ("1.e5", "expected a digit after '.', found 'e'"),
    ("1e", "expected a digit in the exponent"),
    ("1E+", "expected a digit in the exponent"),
    ("1e-x", "expected a digit in the exponent, found 'x'"),
    ("-", "expected a digit after '-', found end of input"),
    ("--1", "expected a digit after '-', found '-'"),
    ("1e400", "number out of range"),
    ("-1e400", "number out of range"),
    ("[1.7976931348623159e308]", "number out of range"),
    ("1" + String(repeating: "0", count: 400) + ".5", "number out of range"),
    ("1_000", "unexpected data after the JSON value"),
    // Strings.
    ("\"abc", "unterminated string"),
    ("\"abc\\\"", "unterminated string"),
    ("\"\\", "unterminated string"),
    ("[\"a]", "unterminated string"),
    ("\"a\nb\"", "control character 0x0A in a string"),
    ("\"\t\"", "control character 0x09 in a string"),
    ("\"\u{0}\"", "control character 0x00 in a string"),
    ("\"\u{1F}\"", "control character 0x1F in a string"),
    ("\"\\x\"", "invalid escape '\\x' in a string"),
    ("\"\\'\"", "invalid escape '\\'' in a string"),
    ("\"\\a\"", "invalid escape '\\a' in a string"),
    ("\"\\U0041\"", "invalid escape '\\U' in a string"),
    ("\"\\\n\"", "invalid escape (backslash, then byte 0x0A) in a string"),
    ("\"\\u12\"", "invalid \\u escape (expected 4 hex digits)"),
    ("\"\\u12G4\"", "invalid \\u escape (expected 4 hex digits)"),
    ("\"\\u 123\"", "invalid \\u escape (expected 4 hex digits)"),
    ("\"\\u", "invalid \\u escape (expected 4 hex digits)"),
    ("\"\\ud83d\\u12\"", "invalid \\u escape (expected 4 hex digits)"),
    // Unexpected end of input.
    ("[", "unexpected end of input"),
    ("[1", "unexpected end of input"),
    ("[1,", "unexpected end of input"),
    ("{", "expected a string key in an object, found end of input"),
    ("{\"a\"", "expected ':' after an object key, found end of input"),
    ("{\"a\":", "unexpected end of input"),
    ("{\"a\":1", "unexpected end of input"),
    ("{\"a\":1,", "expected a string key in an object, found end of input"),
]

/// Bytes that are not UTF-8, and the offset of the offending sequence.
struct InvalidUTF8Sample: Sendable, CustomTestStringConvertible {
    let bytes: [UInt8]
    let offset: Int
    let label: String

    init(_ label: String, _ bytes: [UInt8], at offset: Int) {
        self.label = label
        self.bytes = bytes
        self.offset = offset
    }

    var testDescription: String { label }
}

private let quote: UInt8 = 0x22
private let invalidUTF8: [InvalidUTF8Sample] = [
    InvalidUTF8Sample("overlong NUL", [quote, 0xC0, 0x80, quote], at: 1),
    InvalidUTF8Sample("overlong slash", [quote, 0xC0, 0xAF, quote], at: 1),
    InvalidUTF8Sample("overlong 2-byte C1", [quote, 0xC1, 0xBF, quote], at: 1),
    InvalidUTF8Sample("overlong 3-byte", [quote, 0xE0, 0x80, 0xAF, quote], at: 1),
    InvalidUTF8Sample("overlong 3-byte U+07FF", [quote, 0xE0, 0x9F, 0xBF, quote], at: 1),
    InvalidUTF8Sample("overlong 4-byte", [quote, 0xF0, 0x80, 0x80, 0xAF, quote], at: 1),
    InvalidUTF8Sample("overlong 4-byte U+FFFF", [quote, 0xF0, 0x8F, 0xBF, 0xBF, quote], at: 1),
    InvalidUTF8Sample("high surrogate", [quote, 0x61, 0xED, 0xA0, 0x80, quote], at: 2),
    InvalidUTF8Sample("low surrogate", [quote, 0xED, 0xBF, 0xBF, quote], at: 1),
    InvalidUTF8Sample("encoded surrogate pair", [quote, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80, quote], at: 1),
    InvalidUTF8Sample("above U+10FFFF", [quote, 0xF4, 0x90, 0x80, 0x80, quote], at: 1),
    InvalidUTF8Sample("lead F5", [quote, 0xF5, 0x80, 0x80, 0x80, quote], at: 1),
    InvalidUTF8Sample("lead F8", [quote, 0xF8, 0x88, 0x80, 0x80, 0x80, quote], at: 1),
    InvalidUTF8Sample("byte FE", [quote, 0xFE, quote], at: 1),
    InvalidUTF8Sample("byte FF", [quote, 0x61, 0x62, 0xFF, quote], at: 3),
    InvalidUTF8Sample("lone continuation 80", [quote, 0x80, quote], at: 1),
    InvalidUTF8Sample("lone continuation BF after text", [quote, 0x61, 0xC3, 0xA9, 0xBF, quote], at: 4),
    InvalidUTF8Sample("truncated 2-byte before quote", [quote, 0xC3, quote], at: 1),
    InvalidUTF8Sample("truncated 3-byte before quote", [quote, 0xE2, 0x82, quote], at: 1),
    InvalidUTF8Sample("truncated 4-byte before quote", [quote, 0xF0, 0x9F, 0x98, quote], at: 1),
    InvalidUTF8Sample("truncated 3-byte before ASCII", [quote, 0xE2, 0x41, 0x41, quote], at: 1),
    InvalidUTF8Sample("truncated at end of input", [quote, 0xF0, 0x9F], at: 1),
    InvalidUTF8Sample("Latin-1 e-acute", [quote, 0x63, 0x61, 0x66, 0xE9, quote], at: 4),
    InvalidUTF8Sample("in a key", Array(#"{"k"#.utf8) + [0xFF] + Array(#"":1}"#.utf8), at: 3),
    InvalidUTF8Sample("after eight ASCII bytes", [quote] + Array("abcdefghij".utf8) + [0xC0, 0x80, quote], at: 11),
    InvalidUTF8Sample("after an escape", Array(#""\n"#.utf8) + [0xED, 0xA0, 0x80, quote], at: 3),
    InvalidUTF8Sample("as a value", [0x5B, 0xFF, 0x5D], at: 1),
    InvalidUTF8Sample("truncated as a value", [0x5B, 0xC3, 0x5D], at: 1),
    InvalidUTF8Sample("at the start", [0xC0, 0x80], at: 0),
    InvalidUTF8Sample("after the value", [0x31, 0x20, 0xFF], at: 2),
    InvalidUTF8Sample("instead of a colon", Array(#"{"a""#.utf8) + [0xE0, 0x80, 0x80], at: 4),
]

@Suite("JSONParser")
struct JSONParserTests {
    // MARK: Values

    @Test func scalars() throws {
        #expect(try JSONParser.parse("null") == .null)
        #expect(try JSONParser.parse("true") == .bool(true))
        #expect(try JSONParser.parse("false") == .bool(false))
        #expect(try JSONParser.parse("0") == .number(0))
        #expect(try JSONParser.parse("-12.5e2") == .number(-1250))
        #expect(try JSONParser.parse("\"\"") == .string(""))
        #expect(try JSONParser.parse("\"hello\"") == .string("hello"))
        #expect(try JSONParser.parse("[]") == .array([]))
        #expect(try JSONParser.parse("{}") == .object([]))
        #expect(try JSONParser.parse(" \t\r\n 42 \n") == .number(42))
        #expect(try JSONParser.parse("[ ]") == .array([]))
        #expect(try JSONParser.parse("{ \n }") == .object([]))
    }

    @Test("Integers past 2^53 keep their digits; below, and with a fraction or exponent, they are Doubles")
    func largeIntegersKeepTheirDigits() throws {
        #expect(try JSONParser.parse("9007199254740991") == .number(9_007_199_254_740_991))
        #expect(try JSONParser.parse("9007199254740993") == .integer("9007199254740993"))
        #expect(try JSONParser.parse("-9007199254740993") == .integer("-9007199254740993"))
        #expect(try JSONParser.parse("123456789012345678901234567890").serialized == "123456789012345678901234567890")
        #expect(try JSONParser.parse("9007199254740993.0") == .number(9_007_199_254_740_992))
        #expect(try JSONParser.parse("1e300") == .number(1e300))
        let huge = String(repeating: "9", count: 400)  // past a Double's range altogether
        #expect(try JSONParser.parse(huge) == .integer(huge))
        #expect(throws: JSONParseError.self) { try JSONParser.parse("1e999") }
        let id = try JSONParser.parse(#"{"id":18446744073709551617}"#)
        #expect(id.serialized == #"{"id":18446744073709551617}"#)
    }

    @Test func nestedStructures() throws {
        let text = """
            {
              "a": [1, [2, [3, []]], {"b": {"c": [true, false, null]}}],
              "d": {"e": {}, "f": [{}, {"g": "h"}]},
              "i": "j"
            }
            """
        let expected: JSONValue = .object([
            (
                "a",
                .array([
                    1, .array([2, .array([3, .array([])])]),
                    .object([("b", .object([("c", .array([true, false, nil]))]))]),
                ])
            ),
            ("d", .object([("e", .object([])), ("f", .array([.object([]), .object([("g", "h")])]))])),
            ("i", "j"),
        ])
        #expect(try JSONParser.parse(text) == expected)
        #expect(
            try JSONParser.parse(#"[[[]],[[[{}]]]]"#)
                == .array([.array([.array([])]), .array([.array([.array([.object([])])])])]))
    }

    @Test func keysKeepTheirOrderAndDuplicates() throws {
        let value = try JSONParser.parse(#"{"zebra":1,"apple":2,"mango":{"y":0,"x":1},"apple":3,"":4}"#)
        guard case .object(let pairs) = value else {
            Issue.record("not an object: \(value)")
            return
        }
        #expect(pairs.map(\.0) == ["zebra", "apple", "mango", "apple", ""])
        #expect(pairs.map(\.1) == [1, 2, .object([("y", 0), ("x", 1)]), 3, 4])
        #expect(value["apple"] == 2)
    }

    @Test func aJSONRPCRequest() throws {
        let text = """
            {"jsonrpc":"2.0","id":17,"method":"message","params":{"conversation":"c-123",\
            "text":"I forgot my password, can you help?","channel":"chat"}}
            """
        let value = try JSONParser.parse(text)
        #expect(value["jsonrpc"] == "2.0")
        #expect(value["id"] == 17)
        #expect(value["method"] == "message")
        #expect(value["params"]?["text"] == "I forgot my password, can you help?")
        #expect(value["params"]?["channel"] == "chat")
    }

    @Test func entryPointsAgree() throws {
        let text = #"{"a":["é",1.5,null],"😀":{"b":true}}"#
        let fromString = try JSONParser.parse(text)
        let fromBytes = try JSONParser.parse(Array(text.utf8))
        let fromBuffer = try Array(text.utf8).withUnsafeBytes { try JSONParser.parse($0) }
        #expect(fromString == fromBytes)
        #expect(fromString == fromBuffer)
        #expect(throws: JSONParseError(message: "empty input", offset: 0)) {
            try JSONParser.parse(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        #expect(try JSONParser.parse(Substring(text).description) == fromString)
    }

    // MARK: Strings

    @Test func escapes() throws {
        #expect(try JSONParser.parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
        #expect(try JSONParser.parse(#""\u0000""#) == .string("\u{0}"))
        #expect(try JSONParser.parse(#""a\u0000b""#) == .string("a\u{0}b"))
        #expect(try JSONParser.parse(#""\u0041\u00e9\u00E9\u20AC\uFFFF""#) == .string("Aéé€\u{FFFF}"))
        #expect(
            try JSONParser.parse(#""\u007f\u0080\u07ff\u0800\ue000""#) == .string("\u{7F}\u{80}\u{7FF}\u{800}\u{E000}"))
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONParser.parse(#""\uD83D\uDE00 and \udbff\udfff""#) == .string("😀 and \u{10FFFF}"))
        #expect(try JSONParser.parse(#""\ud800\udc00""#) == .string("\u{10000}"))
        #expect(try JSONParser.parse(#""x\ty"#.utf8.map { $0 } + [quote]) == .string("x\ty"))
        #expect(
            try JSONParser.parse(#"{"ke\"y":"caf\u00e9 — été \n 漢字 😀\\"}"#)
                == .object([("ke\"y", "café — été \n 漢字 😀\\")]))
        // Escapes at every position around the eight-byte fast path.
        for index in 0..<20 {
            let prefix = String(repeating: "a", count: index)
            #expect(try JSONParser.parse("\"\(prefix)\\n\(prefix)\"") == .string("\(prefix)\n\(prefix)"))
        }
    }

    @Test func unicodeText() throws {
        let samples = [
            "\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}\u{D7FF}\u{E000}",
            "我忘记了密码，你能帮我吗？", "Привет", "مرحبا", "👨‍👩‍👧‍👦 family", "e\u{301}",
        ]
        for sample in samples {
            #expect(try JSONParser.parse("\"\(sample)\"") == .string(sample))
            #expect(
                try JSONParser.parse("{\"\(sample)\":[\"\(sample)\"]}")
                    == .object([(sample, .array([.string(sample)]))]))
        }
    }

    @Test func aOneMegabyteString() throws {
        let plain = String(repeating: "abcdefghij", count: 100_000)
        #expect(try JSONParser.parse("\"\(plain)\"") == .string(plain))

        let mixed = String(repeating: "Hello, 世界! ", count: 70_000)
        let escapedText = String(repeating: #"Hello, \u4e16\u754c!\n\t\"q\" "#, count: 30_000)
        let escapedValue = String(repeating: "Hello, 世界!\n\t\"q\" ", count: 30_000)
        let value = try JSONParser.parse("[\"\(mixed)\",\"\(escapedText)\"]")
        #expect(value == .array([.string(mixed), .string(escapedValue)]))
    }

    @Test func aBigArray() throws {
        let count = 100_000
        let text = "[" + (0..<count).map { "{\"n\":\($0),\"s\":\"v\($0)\"}" }.joined(separator: ",") + "]"
        guard case .array(let items) = try JSONParser.parse(text) else {
            Issue.record("not an array")
            return
        }
        #expect(items.count == count)
        #expect(items[count - 1] == .object([("n", .number(Double(count - 1))), ("s", .string("v\(count - 1)"))]))
    }

    // MARK: Numbers

    @Test func numbers() throws {
        func number(_ text: String) throws -> Double? {
            guard case .number(let value) = try JSONParser.parse(text) else { return nil }
            return value
        }
        #expect(try number("1e-7") == 1e-7)
        #expect(try number("-0")?.bitPattern == (-0.0).bitPattern)
        #expect(try number("-0.0")?.bitPattern == (-0.0).bitPattern)
        #expect(try number("0")?.bitPattern == (0.0).bitPattern)
        #expect(try number("12345678901234") == 12_345_678_901_234)
        #expect(try number("-12345678901234") == -12_345_678_901_234)
        #expect(try JSONParser.parse("9007199254740993") == .integer("9007199254740993"))
        #expect(try number("0.1") == 0.1)
        #expect(try number("1E2") == 100)
        #expect(try number("1e+2") == 100)
        #expect(try number("1e-2") == 0.01)
        #expect(try number("2.5E-3") == 0.0025)
        #expect(try number("1.7976931348623157e308") == .greatestFiniteMagnitude)
        #expect(try number("5e-324") == .leastNonzeroMagnitude)
        #expect(try number("1e-400") == 0)  // underflow rounds to zero, as Double(String) does
        #expect(try number("[1.5]") == nil)
    }

    /// Every lexeme gives the very Double that `Double(String)` gives, fast path or not.
    @Test func numbersMatchDoubleFromString() throws {
        var lexemes = [
            "0", "-0", "1", "-1", "9007199254740992", "9007199254740993", "18446744073709551615",
            "18446744073709551616", "99999999999999999999", "1e22", "1e23", "1e-22", "1e-23", "123456789e-22",
            "123456789e22", "0.000001", "0.1e-308", "2.2250738585072014e-308", "2.2250738585072011e-308",
            "4.9e-324", "2.4703282292062328e-324", "0e12345678901234567890", "0.0000000000000000000000000001",
            "1.00000000000000000000000000000000000001", "3.141592653589793238462643383279",
            "123456789012345678901234567890e-10", "8.98846567431158e307", "1.7976931348623157e308",
            "0.30000000000000004", "17.000000000000004", "1E0", "1e-0", "1e00001",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        for _ in 0..<20_000 {
            let digits = String(next() % (next() % 2 == 0 ? 1_000_000 : 1 << 53 + 5))
            let point = Int(next() % UInt64(digits.count + 1))
            var lexeme = next() % 2 == 0 ? "-" : ""
            lexeme +=
                point == 0 || point == digits.count
                ? digits : String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            if next() % 2 == 0 { lexeme += "e" + String(Int(next() % 70) - 35) }
            lexemes.append(lexeme)
        }
        for lexeme in lexemes {
            let expected = try #require(Double(lexeme))
            let parsed = try JSONParser.parse(lexeme)
            if case .integer(let digits) = parsed {
                // An integer past 2^53 keeps its digits, which read as the same Double.
                #expect(digits == lexeme && abs(expected) >= 9_007_199_254_740_992, "\(lexeme)")
                continue
            }
            guard case .number(let value) = parsed else {
                Issue.record("\(lexeme) parsed to \(parsed)")
                continue
            }
            #expect(value.bitPattern == expected.bitPattern, "\(lexeme)")
        }
    }

    // MARK: Errors

    @Test(arguments: invalidInputs)
    func invalidInputIsRejected(_ input: String, messagePrefix: String) {
        let error = parseError(input)
        #expect(
            error?.message.hasPrefix(messagePrefix) == true,
            "\(String(reflecting: input)): \(String(describing: error))")
    }

    @Test(arguments: invalidUTF8)
    func invalidUTF8IsRejected(_ sample: InvalidUTF8Sample) {
        let error = parseError(sample.bytes)
        #expect(error?.message.hasPrefix("invalid UTF-8") == true, "\(String(describing: error))")
        #expect(error?.offset == sample.offset)
    }

    @Test func validUTF8Boundaries() throws {
        let samples: [[UInt8]] = [
            [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
            [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF3, 0xBF, 0xBF, 0xBF],
        ]
        for sample in samples {
            let value = try JSONParser.parse([quote] + sample + [quote])
            #expect(value == .string(String(decoding: sample, as: UTF8.self)))
        }
    }

    @Test func errorsSayWhere() {
        let error = parseError(#"{"jsonrpc" "2.0"}"#)
        #expect(error == JSONParseError(message: "expected ':' after an object key, found '\"'", offset: 11))
        #expect(error?.description == #"expected ':' after an object key, found '"' at byte 11"#)
        #expect(parseError("{\"a\":1,\n\"b\":tru}")?.offset == 12)
        #expect(parseError("[1,2,]")?.offset == 5)
        #expect(parseError("\"abc")?.offset == 0)
        #expect(parseError("[\"ab\\qc\"]")?.offset == 4)
        #expect(parseError("\"ab\u{1}\"")?.offset == 3)
        #expect(parseError(" 1e999")?.offset == 1)
        #expect(parseError("{} x")?.offset == 3)
        #expect(parseError("   ")?.offset == 3)
        #expect(parseError("[012]")?.offset == 1)
    }

    // MARK: Depth

    @Test func nestingDeeperThanTheLimitIsAnError() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(parseError(deep) == JSONParseError(message: "nesting deeper than 64", offset: 64))
        let deepObjects = String(repeating: "{\"a\":", count: 100_000)
        #expect(parseError(deepObjects)?.message == "nesting deeper than 64")
        // No stack is used for nesting, whatever the limit.
        #expect(parseError(deep, maximumDepth: .max)?.message == "unexpected end of input")
        #expect(parseError(deepObjects, maximumDepth: .max)?.message == "unexpected end of input")
        #expect(parseError("[[1]]", maximumDepth: 1)?.message == "nesting deeper than 1")
        #expect(parseError("{}", maximumDepth: 0)?.message == "nesting deeper than 0")
        #expect(parseError("1", maximumDepth: 0) == nil)
    }

    @Test func nestingUpToTheLimitParses() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "[{\"k\":", count: depth / 2) + "0" + String(repeating: "}]", count: depth / 2)
        }
        #expect(parseError(nested(64)) == nil)
        #expect(parseError(nested(66))?.message == "nesting deeper than 64")
        #expect(parseError(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) == nil)
        #expect(parseError(String(repeating: "[", count: 65) + String(repeating: "]", count: 65)) != nil)
        #expect(parseError(nested(2000), maximumDepth: 2000) == nil)
        var value = try JSONParser.parse(nested(10))
        for _ in 0..<5 {
            guard case .array(let items) = value, case .object(let pairs) = items[0] else {
                Issue.record("unexpected shape \(value)")
                return
            }
            value = pairs[0].1
        }
        #expect(value == 0)
    }

    // MARK: Round trip

    @Test func roundTrip() throws {
        let values: [JSONValue] = [
            nil, true, false, 0, -1, 42, .number(3.5), .number(-0.25), .number(1e20), .number(1e-7),
            .number(1.2345678901234568e17), .number(0.1), .number(.greatestFiniteMagnitude),
            .number(.leastNonzeroMagnitude), .number(-2.5e-300), .number(999_999_999_999_999),
            "", "plain", "quote \" backslash \\ slash / newline \n tab \t return \r",
            "controls \u{0}\u{1}\u{8}\u{C}\u{1F}\u{7F}", "unicode é 漢字 😀 \u{10FFFF} \u{FEFF}",
            .array([]), .object([]), .array([1, "two", nil, .array([.object([])])]),
            .object([("b", 1), ("a", .array([true, false])), ("b", .object([("", "empty key")]))]),
            .object([
                ("jsonrpc", "2.0"), ("id", 17), ("method", "message"),
                ("params", .object([("conversation", "c-123"), ("text", "I forgot my password, can you help?")])),
            ]),
        ]
        for value in values {
            let text = value.serialized
            #expect(try JSONParser.parse(text) == value, "\(text)")
        }
    }
}

@Test("Lone surrogate escapes (valid JSON, no character) become U+FFFD, as in JavaScript and Python")
func loneSurrogatesBecomeReplacementCharacters() throws {
    let cases: [(String, String)] = [
        (#""\ud83d""#, "\u{FFFD}"),
        (#""\uDE00""#, "\u{FFFD}"),
        (#""\ud83d\u0041""#, "\u{FFFD}A"),
        (#""\ud83dx\ude00""#, "\u{FFFD}x\u{FFFD}"),
        (#""\ud83d\ud83d\ude00""#, "\u{FFFD}😀"),
        (#""\ude00\ud83d""#, "\u{FFFD}\u{FFFD}"),
    ]
    for (input, expected) in cases {
        #expect(try JSONParser.parse(input) == .string(expected), "\(input)")
    }
}
