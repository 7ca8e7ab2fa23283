import Foundation
import ResponderStore
import Testing

/// Escalation into the work-order queue, the agent commands, ratings and the report, through
/// the real binary and a store file of the test's own.
@Suite struct WorkOrderQueueTests {
    let kb = ResponderProcess.bundledKnowledgeBase

    /// A fresh folder with a store path in it; removed by the caller.
    private func scratch() throws -> (folder: URL, db: String) {
        let folder = try ResponderProcess.temporaryDirectory()
        return (folder, folder.appendingPathComponent("queue.sqlite").path)
    }

    private func run(_ arguments: [String], db: String, input: String = "") throws -> ResponderProcess.Output {
        try ResponderProcess.run(arguments + ["--kb", kb, "--db", db], input: input)
    }

    @Test func escalationOpensARoutedWorkOrderWithAnSLA() throws {
        let (folder, db) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try run(
            [
                "ask", "My parcel was stolen from the locker, this is fraud", "--json", "--threshold", "1", "--margin",
                "0",
                "--conversation", "conv-1", "--channel", "chat", "--customer", "cust-9",
            ], db: db)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let reply = try output.json()
        #expect(reply["decision"] as? String == "escalate")
        let id = try #require(reply["work_order"] as? String)
        #expect(id.hasPrefix("WO-"))
        #expect(reply["group"] as? String == "logistics")
        #expect(reply["priority"] as? String == "urgent")
        let due = try #require(reply["sla_due"] as? String)
        #expect(due.hasSuffix("+08:00"), "due times are shown in the base's time zone")
        #expect(reply["latency_us"] is Double)

        let shown = try run(["tickets", "show", id, "--json"], db: db).json()
        #expect(shown["id"] as? String == id)
        #expect(shown["status"] as? String == "open")
        #expect(shown["conversation"] as? String == "conv-1")
        #expect(shown["customer"] as? String == "cust-9")
        #expect(shown["group"] as? String == "logistics")
        #expect(shown["sla_due"] as? String == due)
        #expect((shown["candidates"] as? [Any])?.isEmpty == false)

        let attributes = try FileManager.default.attributesOfItem(atPath: db)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func answersAreRecordedWithoutWorkOrdersAndDryRunRecordsNothing() throws {
        let (folder, db) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let answered = try run(["ask", "I forgot my password", "--json"], db: db).json()
        #expect(answered["decision"] as? String == "answer")
        #expect(answered["work_order"] is NSNull)
        #expect(answered["group"] is NSNull)

        let dryRun = try run(["ask", "what is the capital of peru", "--json", "--dry-run"], db: db).json()
        #expect(dryRun["decision"] as? String == "escalate")
        #expect(dryRun["work_order"] is NSNull)
        #expect(dryRun["group"] is String, "a dry run still shows where it would go")

        let report = try run(["report", "--json"], db: db).json()
        #expect(report["messages"] as? Double == 1)
        #expect(try run(["tickets", "list", "--json"], db: db).stdout == "[]\n")
    }

    @Test func agentsWorkTheQueueAndImpossibleTransitionsFail() throws {
        let (folder, db) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let id = try #require(
            try run(["ask", "asdf qwerty zxcv", "--json", "--conversation", "c-7"], db: db).json()["work_order"]
                as? String)

        let early = try run(["tickets", "resolve", id], db: db)
        #expect(early.status == 1)
        #expect(early.stderr.contains("it is open"))

        #expect(try run(["tickets", "assign", id, "alice"], db: db).status == 0)
        #expect(try run(["tickets", "list", "--status", "assigned", "--json"], db: db).stdout.contains(id))
        #expect(!(try run(["tickets", "list", "--status", "open", "--json"], db: db).stdout.contains(id)))

        let reply = try run(
            [
                "tickets", "reply", id, "--agent", "alice", "Write to me at alice@example.com", "--at",
                "2099-01-01T00:00:00Z",
            ],
            db: db)
        #expect(reply.status == 1, "a reply in the future is refused")
        #expect(try run(["tickets", "reply", id, "--agent", "alice", "Write to ops@example.com"], db: db).status == 0)
        #expect(try run(["tickets", "resolve", id], db: db).status == 0)
        let twice = try run(["tickets", "resolve", id], db: db)
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("it is resolved"))
        #expect(try run(["tickets", "reopen", id], db: db).status == 0)

        let shown = try run(["tickets", "show", id, "--json"], db: db).json()
        #expect(shown["status"] as? String == "open")
        #expect(shown["agent"] as? String == "alice")
        #expect(shown["reopen_count"] as? Double == 1)
        let replies = try #require(shown["replies"] as? [[String: Any]])
        #expect(replies.map { $0["text"] as? String } == ["Write to [email]"])

        #expect(try run(["rate", "--ticket", id, "4"], db: db).status == 0)
        #expect(try run(["rate", "--conversation", "c-7", "9"], db: db).status == 2)
        #expect(try run(["rate", "--conversation", "no-such", "3"], db: db).status == 1)
        #expect(try run(["tickets", "show", "WO-999999"], db: db).status == 1)
        #expect(try run(["tickets", "show", "not-an-id"], db: db).status == 2)
    }

    @Test func reportJSONHasTheDocumentedKeysAndLeavesTestTrafficOut() throws {
        let (folder, db) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try run(["ask", "I forgot my password"], db: db)
        _ = try run(["ask", "asdf qwerty zxcv", "--channel", "email"], db: db)
        _ = try run(["ask", "asdf qwerty zxcv", "--test"], db: db)
        let output = try run(["report", "--json", "--from", "2000-01-01"], db: db)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let report = try output.json()
        #expect(report["messages"] as? Double == 2)
        #expect(report["automation_rate"] as? Double == 0.5)
        let bot = try #require(report["bot_response_ms"] as? [String: Any])
        for key in ["mean", "p50", "p90", "p99"] { #expect(bot[key] is Double, "bot_response_ms.\(key)") }
        let human = try #require(report["human_first_response_min"] as? [String: Any])
        for key in ["mean", "p50", "p90"] { #expect(human.keys.contains(key)) }
        let sla = try #require(report["sla_attainment"] as? [String: Any])
        let groups = try #require(report["by_group"] as? [String: Any])
        #expect(sla.count == 1)
        #expect(Set(sla.keys) == Set(groups.keys))
        let buckets = try #require(report["buckets"] as? [[String: Any]])
        #expect(buckets.map { $0["label"] as? String } == ["<= 1 min", "1-5 min", "> 5 min"])
        #expect(buckets.allSatisfy { $0["count"] is Double && $0.keys.contains("mean_csat") })
        let channels = try #require(report["by_channel"] as? [String: Any])
        #expect(Set(channels.keys) == ["chat", "email"])

        let text = try run(["report"], db: db)
        #expect(text.stdout.lowercased().contains("automation rate"))
        #expect(text.stdout.split(separator: "\n").count <= 40, "one screen")
        #expect(!text.stdout.contains("in business hours"))
        #expect(try run(["report", "--details"], db: db).stdout.contains("in business hours"), "every figure")
        #expect(try run(["report", "--from", "yesterday"], db: db).status == 2)
        #expect(try run(["report", "--buckets", "5m,1m"], db: db).status == 2)
    }

    @Test func readingCommandsDoNotCreateAStore() throws {
        let (folder, db) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try run(["tickets", "list"], db: db)
        #expect(output.status == 1)
        #expect(output.stderr.contains("no store at"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func aRetriedMessageIDIsNotRecordedTwice() throws {
        let (folder, db) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["ask", "asdf qwerty zxcv", "--json", "--conversation", "c", "--message-id", "m-1"]
        let first = try run(arguments, db: db).json()
        let second = try run(arguments, db: db).json()
        #expect(first["work_order"] as? String == second["work_order"] as? String)
        #expect(second["duplicate"] as? Bool == true)
        #expect(second["decision"] as? String == first["decision"] as? String)
        #expect(second["group"] as? String == first["group"] as? String)
        let retryInAnotherConversation = try run(
            ["ask", "asdf qwerty zxcv", "--json", "--conversation", "d", "--message-id", "m-1"], db: db
        ).json()
        #expect(retryInAnotherConversation["duplicate"] as? Bool == false)
        #expect(try run(["ask", "hello", "--message-id", "m-2"], db: db).status == 2, "ids need a conversation")
        #expect(try run(["report", "--json"], db: db).json()["messages"] as? Double == 2)
    }

    @Test func fourProcessesEscalatingIntoOneFileLoseAndDuplicateNothing() async throws {
        let (folder, db) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let perProcess = 250
        let kb = self.kb
        let ids = try await withThrowingTaskGroup(of: [String].self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let input = (0..<perProcess).map { "writer \(writer) message \($0) about nothing" }
                        .joined(separator: "\n")
                    let output = try ResponderProcess.run(
                        ["ask", "-", "--json", "--threshold", "1", "--margin", "0", "--kb", kb, "--db", db],
                        input: input)
                    #expect(output.status == 0, "stderr: \(output.stderr)")
                    #expect(output.stderr.isEmpty)
                    return try output.stdout.split(separator: "\n").map { line in
                        let reply = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                        return try #require(reply?["work_order"] as? String)
                    }
                }
            }
            var all: [String] = []
            for try await batch in group { all += batch }
            return all
        }
        #expect(ids.count == 4 * perProcess)
        #expect(Set(ids).count == 4 * perProcess)
        let store = try Store(path: db)
        #expect(try store.workOrders().count == 4 * perProcess)
        #expect(try store.integrityProblems().isEmpty)
    }

    @Test func aKilledWriterLosesNoAcknowledgedWorkOrder() throws {
        let (folder, db) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Writing to the killed child's stdin must fail with EPIPE, not kill the test runner.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = ResponderProcess.executable
        process.arguments = ["ask", "-", "--json", "--threshold", "1", "--margin", "0", "--kb", kb, "--db", db]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Feed messages faster than they are handled, so the writer is mid-stream when killed.
        let feeder = Thread {
            for index in 0..<5000 {
                guard (try? stdin.fileHandleForWriting.write(contentsOf: Data("crash test \(index)\n".utf8))) != nil
                else { return }
            }
        }
        feeder.start()
        var acknowledged: [String] = []
        var buffer = Data()
        while acknowledged.count < 200 {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                let reply = try JSONSerialization.jsonObject(with: line) as? [String: Any]
                acknowledged.append(try #require(reply?["work_order"] as? String))
            }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(acknowledged.count >= 200)

        let store = try Store(path: db)
        #expect(try store.integrityProblems().isEmpty)
        let stored = Set(try store.workOrders().map(\.id.description))
        #expect(Set(acknowledged).isSubset(of: stored))
    }
}
