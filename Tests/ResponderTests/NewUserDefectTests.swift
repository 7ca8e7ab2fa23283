import Foundation
import Testing

/// What a new user hit walking through the quick start, a simulated day of traffic, `tickets`
/// and `report`: each fixed behaviour, through the real binary.
@Suite struct NewUserDefectTests {
    let kb = ResponderProcess.bundledKnowledgeBase

    private func scratch() throws -> (folder: URL, db: String) {
        let folder = try ResponderProcess.temporaryDirectory()
        return (folder, folder.appendingPathComponent("day.sqlite").path)
    }

    private func run(_ arguments: [String], db: String, input: String = "", in folder: URL? = nil) throws
        -> ResponderProcess.Output
    {
        try ResponderProcess.run(arguments + ["--kb", kb, "--db", db], in: folder, input: input)
    }

    @Test("ask --at imports past traffic: the work order is created then and due from then")
    func askAtImportsPastTraffic() throws {
        let (folder, db) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Friday 17:50 in Shanghai: 10 minutes of logistics' 4-hour target before Friday's 18:00
        // close, the rest from Saturday's 10:00 opening.
        let output = try run(
            ["ask", "my parcel was stolen, this is fraud", "--at", "2026-11-20T17:50:00+08:00", "--json"], db: db)
        #expect(output.status == 0, "\(output.stderr)")
        let reply = try output.json()
        let id = try #require(reply["work_order"] as? String)
        let shown = try run(["tickets", "show", id, "--json"], db: db).json()
        #expect(shown["created"] as? String == "2026-11-20T17:50:00+08:00")
        #expect(shown["sla_due"] as? String == "2026-11-21T13:50:00+08:00", "due counted from the imported time")

        let future = try run(["ask", "hello", "--at", "2099-01-01T00:00:00Z"], db: db)
        #expect(future.status == 1)
        #expect(future.stderr.contains("--at 2099-01-01T08:00:00+08:00 is in the future"), "\(future.stderr)")
        let malformed = try run(["ask", "hello", "--at", "yesterday"], db: db)
        #expect(malformed.status == 2)
    }

    @Test("ask - reads TIME<tab>TEXT lines, each recorded at its own time")
    func askStdinImportsADay() throws {
        let (folder, db) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let day = """
            2026-11-23T09:01:00+08:00\tI forgot my password
            2026-11-23T09:30:00+08:00\tmy parcel was stolen, this is fraud
            2026-11-23T10:15:00+08:00\t我的快递三天了还没到

            """
        let output = try run(["ask", "-", "--json"], db: db, input: day)
        #expect(output.status == 0, "\(output.stderr)")
        let report = try run(["report", "--from", "2026-11-23", "--to", "2026-11-23", "--json"], db: db).json()
        #expect(report["messages"] as? Int == 3, "all three fall on the imported day")
        let none = try run(["report", "--from", "2026-11-24", "--json"], db: db).json()
        #expect(none["messages"] as? Int == 0)
    }

    @Test("tickets list shows the unresolved queue, overdue and most urgent first; --status all shows every one")
    func ticketsListDefaultsToTheQueue() throws {
        let (folder, db) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var ids: [String] = []
        for text in ["my parcel was stolen, this is fraud", "the app crashes when I open it", "I want a refund now"] {
            let reply = try run(["ask", text, "--json", "--threshold", "1", "--margin", "0"], db: db).json()
            ids.append(try #require(reply["work_order"] as? String))
        }
        #expect(try run(["tickets", "reply", ids[0], "--agent", "ana", "Refunded."], db: db).status == 0)
        #expect(try run(["tickets", "resolve", ids[0]], db: db).status == 0)

        let queue = try run(["tickets", "list", "--json"], db: db).jsonArray()
        let listed = queue.compactMap { $0["id"] as? String }
        #expect(Set(listed) == Set(ids.dropFirst()), "resolved work orders are not in the default list")
        let all = try run(["tickets", "list", "--status", "all", "--json"], db: db).jsonArray()
        #expect(all.compactMap { $0["id"] as? String }.last == ids[0], "resolved ones come last")
        #expect(all.count == 3)
        let bad = try run(["tickets", "list", "--status", "done"], db: db)
        #expect(bad.status == 2)
    }

    @Test("report --db outside the project folder works, with a warning that names --kb")
    func reportOutsideTheProjectFolder() throws {
        let (folder, db) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try run(["ask", "my parcel was stolen, this is fraud"], db: db).status == 0)
        // No --kb, run from a folder without knowledgebase/.
        let output = try ResponderProcess.run(["report", "--db", db], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("warning:") && output.stderr.contains("--kb"), "\(output.stderr)")
        #expect(output.stdout.contains("messages"))
        let tickets = try ResponderProcess.run(["tickets", "list", "--db", db], in: folder)
        #expect(tickets.status == 0)
        #expect(tickets.stderr.contains("--kb"))
    }

    @Test("A retried clarify comes back with its options and candidates")
    func retriedClarifyIsWhole() throws {
        let (folder, db) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = [
            "ask", "refund", "--conversation", "c-1", "--message-id", "m-1", "--json", "--threshold", "0.99",
            "--margin", "1",
        ]
        let first = try run(arguments, db: db).json()
        #expect(first["decision"] as? String == "clarify", "\(first)")
        let again = try run(arguments, db: db).json()
        #expect(again["duplicate"] as? Bool == true)
        #expect(again["decision"] as? String == "clarify")
        #expect((again["options"] as? [[String: Any]])?.count == (first["options"] as? [[String: Any]])?.count)
        #expect((again["candidates"] as? [[String: Any]])?.isEmpty == false)
    }
}

/// A base that `lint` finds an error in is refused by every command that would use it, with the
/// same diagnostic.
@Suite struct LintErrorRefusalTests {
    @Test("ask, eval and serve refuse a base with a catastrophic pattern, with lint's diagnostic")
    func catastrophicPatternIsRefusedEverywhere() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let kb = folder.appendingPathComponent("kb")
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: ResponderProcess.bundledKnowledgeBase), to: kb)
        try """
        entries:
          - id: slow-pattern
            answer: "Never answered."
            questions: [aaa, aaaa, aaaaa, aaaaaa, aaaaaaa]
            patterns: ["(a+)+$"]

        """.write(to: kb.appendingPathComponent("faq/slow.yaml"), atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("r.sqlite").path

        let lint = try ResponderProcess.run(["lint", kb.path])
        #expect(lint.status == 1)
        let diagnostic = try #require(
            lint.stdout.split(separator: "\n").first { $0.contains("[pattern-backtracking]") }.map(String.init),
            "lint reports the pattern: \(lint.stdout)")

        for arguments in [
            ["ask", "hello", "--kb", kb.path, "--db", db], ["eval", "--kb", kb.path, "labels.jsonl"],
            ["serve", "--kb", kb.path, "--db", db],
        ] {
            try #"{"text": "hello", "intent": "greeting"}"#.write(
                to: folder.appendingPathComponent("labels.jsonl"), atomically: true, encoding: .utf8)
            let output = try ResponderProcess.run(arguments, in: folder, input: "")
            #expect(output.status == 1, "\(arguments[0]) refuses the base")
            #expect(output.stderr.contains(diagnostic), "\(arguments[0]) prints lint's diagnostic: \(output.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: db), "nothing was recorded")
    }

    @Test("kb.reload refuses a base whose only error is lint's, keeps serving, and lists the diagnostic")
    func reloadRefusesALintOnlyError() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let kb = folder.appendingPathComponent("kb")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: ResponderProcess.bundledKnowledgeBase), to: kb)
        let server = try ServeProcess(kb: kb.path, db: folder.appendingPathComponent("r.sqlite").path)
        let before = try server.result("initialize", id: 1)
        try """
        entries:
          - id: slow-pattern
            answer: "Never answered."
            questions: [aaa, aaaa, aaaaa, aaaaaa, aaaaaaa]
            patterns: ["(a+)+$"]

        """.write(to: kb.appendingPathComponent("faq/slow.yaml"), atomically: true, encoding: .utf8)
        let error = try server.error("kb.reload", id: 2)
        #expect(error["code"] as? Int == -32003)
        let data = try #require(error["data"] as? [String: Any])
        let version = (before["knowledge_base"] as? [String: Any])?["version"] as? String
        #expect(data["serving_version"] as? String == version)
        let rules = (data["diagnostics"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } ?? []
        #expect(rules.contains("pattern-backtracking"), "\(data)")
        let answer = try server.result("message", ["conversation": "c", "text": "I forgot my password"], id: 3)
        #expect(answer["intent"] as? String == "password-reset", "the old base still answers")
        #expect(try server.finish().status == 0)
    }
}
