/// Why a text is not JSON, and where (byte offset into the input).
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A short explanation, e.g. `expected ':' after an object key`.
    public let message: String
    /// The byte offset into the input where the problem was found.
    public let offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) at byte \(offset)" }
}

/// A strict RFC 8259 JSON parser working directly on UTF-8 bytes.
///
/// It accepts exactly one value with optional surrounding whitespace, validates UTF-8, keeps object keys in
/// order (duplicates included) and never recurses, so deep nesting cannot overflow the stack; nesting beyond
/// `maximumDepth` is an error. Keep `maximumDepth` modest: the `JSONValue` it returns is torn down and compared
/// recursively.
public enum JSONParser {
    /// Parses exactly one JSON value (surrounding whitespace allowed) from UTF-8 bytes.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, maximumDepth: Int = 64
    ) throws(JSONParseError) -> JSONValue {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            throw JSONParseError(message: "empty input", offset: 0)
        }
        var parser = Parser(
            base: base.assumingMemoryBound(to: UInt8.self), count: bytes.count, maximumDepth: maximumDepth)
        return try parser.parseDocument()
    }

    /// Parses exactly one JSON value (surrounding whitespace allowed) from UTF-8 bytes.
    public static func parse(_ bytes: [UInt8], maximumDepth: Int = 64) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { buffer in
            do throws(JSONParseError) {
                return .success(try parse(buffer, maximumDepth: maximumDepth))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses exactly one JSON value (surrounding whitespace allowed) from a string's UTF-8.
    public static func parse(_ text: String, maximumDepth: Int = 64) throws(JSONParseError) -> JSONValue {
        var text = text
        let result: Result<JSONValue, JSONParseError> = text.withUTF8 { buffer in
            do throws(JSONParseError) {
                return .success(try parse(UnsafeRawBufferPointer(buffer), maximumDepth: maximumDepth))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

// MARK: - The parser

/// ASCII codes the grammar mentions.
private enum ASCII {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22  // "
    static let plus: UInt8 = 0x2B  // +
    static let comma: UInt8 = 0x2C  // ,
    static let minus: UInt8 = 0x2D  // -
    static let period: UInt8 = 0x2E  // .
    static let slash: UInt8 = 0x2F  // /
    static let zero: UInt8 = 0x30  // 0
    static let nine: UInt8 = 0x39  // 9
    static let colon: UInt8 = 0x3A  // :
    static let upperA: UInt8 = 0x41  // A
    static let upperE: UInt8 = 0x45  // E
    static let upperF: UInt8 = 0x46  // F
    static let openBracket: UInt8 = 0x5B  // [
    static let backslash: UInt8 = 0x5C  // \
    static let closeBracket: UInt8 = 0x5D  // ]
    static let lowerA: UInt8 = 0x61  // a
    static let lowerB: UInt8 = 0x62  // b
    static let lowerE: UInt8 = 0x65  // e
    static let lowerF: UInt8 = 0x66  // f
    static let lowerN: UInt8 = 0x6E  // n
    static let lowerR: UInt8 = 0x72  // r
    static let lowerT: UInt8 = 0x74  // t
    static let lowerU: UInt8 = 0x75  // u
    static let openBrace: UInt8 = 0x7B  // {
    static let closeBrace: UInt8 = 0x7D  // }
}

/// An array or object still open, with its members so far.
private struct Frame {
    var isObject: Bool
    var pairs: [(String, JSONValue)] = []
    var items: [JSONValue] = []
    /// The key of the enclosing object's member this container is the value of.
    var outerKey: String
}

/// One parse of one input: a position in the bytes and the containers still open.
private struct Parser {
    let base: UnsafePointer<UInt8>
    let end: Int
    let maximumDepth: Int
    var position = 0
    /// The key of the object member being parsed.
    var key = ""
    var frames: [Frame] = []
    /// Decoded bytes of a string with escapes, reused from string to string.
    var scratch: [UInt8] = []

    init(base: UnsafePointer<UInt8>, count: Int, maximumDepth: Int) {
        self.base = base
        self.end = count
        self.maximumDepth = maximumDepth
    }

    // MARK: Structure

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        if position == end { throw JSONParseError(message: "empty input", offset: position) }
        let value = try parseValues()
        skipWhitespace()
        if position != end { throw unexpected("unexpected data after the JSON value") }
        return value
    }

    /// Parses one value, arrays and objects with an explicit stack instead of recursion.
    mutating func parseValues() throws(JSONParseError) -> JSONValue {
        while true {
            // Here a value must start.
            skipWhitespace()
            guard position < end else { throw JSONParseError(message: "unexpected end of input", offset: position) }
            var value: JSONValue
            switch base[position] {
            case ASCII.quote:
                value = .string(try parseString())
            case ASCII.openBrace:
                try checkDepth()
                position += 1
                skipWhitespace()
                if position < end, base[position] == ASCII.closeBrace {
                    position += 1
                    value = .object([])
                } else {
                    try pushFrame(isObject: true)
                    continue
                }
            case ASCII.openBracket:
                try checkDepth()
                position += 1
                skipWhitespace()
                if position < end, base[position] == ASCII.closeBracket {
                    position += 1
                    value = .array([])
                } else {
                    try pushFrame(isObject: false)
                    continue
                }
            case ASCII.minus, ASCII.zero...ASCII.nine:
                let start = position
                let number: Double?
                do {
                    number = try parseNumber()
                } catch {
                    number = nil  // out of a Double's range: an integer keeps its digits below
                    if error.message != "number out of range" { throw error }
                }
                let literal = UnsafeBufferPointer(start: base + start, count: position - start)
                let isInteger = literal.allSatisfy { isDigit($0) || $0 == ASCII.minus }
                if let number, !isInteger || abs(number) < 9_007_199_254_740_992 {
                    value = .number(number)
                } else if isInteger {
                    // Past 2^53 a Double no longer holds every integer: keep an integer's digits.
                    value = .integer(String(decoding: literal, as: UTF8.self))
                } else {
                    throw JSONParseError(message: "number out of range", offset: start)
                }
            case ASCII.lowerT:
                try parseLiteral("true")
                value = .bool(true)
            case ASCII.lowerF:
                try parseLiteral("false")
                value = .bool(false)
            case ASCII.lowerN:
                try parseLiteral("null")
                value = .null
            case ASCII.closeBracket where !frames.isEmpty && !frames[frames.count - 1].isObject:
                throw JSONParseError(message: "trailing comma in an array", offset: position)
            default:
                throw unexpected("expected a value")
            }

            // A value is complete: add it to the open container, closing containers as they end.
            while true {
                let innermost = frames.count - 1
                guard innermost >= 0 else { return value }
                let isObject = frames[innermost].isObject
                if isObject {
                    frames[innermost].pairs.append((key, value))
                } else {
                    frames[innermost].items.append(value)
                }
                skipWhitespace()
                guard position < end else {
                    throw JSONParseError(message: "unexpected end of input", offset: position)
                }
                let byte = base[position]
                if byte == ASCII.comma {
                    position += 1
                    if isObject { try parseKey(afterComma: true) }
                    break
                }
                if isObject {
                    guard byte == ASCII.closeBrace else {
                        throw unexpected("expected ',' or '}' after an object member")
                    }
                } else {
                    guard byte == ASCII.closeBracket else {
                        throw unexpected("expected ',' or ']' after an array element")
                    }
                }
                position += 1
                let frame = frames.removeLast()
                value = isObject ? .object(frame.pairs) : .array(frame.items)
                key = frame.outerKey
            }
        }
    }

    func checkDepth() throws(JSONParseError) {
        if frames.count >= maximumDepth {
            throw JSONParseError(message: "nesting deeper than \(maximumDepth)", offset: position)
        }
    }

    mutating func pushFrame(isObject: Bool) throws(JSONParseError) {
        if frames.isEmpty { frames.reserveCapacity(8) }
        var frame = Frame(isObject: isObject, outerKey: key)
        if isObject {
            frame.pairs.reserveCapacity(4)
        } else {
            frame.items.reserveCapacity(4)
        }
        frames.append(frame)
        if isObject {
            try parseKey(afterComma: false)
        } else {
            key = ""
        }
    }

    /// Parses an object key and its colon, leaving the position where the member's value starts.
    mutating func parseKey(afterComma: Bool) throws(JSONParseError) {
        skipWhitespace()
        guard position < end, base[position] == ASCII.quote else {
            if afterComma, position < end, base[position] == ASCII.closeBrace {
                throw JSONParseError(message: "trailing comma in an object", offset: position)
            }
            throw unexpected("expected a string key in an object")
        }
        key = try parseString()
        skipWhitespace()
        guard position < end, base[position] == ASCII.colon else {
            throw unexpected("expected ':' after an object key")
        }
        position += 1
    }

    mutating func skipWhitespace() {
        while position < end {
            switch base[position] {
            case ASCII.space, ASCII.lineFeed, ASCII.carriageReturn, ASCII.tab: position += 1
            default: return
            }
        }
    }

    mutating func parseLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        if end - position >= count {
            var index = 1  // the first byte chose the literal
            while index < count, base[position + index] == expected[index] { index += 1 }
            if index == count {
                position += count
                return
            }
        }
        throw JSONParseError(message: "invalid literal (expected \(literal))", offset: position)
    }

    // MARK: Errors

    /// An error for the byte at `position`: its description appended to `expectation`, or, when it starts
    /// invalid UTF-8, that instead.
    func unexpected(_ expectation: String) -> JSONParseError {
        guard position < end else {
            return JSONParseError(message: "\(expectation), found end of input", offset: position)
        }
        let byte = base[position]
        let found: String
        if byte >= 0x80 {
            var copy = self
            do throws(JSONParseError) {
                try copy.validateUTF8Sequence()
            } catch {
                return error
            }
            let scalar = String(
                decoding: UnsafeBufferPointer(start: base + position, count: copy.position - position), as: UTF8.self
            )
            .unicodeScalars.first!
            found = "U+" + hex(scalar.value, digits: 4)
        } else if byte >= 0x21, byte < 0x7F {
            found = "'\(Character(Unicode.Scalar(byte)))'"
        } else {
            found = "byte 0x" + hex(UInt32(byte), digits: 2)
        }
        return JSONParseError(message: "\(expectation), found \(found)", offset: position)
    }

    // MARK: Strings

    /// Parses a string starting at its opening quote, leaving the position after its closing quote.
    mutating func parseString() throws(JSONParseError) -> String {
        let opening = position
        position += 1
        var runStart = position
        var escaped = false
        while true {
            // Skip eight plain ASCII bytes at a time: no quote, backslash, control character or non-ASCII.
            while end - position >= 8 {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                if needsAttention(word) { break }
                position += 8
            }
            guard position < end else { throw JSONParseError(message: "unterminated string", offset: opening) }
            let byte = base[position]
            if byte == ASCII.quote {
                let run = UnsafeBufferPointer(start: base + runStart, count: position - runStart)
                position += 1
                if !escaped { return String(decoding: run, as: UTF8.self) }
                scratch.append(contentsOf: run)
                let text = String(decoding: scratch, as: UTF8.self)
                scratch.removeAll(keepingCapacity: true)
                return text
            } else if byte == ASCII.backslash {
                if !escaped {
                    escaped = true
                    scratch.removeAll(keepingCapacity: true)
                }
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: position - runStart))
                try parseEscape()
                runStart = position
            } else if byte < 0x20 {
                throw JSONParseError(
                    message: "control character 0x\(hex(UInt32(byte), digits: 2)) in a string (escape it)",
                    offset: position)
            } else if byte < 0x80 {
                position += 1
            } else {
                try validateUTF8Sequence()
            }
        }
    }

    /// Whether any of the eight bytes is a quote, a backslash, below 0x20 or above 0x7F (or, rarely, a false
    /// alarm: the bytes are then looked at one by one anyway).
    @inline(__always)
    func needsAttention(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(ASCII.quote))
        let backslashes = word ^ (ones &* UInt64(ASCII.backslash))
        let hasZeroQuote = (quotes &- ones) & ~quotes
        let hasZeroBackslash = (backslashes &- ones) & ~backslashes
        let hasControl = (word &- ones &* 0x20) & ~word
        return (hasZeroQuote | hasZeroBackslash | hasControl | word) & highs != 0
    }

    /// Decodes the escape at `position` (a backslash) into `scratch`.
    mutating func parseEscape() throws(JSONParseError) {
        let start = position
        guard position + 1 < end else { throw JSONParseError(message: "unterminated string", offset: position) }
        let byte = base[position + 1]
        position += 2
        switch byte {
        case ASCII.quote, ASCII.backslash, ASCII.slash: scratch.append(byte)
        case ASCII.lowerB: scratch.append(0x08)
        case ASCII.lowerF: scratch.append(0x0C)
        case ASCII.lowerN: scratch.append(ASCII.lineFeed)
        case ASCII.lowerR: scratch.append(ASCII.carriageReturn)
        case ASCII.lowerT: scratch.append(ASCII.tab)
        case ASCII.lowerU:
            var scalar = try parseHex4(escapeStart: start)
            if scalar >= 0xD800, scalar < 0xDC00 {
                // A high surrogate pairs with a following \u escape of a low surrogate. Alone (as
                // JavaScript writes a string cut in the middle of an emoji), it is valid JSON but
                // no character: it becomes U+FFFD, as JavaScript's and Python's parsers do.
                var paired = false
                if end - position >= 6, base[position] == ASCII.backslash, base[position + 1] == ASCII.lowerU {
                    let lowStart = position
                    position += 2
                    let low = try parseHex4(escapeStart: lowStart)
                    if low >= 0xDC00, low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        paired = true
                    } else {
                        position = lowStart  // not a low surrogate: read it as an escape of its own
                    }
                }
                if !paired { scalar = 0xFFFD }
            } else if scalar >= 0xDC00, scalar < 0xE000 {
                scalar = 0xFFFD
            }
            appendUTF8(scalar)
        default:
            let shown =
                byte >= 0x21 && byte < 0x7F
                ? "'\\\(Character(Unicode.Scalar(byte)))'" : "(backslash, then byte 0x\(hex(UInt32(byte), digits: 2)))"
            throw JSONParseError(message: "invalid escape \(shown) in a string", offset: start)
        }
    }

    /// Reads the four hex digits after `\u`.
    mutating func parseHex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        guard end - position >= 4 else {
            throw JSONParseError(message: "invalid \\u escape (expected 4 hex digits)", offset: escapeStart)
        }
        var value: UInt32 = 0
        for index in 0..<4 {
            let byte = base[position + index]
            let digit: UInt8
            switch byte {
            case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
            case ASCII.lowerA...ASCII.lowerF: digit = byte - ASCII.lowerA + 10
            case ASCII.upperA...ASCII.upperF: digit = byte - ASCII.upperA + 10
            default: throw JSONParseError(message: "invalid \\u escape (expected 4 hex digits)", offset: escapeStart)
            }
            value = value << 4 | UInt32(digit)
        }
        position += 4
        return value
    }

    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case ..<0x80:
            scratch.append(UInt8(scalar))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Checks the multi-byte UTF-8 sequence at `position` (RFC 3629, table 3-7 of Unicode) and moves past it.
    mutating func validateUTF8Sequence() throws(JSONParseError) {
        let lead = base[position]
        let length: Int
        // The range the second byte must be in; the others are plain continuation bytes 0x80...0xBF.
        var secondLow: UInt8 = 0x80
        var secondHigh: UInt8 = 0xBF
        switch lead {
        case 0x80...0xBF:
            throw JSONParseError(
                message: "invalid UTF-8: unexpected continuation byte 0x\(hex(UInt32(lead), digits: 2))",
                offset: position)
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondLow = 0xA0  // below: overlong
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondHigh = 0x9F  // above: a surrogate
        case 0xF0:
            length = 4
            secondLow = 0x90  // below: overlong
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondHigh = 0x8F  // above: beyond U+10FFFF
        default:  // 0xC0, 0xC1 (overlong), 0xF5...0xFF
            throw JSONParseError(
                message: "invalid UTF-8: byte 0x\(hex(UInt32(lead), digits: 2)) never appears", offset: position)
        }
        guard end - position >= length else {
            throw JSONParseError(message: "invalid UTF-8: truncated sequence", offset: position)
        }
        let second = base[position + 1]
        if second < secondLow || second > secondHigh {
            let reason: String
            if second < 0x80 || second > 0xBF {
                reason = "truncated sequence"
            } else if lead == 0xED {
                reason = "encoded surrogate"
            } else if lead == 0xF4 {
                reason = "code point above U+10FFFF"
            } else {
                reason = "overlong encoding"
            }
            throw JSONParseError(message: "invalid UTF-8: \(reason)", offset: position)
        }
        for index in 2..<length where base[position + index] & 0xC0 != 0x80 {
            throw JSONParseError(message: "invalid UTF-8: truncated sequence", offset: position)
        }
        position += length
    }

    // MARK: Numbers

    /// Parses `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` to the Double `Double(String)` gives.
    mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = position
        let negative = base[position] == ASCII.minus
        if negative { position += 1 }

        // Integer part. Up to 19 significant digits are accumulated for the fast paths.
        var mantissa: UInt64 = 0
        var digitCount = 0
        guard position < end, isDigit(base[position]) else {
            throw unexpected("expected a digit after '-'")
        }
        if base[position] == ASCII.zero {
            position += 1
            if position < end, isDigit(base[position]) {
                throw JSONParseError(message: "leading zeros are not allowed in a number", offset: start)
            }
        } else {
            while position < end, isDigit(base[position]) {
                mantissa = mantissa &* 10 &+ UInt64(base[position] - ASCII.zero)
                digitCount += 1
                position += 1
            }
        }

        // Fraction.
        var fractionDigits = 0
        if position < end, base[position] == ASCII.period {
            position += 1
            guard position < end, isDigit(base[position]) else { throw unexpected("expected a digit after '.'") }
            while position < end, isDigit(base[position]) {
                mantissa = mantissa &* 10 &+ UInt64(base[position] - ASCII.zero)
                if mantissa != 0 { digitCount += 1 }
                fractionDigits += 1
                position += 1
            }
        }

        // Exponent.
        var exponent = 0
        if position < end, base[position] | 0x20 == ASCII.lowerE {
            position += 1
            var exponentNegative = false
            if position < end, base[position] == ASCII.plus || base[position] == ASCII.minus {
                exponentNegative = base[position] == ASCII.minus
                position += 1
            }
            guard position < end, isDigit(base[position]) else {
                throw unexpected("expected a digit in the exponent")
            }
            while position < end, isDigit(base[position]) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(base[position] - ASCII.zero) }
                position += 1
            }
            if exponentNegative { exponent = -exponent }
        }

        // Exact fast path: a mantissa of at most 2^53 and a power of ten of at most 22 are both exact doubles,
        // so one multiplication or division rounds correctly, as Double(String) does.
        if digitCount <= 19, mantissa <= 1 << 53 {
            let scale = exponent - fractionDigits
            if scale >= -22, scale <= 22 {
                var value = Double(mantissa)
                if scale < 0 {
                    value /= Parser.powersOfTen[-scale]
                } else if scale > 0 {
                    value *= Parser.powersOfTen[scale]
                }
                if value.isFinite { return negative ? -value : value }
            }
        }

        let lexeme = String(decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self)
        guard let value = Double(lexeme), value.isFinite else {
            throw JSONParseError(message: "number out of range", offset: start)
        }
        return value
    }

    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    @inline(__always)
    func isDigit(_ byte: UInt8) -> Bool { byte &- ASCII.zero < 10 }
}

/// `value` in upper-case hex, zero-padded to `digits`.
private func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
}
