/// What loading a knowledge base produced: the base (built from every valid part) and all findings.
public struct LoadResult: Sendable {
    /// The base; when `diagnostics` has errors it holds only what was valid.
    public let base: KnowledgeBase
    /// Every finding: the loader's in file order, then (after `checkedForUse()`) the errors of
    /// the lint-only checks by position.
    public let diagnostics: [Diagnostic]
    /// Whether `diagnostics` holds the errors of the lint-only checks (`checkedForUse()`).
    public let isCheckedForUse: Bool

    init(base: KnowledgeBase, diagnostics: [Diagnostic], isCheckedForUse: Bool = false) {
        self.base = base
        self.diagnostics = diagnostics
        self.isCheckedForUse = isCheckedForUse
    }

    /// The same result with the errors that `responder lint` finds beyond the loader's: patterns
    /// that match the empty string (`pattern-empty-match`) or backtrack catastrophically
    /// (`pattern-backtracking`), and questions shared between entries (`shared-question`). Only
    /// the checks that can find errors run, and they are fast; their warnings are left to lint.
    /// Each diagnostic is the one `responder lint` prints. Checking twice adds nothing.
    public func checkedForUse() -> LoadResult {
        guard !isCheckedForUse else { return self }
        let errors = Linter.errorChecks(base).filter { $0.severity == .error }.sortedByLocation()
        return LoadResult(base: base, diagnostics: diagnostics + errors, isCheckedForUse: true)
    }

    /// The base, or an error listing the diagnostics when any is an error. A base to be used
    /// should be checked first (`KnowledgeBaseLoader.loadForUse(directory:)`), so that the
    /// errors of lint's own checks refuse it too.
    /// - Throws: `KnowledgeBaseError` with code `.invalid`.
    public func requireValid() throws(KnowledgeBaseError) -> KnowledgeBase {
        if diagnostics.containsErrors {
            throw KnowledgeBaseError(.invalid, path: base.directory, diagnostics: diagnostics)
        }
        return base
    }
}
