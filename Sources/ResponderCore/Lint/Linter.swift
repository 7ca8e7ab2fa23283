/// `responder lint`: every finding about a knowledge base in one pass.
///
/// The loader's diagnostics (syntax, types, references) come first; then the checks that need a
/// whole base: patterns probed for empty matches and catastrophic backtracking, duplicate and
/// thin questions, locale coverage, keywords without signal, unreachable groups, and conflicts
/// between entries found by cross-validating the matcher on the base's own questions. The
/// checks run on whatever part of the base loaded, so a syntax error in one file does not hide
/// the findings in the others.
public enum Linter {
    /// Every finding for `result`, sorted by file, line and column.
    public static func lint(_ result: LoadResult) -> [Diagnostic] {
        let base = result.base
        var findings = result.diagnostics
        findings += PatternChecks.check(base)
        findings += QuestionChecks.check(base)
        findings += KeywordChecks.check(base)
        findings += GroupChecks.check(base)
        if !base.entries.isEmpty { findings += ConflictChecks.check(base) }
        return findings.sortedByLocation()
    }
}
