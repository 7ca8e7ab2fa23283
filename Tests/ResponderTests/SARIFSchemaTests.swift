import Foundation
import Testing

/// The JSON Schema validator that SARIF output is checked with, and the official SARIF 2.1.0 schema it loads.
@Suite struct SARIFSchemaTests {
    static let minimalLog = #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[]}]}"#

    /// A log shaped like `responder lint --format sarif` output; the cases below edit one spot of it.
    static let realisticLog = #"""
        {
          "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
          "version": "2.1.0",
          "runs": [
            {
              "tool": {
                "driver": {
                  "name": "responder",
                  "version": "1.0.0",
                  "informationUri": "https://example.com/responder",
                  "rules": [
                    {
                      "id": "kb-missing-answer",
                      "shortDescription": { "text": "An entry has no answer." },
                      "defaultConfiguration": { "level": "error" }
                    },
                    {
                      "id": "kb-duplicate-question",
                      "shortDescription": { "text": "Two entries ask the same question." },
                      "defaultConfiguration": { "level": "warning" }
                    }
                  ]
                }
              },
              "results": [
                {
                  "ruleId": "kb-missing-answer",
                  "ruleIndex": 0,
                  "level": "error",
                  "message": { "text": "The entry has no answer." },
                  "locations": [
                    {
                      "physicalLocation": {
                        "artifactLocation": { "uri": "knowledgebase/faq/billing.md" },
                        "region": { "startLine": 12, "startColumn": 3 }
                      }
                    }
                  ]
                }
              ]
            }
          ]
        }
        """#

    /// One edit of `realisticLog`: `original` (which occurs exactly once) becomes `replacement`.
    struct Edit: Sendable, CustomTestStringConvertible {
        let name: String
        let original: String
        let replacement: String
        /// The one error expected, in full, or (when `prefixOnly`) how it starts.
        let error: String
        var prefixOnly = false

        var testDescription: String { name }

        func apply() throws -> String {
            let text = SARIFSchemaTests.realisticLog
            let parts = text.components(separatedBy: original)
            guard parts.count == 2 else { throw CocoaError(.coderInvalidValue) }
            return parts.joined(separator: replacement)
        }
    }

    static let invalidEdits: [Edit] = [
        Edit(
            name: "wrong version", original: #""version": "2.1.0""#, replacement: #""version": "2.0.0""#,
            error: #"/version: "2.0.0" is not one of ["2.1.0"]"#),
        Edit(
            name: "level fatal", original: #""level": "error","#, replacement: #""level": "fatal","#,
            error: #"/runs/0/results/0/level: "fatal" is not one of ["none","note","warning","error"]"#),
        Edit(
            name: "startLine 0", original: #""startLine": 12"#, replacement: #""startLine": 0"#,
            error: "/runs/0/results/0/locations/0/physicalLocation/region/startLine: 0 is less than minimum 1"),
        Edit(
            name: "missing message", original: #""message": { "text": "The entry has no answer." },"#,
            replacement: "", error: #"/runs/0/results/0: required property "message" is missing"#),
        Edit(
            name: "unknown result property", original: #""ruleIndex": 0,"#,
            replacement: #""ruleIndex": 0, "severity": "high","#,
            error: #"/runs/0/results/0/severity: property "severity" is not allowed here"#),
        Edit(
            name: "string for an integer", original: #""startColumn": 3"#, replacement: #""startColumn": "3""#,
            error:
                #"/runs/0/results/0/locations/0/physicalLocation/region/startColumn: expected integer, got string "3""#
        ),
        Edit(
            name: "boolean for an integer", original: #""ruleIndex": 0"#, replacement: #""ruleIndex": true"#,
            error: "/runs/0/results/0/ruleIndex: expected integer, got boolean true"),
        Edit(
            name: "fraction for an integer", original: #""startLine": 12"#, replacement: #""startLine": 12.5"#,
            error: "/runs/0/results/0/locations/0/physicalLocation/region/startLine: expected integer, got number 12.5"),
        Edit(
            name: "missing driver name", original: #""name": "responder","#, replacement: "",
            error: #"/runs/0/tool/driver: required property "name" is missing"#),
        Edit(
            name: "message with neither text nor id", original: #"{ "text": "The entry has no answer." }"#,
            replacement: #"{ "markdown": "No answer." }"#,
            error: "/runs/0/results/0/message: matches none of the anyOf alternatives: ", prefixOnly: true),
        Edit(
            name: "unencoded space in a uri", original: #""uri": "knowledgebase/faq/billing.md""#,
            replacement: #""uri": "knowledgebase/faq/my billing.md""#,
            error:
                #"/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri: "knowledgebase/faq/my billing.md" is not a valid uri-reference: character " " must be percent-encoded"#
        ),
        Edit(
            name: "relative informationUri", original: #""https://example.com/responder""#,
            replacement: #""example.com/responder""#,
            error:
                #"/runs/0/tool/driver/informationUri: "example.com/responder" is not a valid uri: no scheme (an absolute URI is required)"#
        ),
    ]

    static let validEdits: [Edit] = [
        Edit(name: "integral float line", original: #""startLine": 12"#, replacement: #""startLine": 12.0"#, error: ""),
        Edit(name: "level none", original: #""level": "error","#, replacement: #""level": "none","#, error: ""),
        Edit(name: "ruleIndex -1", original: #""ruleIndex": 0,"#, replacement: #""ruleIndex": -1,"#, error: ""),
        Edit(
            name: "free-form property bag", original: #""ruleIndex": 0,"#,
            replacement: #""ruleIndex": 0, "properties": { "tags": ["kb"], "score": 0.5, "any": { "x": [null] } },"#,
            error: ""),
        Edit(
            name: "percent-encoded uri", original: #""uri": "knowledgebase/faq/billing.md""#,
            replacement: #""uri": "knowledgebase/faq/my%20billing.md""#, error: ""),
    ]

    private static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    private static func validator(_ schema: String) throws -> JSONSchemaValidator {
        try JSONSchemaValidator(schema: json(schema))
    }

    // MARK: - The fixture

    @Test func fixtureIsTheOfficialSARIF210Schema() throws {
        let schema = try #require(
            try Self.json(String(contentsOfFile: sarifSchemaPath, encoding: .utf8)) as? [String: Any])
        #expect(schema["title"] as? String == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema")
        #expect(
            schema["id"] as? String
                == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
        let definitions = try #require(schema["definitions"] as? [String: Any])
        for name in ["run", "result", "region", "artifactLocation", "reportingDescriptor", "toolComponent"] {
            #expect(definitions[name] != nil, "no definition \(name)")
        }
    }

    @Test func validatorSupportsEveryKeywordTheSchemaUses() throws {
        let validator = try JSONSchemaValidator(schemaAt: sarifSchemaPath)
        #expect(validator.unsupportedKeywords == [])
        let known = JSONSchemaValidator.assertionKeywords.union(JSONSchemaValidator.annotationKeywords)
        #expect(validator.usedKeywords.subtracting(known) == [])
        // What the SARIF schema asserts with, so that a change of fixture is noticed.
        #expect(
            validator.usedKeywords.intersection(JSONSchemaValidator.assertionKeywords)
                == [
                    "$ref", "additionalProperties", "anyOf", "enum", "format", "items", "maximum", "minItems",
                    "minimum", "oneOf", "pattern", "properties", "required", "type", "uniqueItems",
                ])
    }

    @Test func unknownKeywordsAreReported() throws {
        let validator = try Self.validator(
            ##"{"properties": {"a": {"type": "string", "maxLength": 3}}, "items": {"$ref": "#", "minimum": 1}}"##)
        #expect(
            validator.unsupportedKeywords == [
                "/items: minimum (ignored beside $ref)", "/properties/a: maxLength",
            ])
        #expect(
            try Self.validator(#"{"type": "string", "format": "email"}"#).unsupportedKeywords == ["/: format \"email\""]
        )
    }

    @Test func unresolvableReferencesFailAtLoad() {
        #expect(throws: JSONSchemaValidator.SchemaError.self) {
            try Self.validator(##"{"properties": {"a": {"$ref": "#/definitions/missing"}}}"##)
        }
    }

    // MARK: - SARIF logs

    @Test func minimalLogIsValid() throws {
        #expect(try sarifSchemaErrors(Data(Self.minimalLog.utf8)) == [])
    }

    @Test func realisticLogIsValid() throws {
        #expect(try sarifSchemaErrors(Data(Self.realisticLog.utf8)) == [])
    }

    @Test(arguments: validEdits) func validVariantsPass(_ edit: Edit) throws {
        #expect(try sarifSchemaErrors(Data(edit.apply().utf8)) == [])
    }

    @Test(arguments: invalidEdits) func invalidLogsFailAtTheRightPlace(_ edit: Edit) throws {
        let errors = try sarifSchemaErrors(Data(edit.apply().utf8))
        if edit.prefixOnly {
            #expect(errors.contains { $0.hasPrefix(edit.error) }, "\(errors)")
        } else {
            #expect(errors == [edit.error])
        }
    }

    @Test func notJSONIsAnError() {
        #expect(throws: (any Error).self) { try sarifSchemaErrors(Data("{".utf8)) }
    }

    // MARK: - JSON values

    @Test func jsonSerializationBooleansAreNotNumbers() throws {
        let parsed = try #require(
            try Self.json(#"[true, false, 0, 1, -1, 1.0, 1.5, 0.0, 18446744073709551615, null, "1", 9007199254740993]"#)
                as? [Any])
        let values = try parsed.map(JSONSchemaValidator.Value.init)
        #expect(
            values.map(\.typeName) == [
                "boolean", "boolean", "integer", "integer", "integer", "integer", "number", "integer", "integer",
                "null", "string", "integer",
            ])
        #expect(Array(values.map(\.description).prefix(5)) == ["true", "false", "0", "1", "-1"])
        #expect(values[11].description == "9007199254740993")
    }

    @Test func nativeSwiftValuesConvert() throws {
        let object: [String: Any] = [
            "bool": true, "int": 1, "double": 1.5, "string": "s", "array": [false, 2], "null": NSNull(),
        ]
        let value = try JSONSchemaValidator.Value(object)
        #expect(value.description == #"{"array":[false,2],"bool":true,"double":1.5,"int":1,"null":null,"string":"s"}"#)
        #expect(throws: JSONSchemaValidator.SchemaError.self) { try JSONSchemaValidator.Value(Date()) }
    }

    @Test func booleansAndNumbersAreNeverEqual() throws {
        let validator = try Self.validator(#"{"enum": [1, "a"], "type": ["integer", "boolean", "string"]}"#)
        #expect(validator.validate(try Self.json("1.0")) == [])
        #expect(validator.validate(try Self.json("true")) == [#"/: true is not one of [1,"a"]"#])
        #expect(validator.validate(try Self.json("false")) == [#"/: false is not one of [1,"a"]"#])
        let zeroOrOne = try Self.validator(#"{"type": "boolean"}"#)
        #expect(zeroOrOne.validate(try Self.json("0")) == ["/: expected boolean, got integer 0"])
        #expect(zeroOrOne.validate(try Self.json("1")) == ["/: expected boolean, got integer 1"])
    }

    // MARK: - Keywords

    @Test func typeAcceptsAListAndIntegersAsNumbers() throws {
        let validator = try Self.validator(
            #"{"properties": {"n": {"type": "number"}, "a": {"type": ["array", "null"]}}}"#)
        #expect(validator.validate(try Self.json(#"{"n": 3, "a": null}"#)) == [])
        #expect(
            validator.validate(try Self.json(#"{"n": "3", "a": {}}"#)) == [
                "/a: expected one of array, null, got object {}", #"/n: expected number, got string "3""#,
            ])
    }

    @Test func arrayKeywords() throws {
        let validator = try Self.validator(
            #"{"type": "array", "minItems": 2, "uniqueItems": true, "items": {"maximum": 5}}"#)
        #expect(validator.validate(try Self.json("[1, 5]")) == [])
        #expect(
            validator.validate(try Self.json("[6]")) == [
                "/: has 1 items, fewer than minItems 2", "/0: 6 is greater than maximum 5",
            ])
        #expect(
            validator.validate(try Self.json(#"[{"a": 1, "b": [2]}, {"b": [2.0], "a": 1}]"#)) == [
                #"/1: items are not unique: {"a":1,"b":[2.0]} appears more than once"#
            ])
        let positional = try Self.validator(#"{"items": [{"type": "string"}, {"type": "integer"}]}"#)
        #expect(positional.validate(try Self.json(#"["a", 1, null]"#)) == [])
        #expect(positional.validate(try Self.json("[1]")) == ["/0: expected string, got integer 1"])
    }

    @Test func patternIsNotAnchored() throws {
        let validator = try Self.validator(#"{"pattern": "[0-9]+(\\.[0-9]+){3}"}"#)
        #expect(validator.validate(try Self.json(#""v1.2.3.4-beta""#)) == [])
        #expect(
            validator.validate(try Self.json(#""1.2.3""#)) == [
                #"/: "1.2.3" does not match pattern "[0-9]+(\\.[0-9]+){3}""#
            ])
        #expect(validator.validate(try Self.json("12")) == [])
    }

    @Test func dateTimeFormat() throws {
        let validator = try Self.validator(#"{"format": "date-time"}"#)
        #expect(validator.validate(try Self.json(#""2024-05-01T12:00:00Z""#)) == [])
        #expect(validator.validate(try Self.json(#""2024-05-01T12:00:00.123+02:00""#)) == [])
        #expect(validator.validate(try Self.json(#""2024-05-01 12:00""#)).count == 1)
    }

    @Test func combinators() throws {
        let validator = try Self.validator(
            #"{"oneOf": [{"required": ["a"]}, {"required": ["b"]}], "allOf": [{}, {"required": ["c"]}]}"#)
        #expect(validator.validate(try Self.json(#"{"a": 1, "c": 1}"#)) == [])
        #expect(
            validator.validate(try Self.json(#"{"a": 1, "b": 1}"#)) == [
                #"/: required property "c" is missing"#,
                "/: matches 2 of the oneOf alternatives; exactly one is allowed",
            ])
    }

    @Test func referencesAndBooleanSchemas() throws {
        let validator = try Self.validator(
            ##"{"definitions": {"a/b": {"type": "integer"}, "never": false}, "properties": {"x": {"$ref": "#/definitions/a~1b"}, "y": {"$ref": "#/definitions/never"}, "z": true}, "additionalProperties": {"$ref": "#/properties/x"}}"##
        )
        #expect(validator.validate(try Self.json(#"{"x": 1, "z": [], "w": 2}"#)) == [])
        #expect(
            validator.validate(try Self.json(#"{"x": "1", "y": 1, "w": "2"}"#)) == [
                #"/w: expected integer, got string "2""#, #"/x: expected integer, got string "1""#,
                "/y: no value is allowed here",
            ])
    }

    @Test func pointersEscapeKeys() throws {
        let validator = try Self.validator(#"{"additionalProperties": false}"#)
        #expect(
            validator.validate(try Self.json(#"{"a/b~c": 1}"#)) == [#"/a~1b~0c: property "a/b~c" is not allowed here"#])
    }
}
