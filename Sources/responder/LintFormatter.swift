import Foundation
import JSONRPC
import ResponderCore

/// Renders lint findings as JSON Lines objects and as a SARIF 2.1.0 log.
enum LintFormatter {
    /// `{"file", "line", "column", "severity", "rule", "message"}`.
    static func json(_ finding: Diagnostic) -> JSONValue {
        .object([
            ("file", .string(finding.location.file)),
            ("line", .number(Double(finding.location.line))),
            ("column", .number(Double(finding.location.column))),
            ("severity", .string(finding.severity.rawValue)),
            ("rule", .string(finding.rule)),
            ("message", .string(finding.message)),
        ])
    }

    /// A SARIF 2.1.0 log with one run: the rule catalogue and one result per finding. Columns
    /// count Unicode code points (`columnKind`); relative paths are relative to `%SRCROOT%`, the
    /// folder lint ran in.
    static func sarif(_ findings: [Diagnostic], version: String) -> JSONValue {
        var rules = LintRule.all
        for finding in findings where !rules.contains(finding.lintRule) { rules.append(finding.lintRule) }
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        return .object([
            ("$schema", "https://json.schemastore.org/sarif-2.1.0.json"),
            ("version", "2.1.0"),
            (
                "runs",
                .array([
                    .object([
                        (
                            "tool",
                            .object([
                                (
                                    "driver",
                                    .object([
                                        ("name", "responder lint"),
                                        ("version", .string(version)),
                                        ("rules", .array(rules.map(rule))),
                                    ])
                                )
                            ])
                        ),
                        ("columnKind", "unicodeCodePoints"),
                        ("results", .array(findings.map { result($0, ruleIndex: index[$0.rule] ?? 0) })),
                    ])
                ])
            ),
        ])
    }

    private static func rule(_ rule: LintRule) -> JSONValue {
        .object([
            ("id", .string(rule.id)),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("defaultConfiguration", .object([("level", .string(rule.severity.rawValue))])),
        ])
    }

    private static func result(_ finding: Diagnostic, ruleIndex: Int) -> JSONValue {
        var artifact: [(String, JSONValue)] = [("uri", .string(uri(finding.location.file)))]
        if !finding.location.file.hasPrefix("/") { artifact.append(("uriBaseId", "%SRCROOT%")) }
        return .object([
            ("ruleId", .string(finding.rule)),
            ("ruleIndex", .number(Double(ruleIndex))),
            ("level", .string(finding.severity.rawValue)),
            ("message", .object([("text", .string(finding.message))])),
            (
                "locations",
                .array([
                    .object([
                        (
                            "physicalLocation",
                            .object([
                                ("artifactLocation", .object(artifact)),
                                (
                                    "region",
                                    .object([
                                        ("startLine", .number(Double(max(1, finding.location.line)))),
                                        ("startColumn", .number(Double(max(1, finding.location.column)))),
                                    ])
                                ),
                            ])
                        )
                    ])
                ])
            ),
        ])
    }

    /// A path as a URI reference: percent-encoded, `file://` for absolute paths.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}
