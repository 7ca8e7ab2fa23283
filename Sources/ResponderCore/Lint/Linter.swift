/// `responder lint`: every finding about a knowledge base in one pass.
///
/// The loader's diagnostics (syntax, types, references) come first; then the checks that need a
/// whole base: patterns probed for empty matches and catastrophic backtracking, duplicate,
/// shared and thin questions, locale coverage, keywords without signal, unreachable groups, and
/// conflicts between entries found by cross-validating the matcher on the base's own questions.
/// The checks run on whatever part of the base loaded, so a syntax error in one file does not
/// hide the findings in the others. A problem is reported once, where it was introduced: a check
/// that reads a setting `settings.yaml` got wrong does not run, and what follows from a misspelt
/// key is not reported beside it.
public enum Linter {
    /// Every finding for `result`, sorted by file, line and column. `result` may have been
    /// checked for use (`LoadResult.checkedForUse()`): each finding is still listed once.
    public static func lint(_ result: LoadResult) -> [Diagnostic] {
        let base = result.base
        var findings = result.diagnostics
        let errorChecks = errorChecks(base)
        findings += result.isCheckedForUse ? errorChecks.filter { $0.severity != .error } : errorChecks
        findings += EntryChecks.check(base)
        findings += KeywordChecks.check(base)
        findings += GroupChecks.check(base)
        // The conflicts are found with the base's answer_threshold and ambiguity_margin; with one
        // of them rejected, the defaults would stand in and the findings would not be the base's.
        let settings = base.settings
        if !base.entries.isEmpty, !settings.isRejected("answer_threshold"), !settings.isRejected("ambiguity_margin") {
            findings += ConflictChecks.check(base)
        }
        return findings.sortedByLocation()
    }

    /// The lint-only checks that can find errors: patterns (empty matches, catastrophic
    /// backtracking; also `\b` next to CJK text, a warning) and questions (shared between
    /// entries; also duplicated in one, a warning). They are fast, so every load for use runs
    /// them too (`LoadResult.checkedForUse()`); the other checks find warnings only.
    static func errorChecks(_ base: KnowledgeBase) -> [Diagnostic] {
        PatternChecks.check(base) + QuestionChecks.check(base)
    }
}
