/// A rule of `responder lint`: its stable id, how serious its findings are, and what it checks.
///
/// Every rule is declared once, below, as a static member (`LintRule.unknownKey`); a
/// `Diagnostic` is made from one, so a rule's id and severity are written in one place only.
public struct LintRule: Sendable, Hashable, CustomStringConvertible {
    /// The stable id printed after each finding, e.g. `unknown-key`.
    public let id: String
    /// The severity of its findings.
    public let severity: Diagnostic.Severity
    /// What it checks, in one sentence (SARIF's short description).
    public let summary: String

    private init(_ id: String, _ severity: Diagnostic.Severity, _ summary: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
    }

    /// The id, as printed after each finding.
    public var description: String { id }

    /// The rule with `id`, if any.
    public static func rule(_ id: String) -> LintRule? { all.first { $0.id == id } }

    /// Every rule: the loader's (which also stop `ask` and `serve` from using a broken base) and
    /// the lint-only checks, in the order `docs/lint.md` documents them.
    public static let all: [LintRule] = [
        unreadableFile, yamlSyntax, emptyFile, unknownKey, duplicateKey, missingField, emptyValue, wrongType,
        outOfRange, invalidID, duplicateID, noEntries, tooManyEntries,
        unknownLocale, unknownGroup, invalidTimeZone, invalidBusinessHours, invalidDate, invalidDuration,
        invalidPriority, unreachableGroup,
        patternSyntax, patternEmptyMatch, patternBacktracking, patternCJKBoundary,
        duplicateQuestion, sharedQuestion, thinEntry, missingLocaleQuestions, missingLocaleAnswer, placeholderAnswer,
        commonKeyword,
        questionConflict, ambiguousEntries,
    ]

    // MARK: Files and YAML

    /// `unreadable-file`.
    public static let unreadableFile = LintRule(
        "unreadable-file", .error, "A knowledge-base file cannot be read.")
    /// `yaml-syntax`.
    public static let yamlSyntax = LintRule("yaml-syntax", .error, "A file is not valid YAML.")
    /// `empty-file`.
    public static let emptyFile = LintRule("empty-file", .warning, "A file, or its list of entries, is empty.")
    /// `unknown-key`.
    public static let unknownKey = LintRule(
        "unknown-key", .error, "A key the format does not know (with a did-you-mean).")
    /// `duplicate-key`.
    public static let duplicateKey = LintRule("duplicate-key", .error, "The same key twice in one mapping.")
    /// `missing-field`.
    public static let missingField = LintRule("missing-field", .error, "A required field is missing.")
    /// `empty-value`.
    public static let emptyValue = LintRule("empty-value", .error, "A required value is empty.")
    /// `wrong-type`.
    public static let wrongType = LintRule(
        "wrong-type", .error, "A value has the wrong type (e.g. a list where text is expected).")
    /// `out-of-range`.
    public static let outOfRange = LintRule("out-of-range", .error, "A number is outside its allowed range.")
    /// `invalid-id`.
    public static let invalidID = LintRule(
        "invalid-id", .error, "An entry or group id has characters ids may not have.")
    /// `duplicate-id`.
    public static let duplicateID = LintRule(
        "duplicate-id", .error, "Two entries (in any files), or two groups, have the same id.")
    /// `no-entries`.
    public static let noEntries = LintRule("no-entries", .error, "The base has no FAQ entries at all.")
    /// `too-many-entries`.
    public static let tooManyEntries = LintRule(
        "too-many-entries", .error, "The base has more entries than the engine supports.")

    // MARK: References and configuration

    /// `unknown-locale`.
    public static let unknownLocale = LintRule(
        "unknown-locale", .error, "A locale that settings.yaml does not list.")
    /// `unknown-group`.
    public static let unknownGroup = LintRule(
        "unknown-group", .error, "A group id that groups.yaml does not define.")
    /// `invalid-time-zone`.
    public static let invalidTimeZone = LintRule(
        "invalid-time-zone", .error, "time_zone is not an IANA time zone.")
    /// `invalid-business-hours`.
    public static let invalidBusinessHours = LintRule(
        "invalid-business-hours", .error, "A business_hours day or interval cannot be read.")
    /// `invalid-date`.
    public static let invalidDate = LintRule(
        "invalid-date", .error, "A date (a holiday, a target's start) is not a real date YYYY-MM-DD.")
    /// `invalid-duration`.
    public static let invalidDuration = LintRule(
        "invalid-duration", .error,
        "A duration (a first-response target, a report target, its `within`) is not one such as 30m, 4h or 30d.")
    /// `invalid-priority`.
    public static let invalidPriority = LintRule(
        "invalid-priority", .error, "A priority is not low, normal, high or urgent.")
    /// `unreachable-group`.
    public static let unreachableGroup = LintRule(
        "unreachable-group", .warning, "A group that no route can ever choose.")

    // MARK: Patterns

    /// `pattern-syntax`.
    public static let patternSyntax = LintRule("pattern-syntax", .error, "A PCRE2 pattern does not compile.")
    /// `pattern-empty-match`.
    public static let patternEmptyMatch = LintRule(
        "pattern-empty-match", .error, "A pattern matches the empty string, so it matches every message.")
    /// `pattern-backtracking`.
    public static let patternBacktracking = LintRule(
        "pattern-backtracking", .error,
        "A pattern hits the match limit on adversarial input (catastrophic backtracking).")
    /// `pattern-cjk-boundary`.
    public static let patternCJKBoundary = LintRule(
        "pattern-cjk-boundary", .warning, "A \\b next to Chinese or Japanese text, where it never matches.")

    // MARK: Questions and entries

    /// `duplicate-question`.
    public static let duplicateQuestion = LintRule(
        "duplicate-question", .warning, "The same question (after normalisation) twice in one entry.")
    /// `shared-question`.
    public static let sharedQuestion = LintRule(
        "shared-question", .error, "The same question (after normalisation) in two entries.")
    /// `thin-entry`.
    public static let thinEntry = LintRule(
        "thin-entry", .warning, "An entry with fewer example questions than lint.min_questions.")
    /// `missing-locale-questions`.
    public static let missingLocaleQuestions = LintRule(
        "missing-locale-questions", .warning, "An entry with no questions in one of the base's locales.")
    /// `missing-locale-answer`.
    public static let missingLocaleAnswer = LintRule(
        "missing-locale-answer", .warning, "An entry with no answer in one of the base's locales.")
    /// `placeholder-answer`.
    public static let placeholderAnswer = LintRule(
        "placeholder-answer", .warning,
        "An answer that still holds the TODO that `kb import` and `kb suggest` write: customers would read it.")
    /// `common-keyword`.
    public static let commonKeyword = LintRule(
        "common-keyword", .warning, "A keyword found in so many entries that it carries no signal.")

    // MARK: Conflicts between entries

    /// `question-conflict`.
    public static let questionConflict = LintRule(
        "question-conflict", .warning,
        "A question that, left out of its entry, the matcher answers with another entry (or the pattern that makes it so)."
    )
    /// `ambiguous-entries`.
    public static let ambiguousEntries = LintRule(
        "ambiguous-entries", .warning, "Two entries whose questions fall within the ambiguity margin of each other.")
}
