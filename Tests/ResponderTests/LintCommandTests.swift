import Foundation
import Testing

/// `responder lint` through the real binary: formats, exit codes and the SARIF schema.
@Suite struct LintCommandTests {
    /// A small base with one error (a pattern that matches the empty string) and one warning
    /// (a thin entry), in a folder of its own.
    private func brokenBase() throws -> URL {
        let folder = try ResponderProcess.temporaryDirectory()
        let faq = folder.appendingPathComponent("faq")
        try FileManager.default.createDirectory(at: faq, withIntermediateDirectories: true)
        try Data("locales: [en]\nlint:\n  min_questions: 3\n".utf8).write(
            to: folder.appendingPathComponent("settings.yaml"))
        try Data(
            """
            entries:
              - id: refunds
                answer: Refunds take five days.
                questions: [where is my refund, refund status, when do I get my money back]
                patterns: ['(refund)?']
              - id: hours
                answer: We open at nine.
                questions: [when do you open]

            """.utf8
        ).write(to: faq.appendingPathComponent("shop.yaml"))
        return folder
    }

    @Test func textFindingsPointAtFileLineAndColumnAndExitOneOnErrors() throws {
        let folder = try brokenBase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try ResponderProcess.run(["lint", folder.path])
        #expect(output.status == 1)
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains { $0.hasPrefix(folder.path + "/faq/shop.yaml:5:") && $0.hasSuffix("[pattern-empty-match]") })
        #expect(lines.contains { $0.contains(": warning: ") && $0.hasSuffix("[thin-entry]") })
        #expect(output.stderr.contains("1 error"))
    }

    @Test func warningsFailOnlyWithStrict() throws {
        let folder = try brokenBase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shop = folder.appendingPathComponent("faq/shop.yaml")
        let fixed = try String(contentsOf: shop, encoding: .utf8).replacingOccurrences(
            of: "'(refund)?'", with: "'refund'")
        try Data(fixed.utf8).write(to: shop)
        let relaxed = try ResponderProcess.run(["lint", folder.path])
        #expect(relaxed.status == 0, "warnings only: \(relaxed.stdout)")
        #expect(relaxed.stdout.contains("[thin-entry]"))
        #expect(try ResponderProcess.run(["lint", folder.path, "--strict"]).status == 1)
    }

    @Test func jsonIsOneObjectPerFinding() throws {
        let folder = try brokenBase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try ResponderProcess.run(["lint", folder.path, "--format", "json"])
        let objects = try output.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(!objects.isEmpty)
        for object in objects {
            #expect(Set(object.keys) == ["file", "line", "column", "severity", "rule", "message"])
        }
        #expect(
            objects.contains { $0["rule"] as? String == "pattern-empty-match" && $0["severity"] as? String == "error" })
    }

    @Test func sarifIsValidSARIF210() throws {
        let folder = try brokenBase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try ResponderProcess.run(["lint", folder.path, "--format", "sarif"])
        #expect(output.status == 1)
        #expect(try sarifSchemaErrors(Data(output.stdout.utf8)) == [])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let rules = try #require(
            ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        #expect(
            results.contains { $0["ruleId"] as? String == "pattern-empty-match" && $0["level"] as? String == "error" })
    }

    @Test func theBundledBaseLintsCleanEvenWithStrict() throws {
        let output = try ResponderProcess.run(["lint", ResponderProcess.bundledKnowledgeBase, "--strict"])
        #expect(output.status == 0, "\(output.stdout)")
        #expect(output.stdout.isEmpty)
        #expect(
            try sarifSchemaErrors(
                Data(
                    try ResponderProcess.run(["lint", ResponderProcess.bundledKnowledgeBase, "--format", "sarif"])
                        .stdout.utf8)
            ) == [])
    }

    @Test func usageAndMissingFolders() throws {
        #expect(try ResponderProcess.run(["lint", "--format", "xml"]).status == 2)
        let missing = try ResponderProcess.run(["lint", "/nonexistent/kb"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/kb"))
    }

    /// A folder of the base that cannot be read is an error that says so, not entries silently
    /// missing, and a base folder that cannot be read is not "no FAQ entries". Permissions do not
    /// stop root, so as root the binary runs as `nobody` (through `setpriv`).
    @Test func unreadableFoldersAreReported() throws {
        let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")
        let asRoot = geteuid() == 0
        try #require(!asRoot || FileManager.default.isExecutableFile(atPath: setpriv.path), "no setpriv to drop root")
        let folder = try ResponderProcess.temporaryDirectory()
        defer {
            _ = chmod(folder.appendingPathComponent("kb/faq/more").path, 0o755)
            _ = chmod(folder.appendingPathComponent("kb").path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        let kb = folder.appendingPathComponent("kb")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: ResponderProcess.bundledKnowledgeBase), to: kb)
        let more = kb.appendingPathComponent("faq/more")
        try FileManager.default.createDirectory(at: more, withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            at: kb.appendingPathComponent("faq/returns.yaml"), to: more.appendingPathComponent("returns.yaml"))
        let binary = folder.appendingPathComponent("responder")
        try FileManager.default.copyItem(at: ResponderProcess.executable, to: binary)
        for path in [folder.path, kb.path, binary.path] { _ = chmod(path, 0o755) }
        let lint = { () throws -> ResponderProcess.Output in
            asRoot
                ? try ResponderProcess.run(
                    program: setpriv,
                    ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path, "lint", kb.path])
                : try ResponderProcess.run(program: binary, ["lint", kb.path])
        }
        #expect(try lint().status == 0, "readable, the moved file is found in its subfolder")

        #expect(chmod(more.path, 0) == 0)
        let subfolder = try lint()
        #expect(subfolder.status == 1)
        #expect(
            subfolder.stdout.contains(
                "\(more.path):1:1: error: cannot read the folder: Permission denied [unreadable-file]"),
            "\(subfolder.stdout)\(subfolder.stderr)")

        #expect(chmod(more.path, 0o755) == 0 && chmod(kb.path, 0) == 0)
        let base = try lint()
        #expect(base.status == 1)
        #expect(base.stdout.contains("cannot read the folder: Permission denied"), "\(base.stdout)\(base.stderr)")
        #expect(!base.stdout.contains("no FAQ entries"))
    }
}
