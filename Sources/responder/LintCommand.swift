import ArgumentParser
import Foundation
import ResponderCore

/// `responder lint [DIR]`: every problem in a knowledge base, before it ships.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check a knowledge base: files, patterns, questions, locales, keywords, groups and conflicts.",
        discussion: """
            Prints every finding as file:line:col: error|warning: message [rule-id], all in one pass. \
            Exit status: 0 clean, 1 errors (or warnings with --strict), 2 usage. The rules are listed, \
            with examples and fixes, in docs/lint.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    @Argument(help: "The knowledge-base folder (default: --kb, else knowledgebase).")
    var directory: String?

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Option(help: "text (one line per finding), json (one object per line) or sarif (SARIF 2.1.0).")
    var format: Format = .text

    @Flag(help: "Fail (exit 1) on warnings too.")
    var strict = false

    func run() throws {
        let folder = directory ?? knowledgeBase.directory
        let result: LoadResult
        do {
            result = try KnowledgeBaseLoader.load(directory: folder)
        } catch {
            throw CommandFailure(error.description)
        }
        let findings = Progress.whileRunning("linting \(folder)") { Linter.lint(result) }
        switch format {
        case .text:
            for finding in findings { print(finding.description) }
        case .json:
            for finding in findings { print(LintFormatter.json(finding).serialized) }
        case .sarif:
            print(LintFormatter.sarif(findings, version: ResponderVersion.current).serialized)
        }
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.count - errors
        StandardError.write(
            findings.isEmpty
                ? "\(folder): no problems (\(result.base.entries.count) entries)"
                : "\(folder): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        if errors > 0 || (strict && warnings > 0) { throw CommandFailure("") }
    }
}
