import Foundation
import Testing

/// docs/matching.md quotes the bundled base's figures; they must be what `responder eval` prints.
@Suite struct BundledFiguresTests {
    /// The rows `| figure | value |` of the section "The bundled knowledge base".
    static func documentedFigures() throws -> [String: String] {
        let docs = try String(
            contentsOf: ResponderProcess.packageRoot.appendingPathComponent("docs/matching.md"), encoding: .utf8)
        let section = try #require(docs.components(separatedBy: "### The bundled knowledge base").dropFirst().first)
            .components(separatedBy: "\n### ")[0]
        var figures: [String: String] = [:]
        for line in section.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2, cells[0] != "figure", !cells[1].hasPrefix("-") else { continue }
            figures[cells[0]] = cells[1]
        }
        return figures
    }

    @Test("Every bundled-base figure in docs/matching.md is what `responder eval eval/bundled.jsonl` prints")
    func docsAgreeWithEval() throws {
        let documented = try Self.documentedFigures()
        #expect(documented.count >= 7, "the table was not found: \(documented)")
        let output = try ResponderProcess.run(
            ["eval", "eval/bundled.jsonl", "--kb", ResponderProcess.bundledKnowledgeBase],
            in: ResponderProcess.packageRoot)
        #expect(output.status == 0, "\(output.stderr)")
        var printed: [String: String] = [:]
        for line in output.stdout.split(separator: "\n") {
            // `in-scope accuracy    0.919`, `top-1 accuracy       0.975 (right entry ...)`
            let parts = line.split(separator: "  ", omittingEmptySubsequences: true)
            guard parts.count >= 2 else { continue }
            let value = parts[1].trimmingCharacters(in: .whitespaces).split(separator: " ")[0]
            printed[parts[0].trimmingCharacters(in: .whitespaces)] = String(value)
        }
        for (figure, value) in documented {
            #expect(
                printed[figure] == value, "\(figure): docs say \(value), eval prints \(printed[figure] ?? "nothing")")
        }
    }
}
