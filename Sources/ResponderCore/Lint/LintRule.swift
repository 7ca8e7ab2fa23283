/// A rule of `responder lint`: its stable id, how serious its findings are, and what it checks.
public struct LintRule: Sendable, Hashable {
    /// The stable id printed after each finding, e.g. `unknown-key`.
    public let id: String
    /// The severity of its findings.
    public let severity: Diagnostic.Severity
    /// What it checks, in one sentence (SARIF's short description).
    public let summary: String

    init(_ id: String, _ severity: Diagnostic.Severity, _ summary: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
    }

    /// Every rule: the loader's (which also stop `ask` and `serve` from using a broken base) and
    /// the lint-only checks. `docs/lint.md` documents each one.
    public static let all: [LintRule] = [
        // Files and YAML.
        LintRule("unreadable-file", .error, "A knowledge-base file cannot be read."),
        LintRule("yaml-syntax", .error, "A file is not valid YAML."),
        LintRule("empty-file", .warning, "A file, or its list of entries, is empty."),
        LintRule("unknown-key", .error, "A key the format does not know (with a did-you-mean)."),
        LintRule("duplicate-key", .error, "The same key twice in one mapping."),
        LintRule("missing-field", .error, "A required field is missing."),
        LintRule("empty-value", .error, "A required value is empty."),
        LintRule("wrong-type", .error, "A value has the wrong type (e.g. a list where text is expected)."),
        LintRule("out-of-range", .error, "A number is outside its allowed range."),
        LintRule("invalid-id", .error, "An entry or group id has characters ids may not have."),
        LintRule("duplicate-id", .error, "Two entries (in any files), or two groups, have the same id."),
        LintRule("no-entries", .error, "The base has no FAQ entries at all."),
        LintRule("too-many-entries", .error, "The base has more entries than the engine supports."),
        // References and configuration.
        LintRule("unknown-locale", .error, "A locale that settings.yaml does not list."),
        LintRule("unknown-group", .error, "A group id that groups.yaml does not define."),
        LintRule("invalid-time-zone", .error, "time_zone is not an IANA time zone."),
        LintRule("invalid-business-hours", .error, "A business_hours day or interval cannot be read."),
        LintRule("invalid-date", .error, "A holiday is not a real date YYYY-MM-DD."),
        LintRule("invalid-duration", .error, "A first-response target is not a duration such as 30m or 4h."),
        LintRule("invalid-priority", .error, "A priority is not low, normal, high or urgent."),
        LintRule("unreachable-group", .warning, "A group that no route can ever choose."),
        // Patterns.
        LintRule("pattern-syntax", .error, "A PCRE2 pattern does not compile."),
        LintRule("pattern-empty-match", .error, "A pattern matches the empty string, so it matches every message."),
        LintRule(
            "pattern-backtracking", .error,
            "A pattern hits the match limit on adversarial input (catastrophic backtracking)."),
        LintRule("pattern-cjk-boundary", .warning, "A \\b next to Chinese or Japanese text, where it never matches."),
        // Questions and entries.
        LintRule("duplicate-question", .warning, "The same question (after normalisation) twice in one entry."),
        LintRule("shared-question", .error, "The same question (after normalisation) in two entries."),
        LintRule("thin-entry", .warning, "An entry with fewer example questions than lint.min_questions."),
        LintRule("missing-locale-questions", .warning, "An entry with no questions in one of the base's locales."),
        LintRule("missing-locale-answer", .warning, "An entry with no answer in one of the base's locales."),
        LintRule("common-keyword", .warning, "A keyword found in so many entries that it carries no signal."),
        // Conflicts between entries.
        LintRule(
            "question-conflict", .warning,
            "A question that, left out of its entry, the matcher answers with another entry."),
        LintRule(
            "ambiguous-entries", .warning,
            "Two entries whose questions fall within the ambiguity margin of each other."),
    ]

    /// The rule with `id`, if any.
    public static func rule(_ id: String) -> LintRule? { all.first { $0.id == id } }
}

extension LintRule {
    /// A rule missing from `all` (a finding from a newer loader check), so that output formats
    /// that list rules can still name it.
    public static func unlisted(_ id: String, severity: Diagnostic.Severity) -> LintRule {
        LintRule(id, severity, "See docs/lint.md.")
    }
}
