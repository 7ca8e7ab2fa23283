import ResponderCore
import Testing

/// A base that lint reports errors in must not be used: `loadForUse` adds the errors of the
/// lint-only checks to the loader's, and refuses with the same diagnostics lint prints.
@Suite("KnowledgeBaseLoader: load for use")
struct LoadForUseTests {
    static let english = "locales: [en]\n"

    /// `faq/refunds.yaml` with `pattern` (a YAML single-quoted scalar's contents).
    static func refunds(pattern: String) -> String {
        """
        entries:
          - id: refund
            answer: Refunds reach your card within 5 working days.
            questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]
            patterns: ['\(pattern)']

        """
    }

    @Test func aCatastrophicPatternLoadsForLintButIsRefusedForUse() throws {
        try withTemporaryBase(["settings.yaml": Self.english, "faq/refunds.yaml": Self.refunds(pattern: "(a+)+$")]) {
            folder in
            let loaded = try folder.load()
            // The loader alone finds nothing: the pattern compiles.
            #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
            let linted = Linter.lint(loaded)
            let lintErrors = linted.filter { $0.severity == .error }
            #expect(lintErrors.map(\.lintRule) == [.patternBacktracking], "\(linted)")
            #expect(lintErrors.first?.location == .init(file: folder.file("faq/refunds.yaml"), line: 5, column: 17))

            let forUse = try KnowledgeBaseLoader.loadForUse(directory: folder.path)
            #expect(forUse.diagnostics == lintErrors)
            let error = try #require(throws: KnowledgeBaseError.self) { _ = try forUse.requireValid() }
            #expect(error.code == .invalid)
            #expect(error.diagnostics == lintErrors)
            // The same lines as `responder lint` prints.
            #expect(error.description.hasPrefix(lintErrors.map(\.description).joined(separator: "\n") + "\n"))
            // Linting the result for use lists each finding once.
            #expect(Linter.lint(forUse) == linted)
        }
    }

    @Test func anEmptyMatchAndASharedQuestionAreRefusedForUse() throws {
        let orders = """
            entries:
              - id: cancel-order
                answer: Cancel an order under Orders before it ships.
                questions: [cancel my order, I want to cancel, stop the order, cancel a purchase, I want my money back]

            """
        try withTemporaryBase([
            "settings.yaml": Self.english, "faq/refunds.yaml": Self.refunds(pattern: "(?:refund)*"),
            "faq/orders.yaml": orders,
        ]) { folder in
            let loaded = try folder.load()
            #expect(!loaded.diagnostics.containsErrors)
            #expect(throws: Never.self) { _ = try loaded.requireValid() }
            let lintErrors = Linter.lint(loaded).filter { $0.severity == .error }
            #expect(Set(lintErrors.map(\.lintRule)) == [.patternEmptyMatch, .sharedQuestion], "\(lintErrors)")
            let forUse = loaded.checkedForUse()
            #expect(forUse.diagnostics.filter { $0.severity == .error } == lintErrors)
            let error = try #require(throws: KnowledgeBaseError.self) { _ = try forUse.requireValid() }
            #expect(error.diagnostics.filter { $0.severity == .error } == lintErrors)
        }
    }

    @Test func warningsOnlyDoNotStopUseAndAreNotAddedTwice() throws {
        try withTemporaryBase(["settings.yaml": Self.english, "faq/refunds.yaml": Self.refunds(pattern: "\\b退款\\b")]) {
            folder in
            let forUse = try KnowledgeBaseLoader.loadForUse(directory: folder.path)
            // Warnings of the lint-only checks are lint's to print; the base is usable.
            #expect(forUse.diagnostics.isEmpty, "\(forUse.diagnostics)")
            #expect(try forUse.requireValid().entries.map(\.id) == ["refund"])
            let linted = Linter.lint(forUse)
            #expect(linted.map(\.lintRule) == [.patternCJKBoundary], "\(linted)")
            #expect(linted == Linter.lint(try folder.load()))
        }
    }

    @Test func loaderErrorsComeFirstThenLintErrors() throws {
        let broken = "entries:\n  - id: broken\n    answer: Hi\n"
        try withTemporaryBase([
            "settings.yaml": Self.english, "faq/a.yaml": broken, "faq/refunds.yaml": Self.refunds(pattern: "(a+)+$"),
        ]) { folder in
            let forUse = try KnowledgeBaseLoader.loadForUse(directory: folder.path)
            #expect(forUse.diagnostics.map(\.lintRule) == [.missingField, .patternBacktracking])
        }
    }

    @Test func aMissingFolderIsStillNotADirectory() {
        let error = #expect(throws: KnowledgeBaseError.self) {
            _ = try KnowledgeBaseLoader.loadForUse(directory: "/nonexistent/responder-kb")
        }
        #expect(error?.code == .notADirectory)
    }

    @Test func theBundledBaseIsFitForUse() throws {
        let result = try KnowledgeBaseLoader.loadForUse(directory: Bundled.directory)
        #expect(!result.diagnostics.containsErrors, "\(result.diagnostics)")
    }
}
