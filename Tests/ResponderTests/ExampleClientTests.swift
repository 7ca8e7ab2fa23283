import Foundation
import Testing

/// The protocol's example front end (examples/chat.py) run end to end against the real binary,
/// and docs/protocol.md checked against what `responder serve` says it serves.
@Suite struct ExampleClientTests {
    /// `python3` on PATH, or nil (the chat test is then skipped).
    static let python: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    /// The error codes docs/protocol.md must document: JSON-RPC's and the application's.
    static let errorCodes = [-32700, -32600, -32601, -32602, -32603, -32001, -32002, -32003, -32004, -32005]

    static let protocolDocument = ResponderProcess.packageRoot.appendingPathComponent("docs/protocol.md")

    /// Runs examples/chat.py with `arguments` against the built binary, `input` as what the
    /// person types; fails instead of hanging when it does not finish within a minute.
    private func chat(_ arguments: [String], db: String, input: String) throws -> ResponderProcess.Output {
        let python = try #require(Self.python)
        return try ResponderProcess.run(
            program: python,
            [
                ResponderProcess.packageRoot.appendingPathComponent("examples/chat.py").path,
                "--responder", ResponderProcess.executable.path, "--kb", ResponderProcess.bundledKnowledgeBase,
                "--db", db,
            ] + arguments,
            input: input, environment: ["PYTHONIOENCODING": "utf-8", "RESPONDER_LOG": nil], timeout: 60)
    }

    @Test(.enabled(if: ExampleClientTests.python != nil, "python3 is not on PATH"))
    func aCustomerChatsAndAnAgentWorksTheTicket() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("chat.sqlite").path

        let customer = try chat(
            ["--conversation", "conv-chat-1"], db: db,
            input: """
                I forgot my password
                where is my parcel
                2
                Can you recommend a good restaurant near your warehouse?
                hello? anyone there?
                /rate 4 quick
                /quit

                """)
        #expect(customer.status == 0, "stderr: \(customer.stderr)")
        let customerLines = customer.stdout.split(separator: "\n").map(String.init)
        #expect(customerLines.first?.hasPrefix("Connected to responder") == true, "\(customer.stdout)")
        let answer = try #require(customerLines.first { $0.hasPrefix("Bot: ") }, "\(customer.stdout)")
        #expect(answer.contains("password"))
        let ticketLine = try #require(
            customerLines.first { $0.hasPrefix("A specialist (") }, "no escalation in: \(customer.stdout)")
        #expect(ticketLine.contains(") will get back to you by "))
        let ticket = try #require(ticketLine.components(separatedBy: ", ticket ").last)
        #expect(ticket.hasPrefix("WO-") && ticket.dropFirst(3).allSatisfy(\.isNumber), "\(ticketLine)")
        #expect(customerLines.contains("  2. Where can I find my tracking number?"), "numbered choices")
        #expect(
            customerLines.contains { $0.hasPrefix("Bot: Your tracking number") }, "the number picks: \(customer.stdout)"
        )
        #expect(
            customerLines.contains { $0.hasPrefix("Bot: Thank you, I have added this to your request WO-") },
            "the follow-up is acknowledged: \(customer.stdout)")
        #expect(customerLines.filter { $0.hasPrefix("A specialist (") }.count == 1, "promised once")
        #expect(customerLines.contains("Thank you! You rated this conversation 4/5."))

        let agent = try chat(
            ["--agent", "alice"], db: db,
            input: """
                list
                take \(ticket)
                reply \(ticket) We do not sell food, but the canteen next door is good.
                resolve \(ticket)
                show \(ticket)
                quit

                """)
        #expect(agent.status == 0, "stderr: \(agent.stderr)")
        let agentLines = agent.stdout.split(separator: "\n").map(String.init)
        let listed = try #require(
            agentLines.first { $0.hasPrefix(ticket) }, "the list lacks \(ticket): \(agent.stdout)")
        #expect(listed.contains(" open "))
        #expect(agentLines.contains("\(ticket) is now assigned (agent alice)"), "\(agent.stdout)")
        #expect(agentLines.contains("\(ticket) is now responded (agent alice)"), "\(agent.stdout)")
        #expect(agentLines.contains("\(ticket) is now resolved (agent alice)"), "\(agent.stdout)")
        #expect(
            agentLines.contains {
                $0.hasPrefix("  alice at ") && $0.hasSuffix(": We do not sell food, but the canteen next door is good.")
            },
            "\(agent.stdout)")
        #expect(
            agentLines.contains { $0.contains("customer at ") && $0.contains("hello? anyone there?") },
            "show lists the conversation's turns: \(agent.stdout)")
        #expect(!agent.stdout.contains("error:"), "\(agent.stdout)")

        // The store agrees with what the front end printed.
        let shown = try ResponderProcess.run(
            ["tickets", "show", ticket, "--json", "--kb", ResponderProcess.bundledKnowledgeBase, "--db", db]
        ).json()
        #expect(shown["status"] as? String == "resolved")
        #expect(shown["agent"] as? String == "alice")
        #expect(shown["conversation"] as? String == "conv-chat-1")
    }

    @Test func theProtocolDocumentCoversEveryMethodAndErrorCode() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let served = try ResponderProcess.run(
            [
                "serve", "--kb", ResponderProcess.bundledKnowledgeBase, "--db",
                folder.appendingPathComponent("doc.sqlite").path,
            ], input: #"{"jsonrpc":"2.0","id":1,"method":"initialize"}"# + "\n")
        #expect(served.status == 0, "stderr: \(served.stderr)")
        let result = try #require(served.json()["result"] as? [String: Any], "\(served.stdout)")
        let methods = try #require(result["methods"] as? [String])
        #expect(methods.contains("message"))

        let document = try String(contentsOf: Self.protocolDocument, encoding: .utf8)
        // Headings such as "### `work_order.get`" and "### `-32001` Unknown work order".
        let headings = document.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("### `") else { return nil }
            return line.dropFirst(5).split(separator: "`", maxSplits: 1).first.map(String.init)
        }
        let methodHeadings = headings.filter { !$0.hasPrefix("-") }
        #expect(Set(methodHeadings) == Set(methods), "documented \(methodHeadings), served \(methods)")
        #expect(methodHeadings.count == Set(methodHeadings).count, "a method is documented twice")
        for code in Self.errorCodes {
            #expect(headings.contains(String(code)), "docs/protocol.md has no section for error \(code)")
            #expect(document.contains("| \(code) |"), "the error table lacks \(code)")
        }
    }

    @Test func theProtocolDocumentsJSONExamplesAreValidJSON() throws {
        let document = try String(contentsOf: Self.protocolDocument, encoding: .utf8)
        let blocks = document.components(separatedBy: "```json\n").dropFirst().map {
            $0.components(separatedBy: "\n```").first ?? ""
        }
        #expect(blocks.count > 20)
        for block in blocks {
            #expect(
                (try? JSONSerialization.jsonObject(with: Data(block.utf8), options: .fragmentsAllowed)) != nil,
                "not JSON:\n\(block)")
        }
    }
}
