import Foundation

/// A small JSON Schema validator for tests, covering the keywords the SARIF 2.1.0 schema uses.
///
/// It follows draft-07 (the SARIF schema says draft-04; for the keywords it uses the two agree, except
/// that draft-07 counts 1.0 as an integer). Only local `$ref`s (`#/...`) are resolved. Keywords the
/// validator does not know are listed in `unsupportedKeywords` rather than silently skipped.
struct JSONSchemaValidator: Sendable {
    /// A JSON value, with booleans kept apart from numbers and integers kept exact.
    indirect enum Value: Sendable, CustomStringConvertible {
        case null
        case bool(Bool)
        case integer(Int64)
        case number(Double)
        case string(String)
        case array([Value])
        case object([String: Value])

        /// What `type` calls this value (an integral number is an `integer`, as in draft-07).
        var typeName: String {
            switch self {
            case .null: "null"
            case .bool: "boolean"
            case .integer: "integer"
            case .number(let number): number.isFinite && number.rounded() == number ? "integer" : "number"
            case .string: "string"
            case .array: "array"
            case .object: "object"
            }
        }

        var numericValue: Double? {
            switch self {
            case .integer(let integer): Double(integer)
            case .number(let number): number
            default: nil
            }
        }

        /// Compact JSON text, for error messages.
        var description: String {
            switch self {
            case .null: return "null"
            case .bool(let bool): return bool ? "true" : "false"
            case .integer(let integer): return String(integer)
            case .number(let number): return String(number)
            case .string(let string): return Value.quoted(string)
            case .array(let items): return "[" + items.map(\.description).joined(separator: ",") + "]"
            case .object(let members):
                let pairs = members.keys.sorted().map { Value.quoted($0) + ":" + members[$0]!.description }
                return "{" + pairs.joined(separator: ",") + "}"
            }
        }

        private static func quoted(_ string: String) -> String {
            var text = "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                case "\t": text += "\\t"
                default:
                    if scalar.value < 0x20 {
                        text += String(format: "\\u%04x", scalar.value)
                    } else {
                        text.unicodeScalars.append(scalar)
                    }
                }
            }
            return text + "\""
        }

        /// JSON equality: numbers compare by value (1 equals 1.0), objects ignore member order.
        func isEqual(to other: Value) -> Bool {
            switch (self, other) {
            case (.null, .null): return true
            case (.bool(let left), .bool(let right)): return left == right
            case (.integer(let left), .integer(let right)): return left == right
            case (.integer, .number), (.number, .integer), (.number, .number):
                return numericValue == other.numericValue
            case (.string(let left), .string(let right)): return left == right
            case (.array(let left), .array(let right)):
                return left.count == right.count && zip(left, right).allSatisfy { $0.isEqual(to: $1) }
            case (.object(let left), .object(let right)):
                return left.count == right.count
                    && left.allSatisfy { key, value in right[key].map { value.isEqual(to: $0) } ?? false }
            default: return false
            }
        }

        /// Converts what `JSONSerialization` returns (or plain Swift values built in a test).
        init(_ any: Any) throws {
            if any is NSNull {
                self = .null
            } else if let string = any as? String {
                self = .string(string)
            } else if type(of: any) is NSNumber.Type, let number = any as? NSNumber {
                self = Value(number: number)
            } else if type(of: any) == Bool.self, let bool = any as? Bool {
                self = .bool(bool)
            } else if let integer = Value.nativeInteger(any) {
                self = .integer(integer)
            } else if type(of: any) == Double.self, let double = any as? Double {
                self = .number(double)
            } else if type(of: any) == Float.self, let float = any as? Float {
                self = .number(Double(float))
            } else if let array = any as? [Any] {
                self = .array(try array.map(Value.init))
            } else if let object = any as? [String: Any] {
                self = .object(try object.mapValues(Value.init))
            } else {
                throw SchemaError("not a JSON value: \(type(of: any))")
            }
        }

        /// Booleans from `JSONSerialization` are `NSNumber`s too (and `as? Bool` also accepts 0 and 1),
        /// so they are told apart by their class, which is that of `NSNumber(value: true)`.
        private init(number: NSNumber) {
            if ObjectIdentifier(type(of: number)) == Value.booleanClass {
                self = .bool(number.boolValue)
                return
            }
            switch String(cString: number.objCType) {
            case "c", "s", "i", "l", "q": self = .integer(number.int64Value)
            case "C", "S", "I", "L", "Q":
                let unsigned = number.uint64Value
                self = unsigned <= UInt64(Int64.max) ? .integer(Int64(unsigned)) : .number(Double(unsigned))
            default: self = .number(number.doubleValue)
            }
        }

        private static let booleanClass = ObjectIdentifier(type(of: NSNumber(value: true)))

        private static func nativeInteger(_ any: Any) -> Int64? {
            switch any {
            case let value as Int where type(of: any) == Int.self: Int64(value)
            case let value as Int64 where type(of: any) == Int64.self: value
            case let value as Int32 where type(of: any) == Int32.self: Int64(value)
            case let value as UInt32 where type(of: any) == UInt32.self: Int64(value)
            default: nil
            }
        }
    }

    struct SchemaError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Keywords that are checked.
    static let assertionKeywords: Set<String> = [
        "$ref", "type", "enum", "properties", "required", "additionalProperties", "items", "minItems",
        "uniqueItems", "minimum", "maximum", "pattern", "format", "anyOf", "oneOf", "allOf",
    ]
    /// Keywords that carry no assertion and are ignored, as the specification allows.
    static let annotationKeywords: Set<String> = [
        "$schema", "$id", "id", "title", "description", "default", "definitions", "$comment", "examples",
    ]
    /// Values of `format` that are checked (loosely); any other is reported as unsupported.
    static let checkedFormats: Set<String> = ["uri", "uri-reference", "date-time"]

    let root: Value
    /// Where the schema uses something this validator would skip: `pointer: keyword` lines. Empty for a
    /// schema that is fully checked.
    let unsupportedKeywords: [String]
    /// The keywords the schema uses, anywhere a schema may stand.
    let usedKeywords: Set<String>
    private let patterns: [String: Pattern]

    init(schemaAt path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try self.init(schema: try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    init(schema: Any) throws {
        root = try Value(schema)
        var unsupported: [String] = []
        var used: Set<String> = []
        var patterns: [String: Pattern] = [:]
        try Self.survey(root, at: "", unsupported: &unsupported, used: &used, patterns: &patterns)
        self.unsupportedKeywords = unsupported
        self.usedKeywords = used
        self.patterns = patterns
        try Self.checkReferences(in: root, root: root)
    }

    /// The errors for `json` (what `JSONSerialization` returns), each `pointer: message`; empty if valid.
    func validate(_ json: Any) -> [String] {
        let instance: Value
        do {
            instance = try Value(json)
        } catch {
            return ["\(Self.display("")): \(error)"]
        }
        return validate(instance)
    }

    func validate(_ instance: Value) -> [String] {
        var errors: [String] = []
        check(instance, against: root, at: "", errors: &errors)
        return errors
    }

    // MARK: - Checking

    private func check(_ instance: Value, against schema: Value, at pointer: String, errors: inout [String]) {
        func fail(_ message: String, at place: String = pointer) {
            errors.append("\(Self.display(place)): \(message)")
        }
        let keywords: [String: Value]
        switch schema {
        case .bool(true): return
        case .bool(false):
            fail("no value is allowed here")
            return
        case .object(let members): keywords = members
        default:
            fail("schema is not an object or a boolean")
            return
        }
        // Draft-07: beside `$ref`, other keywords are ignored (the survey reports any that assert).
        if case .string(let reference) = keywords["$ref"] {
            guard let target = Self.resolve(reference, in: root) else {
                fail("unresolvable $ref \(reference)")
                return
            }
            check(instance, against: target, at: pointer, errors: &errors)
            return
        }

        if let type = keywords["type"] { checkType(instance, type, fail: { fail($0) }) }
        if case .array(let allowed) = keywords["enum"], !allowed.contains(where: { $0.isEqual(to: instance) }) {
            fail("\(instance) is not one of \(Value.array(allowed))")
        }
        for combinator in ["allOf", "anyOf", "oneOf"] {
            guard case .array(let branches) = keywords[combinator] else { continue }
            let outcomes = branches.map { branch -> [String] in
                var branchErrors: [String] = []
                check(instance, against: branch, at: pointer, errors: &branchErrors)
                return branchErrors
            }
            let passing = outcomes.filter(\.isEmpty).count
            switch combinator {
            case "allOf" where passing < branches.count:
                errors.append(contentsOf: outcomes.flatMap { $0 })
            case "anyOf" where passing == 0:
                fail("matches none of the anyOf alternatives: " + Self.summary(outcomes))
            case "oneOf" where passing == 0:
                fail("matches none of the oneOf alternatives: " + Self.summary(outcomes))
            case "oneOf" where passing > 1:
                fail("matches \(passing) of the oneOf alternatives; exactly one is allowed")
            default: break
            }
        }

        switch instance {
        case .object(let members):
            checkObject(members, keywords, at: pointer, errors: &errors)
        case .array(let items):
            if let minimum = keywords["minItems"]?.numericValue, Double(items.count) < minimum {
                fail("has \(items.count) items, fewer than minItems \(Self.number(minimum))")
            }
            if case .bool(true) = keywords["uniqueItems"] {
                for (index, item) in items.enumerated()
                where items[..<index].contains(where: { $0.isEqual(to: item) }) {
                    fail("items are not unique: \(item) appears more than once", at: pointer + "/\(index)")
                }
            }
            if let itemSchema = keywords["items"] {
                if case .array(let positional) = itemSchema {
                    for (index, item) in items.enumerated() where index < positional.count {
                        check(item, against: positional[index], at: pointer + "/\(index)", errors: &errors)
                    }
                } else {
                    for (index, item) in items.enumerated() {
                        check(item, against: itemSchema, at: pointer + "/\(index)", errors: &errors)
                    }
                }
            }
        case .string(let string):
            if case .string(let source) = keywords["pattern"], let pattern = patterns[source],
                !pattern.matches(string)
            {
                fail("\(instance) does not match pattern \(Value.string(source))")
            }
            if case .string(let format) = keywords["format"], let problem = Self.formatProblem(string, format) {
                fail("\(instance) is not a valid \(format): \(problem)")
            }
        case .integer, .number:
            let value = instance.numericValue!
            if let minimum = keywords["minimum"]?.numericValue, value < minimum {
                fail("\(instance) is less than minimum \(Self.number(minimum))")
            }
            if let maximum = keywords["maximum"]?.numericValue, value > maximum {
                fail("\(instance) is greater than maximum \(Self.number(maximum))")
            }
        case .null, .bool: break
        }
    }

    private func checkType(_ instance: Value, _ type: Value, fail: (String) -> Void) {
        let allowed: [String]
        switch type {
        case .string(let name): allowed = [name]
        case .array(let names): allowed = names.compactMap { if case .string(let name) = $0 { name } else { nil } }
        default: return
        }
        let actual = instance.typeName
        let matches = allowed.contains { $0 == actual || ($0 == "number" && actual == "integer") }
        if !matches {
            let expected = allowed.count == 1 ? allowed[0] : "one of " + allowed.joined(separator: ", ")
            fail("expected \(expected), got \(actual) \(instance)")
        }
    }

    private func checkObject(
        _ members: [String: Value], _ keywords: [String: Value], at pointer: String, errors: inout [String]
    ) {
        if case .array(let required) = keywords["required"] {
            for case .string(let name) in required where members[name] == nil {
                errors.append("\(Self.display(pointer)): required property \"\(name)\" is missing")
            }
        }
        var declared: [String: Value] = [:]
        if case .object(let properties) = keywords["properties"] { declared = properties }
        for key in members.keys.sorted() {
            let value = members[key]!
            let place = pointer + "/" + Self.escape(key)
            if let propertySchema = declared[key] {
                check(value, against: propertySchema, at: place, errors: &errors)
            } else if let additional = keywords["additionalProperties"] {
                if case .bool(false) = additional {
                    errors.append("\(Self.display(place)): property \"\(key)\" is not allowed here")
                } else {
                    check(value, against: additional, at: place, errors: &errors)
                }
            }
        }
    }

    // MARK: - Formats (loose checks)

    private static func formatProblem(_ string: String, _ format: String) -> String? {
        switch format {
        case "uri":
            if let problem = uriReferenceProblem(string) { return problem }
            return hasScheme(string) ? nil : "no scheme (an absolute URI is required)"
        case "uri-reference":
            return uriReferenceProblem(string)
        case "date-time":
            return dateTime.matches(string) ? nil : "not an RFC 3339 date-time"
        default:
            return nil
        }
    }

    /// RFC 3986: only unreserved, reserved and `%XX`-escaped characters.
    private static func uriReferenceProblem(_ string: String) -> String? {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=")
        let bytes = Array(string.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let hex = Set("0123456789abcdefABCDEF".utf8)
                guard index + 2 < bytes.count, hex.contains(bytes[index + 1]), hex.contains(bytes[index + 2]) else {
                    return "\"%\" not followed by two hex digits"
                }
                index += 3
                continue
            }
            guard byte < 0x80, allowed.contains(Character(Unicode.Scalar(byte))) else {
                return "character \(Value.string(String(decoding: [byte], as: UTF8.self))) must be percent-encoded"
            }
            index += 1
        }
        return nil
    }

    private static func hasScheme(_ string: String) -> Bool {
        guard let colon = string.firstIndex(of: ":"), colon != string.startIndex else { return false }
        let scheme = string[..<colon]
        return scheme.first!.isASCII && scheme.first!.isLetter
            && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    private static let dateTime = Pattern(
        anchored: #"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"#)!

    // MARK: - The schema itself

    /// Walks every place a schema may stand, noting keywords, compiling patterns and listing what is
    /// not supported.
    private static func survey(
        _ schema: Value, at pointer: String, unsupported: inout [String], used: inout Set<String>,
        patterns: inout [String: Pattern]
    ) throws {
        guard case .object(let keywords) = schema else {
            if case .bool = schema { return }
            throw SchemaError("\(display(pointer)): a schema must be an object or a boolean")
        }
        func visit(_ child: Value, _ suffix: String) throws {
            try survey(child, at: pointer + suffix, unsupported: &unsupported, used: &used, patterns: &patterns)
        }
        for key in keywords.keys.sorted() {
            let value = keywords[key]!
            used.insert(key)
            if !assertionKeywords.contains(key) && !annotationKeywords.contains(key) {
                unsupported.append("\(display(pointer)): \(key)")
            }
            if keywords["$ref"] != nil && key != "$ref" && !annotationKeywords.contains(key) {
                unsupported.append("\(display(pointer)): \(key) (ignored beside $ref)")
            }
            switch (key, value) {
            case ("properties", .object(let children)), ("definitions", .object(let children)):
                for name in children.keys.sorted() { try visit(children[name]!, "/\(key)/" + escape(name)) }
            case ("items", .array(let children)), ("allOf", .array(let children)), ("anyOf", .array(let children)),
                ("oneOf", .array(let children)):
                for (index, child) in children.enumerated() { try visit(child, "/\(key)/\(index)") }
            case ("items", _), ("additionalProperties", _):
                try visit(value, "/\(key)")
            case ("pattern", .string(let source)):
                guard let pattern = Pattern(source) else {
                    throw SchemaError("\(display(pointer)): pattern \(value) does not compile")
                }
                patterns[source] = pattern
            case ("format", .string(let format)) where !checkedFormats.contains(format):
                unsupported.append("\(display(pointer)): format \(value)")
            default: break
            }
        }
    }

    /// Every `$ref` must resolve, so a typo fails at load rather than on the first instance that reaches it.
    private static func checkReferences(in schema: Value, root: Value, at pointer: String = "") throws {
        switch schema {
        case .object(let members):
            if case .string(let reference) = members["$ref"], resolve(reference, in: root) == nil {
                throw SchemaError("\(display(pointer)): unresolvable $ref \(reference)")
            }
            for (key, value) in members { try checkReferences(in: value, root: root, at: pointer + "/" + escape(key)) }
        case .array(let items):
            for (index, item) in items.enumerated() {
                try checkReferences(in: item, root: root, at: pointer + "/\(index)")
            }
        default: break
        }
    }

    /// Resolves a local reference, `#` followed by a JSON pointer.
    static func resolve(_ reference: String, in root: Value) -> Value? {
        guard reference.hasPrefix("#") else { return nil }
        let pointer = reference.dropFirst()
        if pointer.isEmpty { return root }
        guard pointer.hasPrefix("/") else { return nil }
        var current = root
        for token in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch current {
            case .object(let members):
                guard let next = members[name] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(name), items.indices.contains(index) else { return nil }
                current = items[index]
            default: return nil
            }
        }
        return current
    }

    // MARK: - Helpers

    private static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    private static func display(_ pointer: String) -> String { pointer.isEmpty ? "/" : pointer }

    private static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    private static func summary(_ outcomes: [[String]]) -> String {
        outcomes.enumerated().map { "(\($0.offset + 1)) " + $0.element.joined(separator: "; ") }
            .joined(separator: " ")
    }
}

/// A compiled `pattern` (ICU via NSRegularExpression, close to ECMA-262 for ordinary patterns). It is only
/// read after construction, so sharing it between threads is safe.
private final class Pattern: @unchecked Sendable {
    private let expression: NSRegularExpression

    init?(_ source: String) {
        guard let expression = try? NSRegularExpression(pattern: source) else { return nil }
        self.expression = expression
    }

    convenience init?(anchored source: String) { self.init("^(?:" + source + ")$") }

    /// Draft-07 patterns are not anchored: a match anywhere in the string counts.
    func matches(_ string: String) -> Bool {
        expression.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil
    }
}

/// The official SARIF 2.1.0 schema (oasis-tcs/sarif-spec, `Schemata/sarif-schema-2.1.0.json`), kept as a
/// fixture so that tests need no network.
let sarifSchemaPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/sarif-schema-2.1.0.json").path

/// The SARIF 2.1.0 schema validator, loaded once.
private let sarifValidator = Result { try JSONSchemaValidator(schemaAt: sarifSchemaPath) }

/// The schema errors in a SARIF log (its JSON text); empty when it conforms to SARIF 2.1.0.
func sarifSchemaErrors(_ data: Data) throws -> [String] {
    let validator = try sarifValidator.get()
    guard validator.unsupportedKeywords.isEmpty else {
        throw JSONSchemaValidator.SchemaError(
            "the SARIF schema uses keywords the validator skips: \(validator.unsupportedKeywords)")
    }
    return validator.validate(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
}
