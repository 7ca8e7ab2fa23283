import Foundation
import Testing

/// `responder repl` through the real binary: scripted through a pipe, and under a
/// pseudo-terminal as a person would use it.
@Suite struct ReplTests {
    let kb = ResponderProcess.bundledKnowledgeBase

    private func session(_ lines: [String], db: String, extra: [String] = []) throws -> ResponderProcess.Output {
        try ResponderProcess.run(
            ["repl", "--kb", kb, "--db", db, "--agent", "alice"] + extra,
            input: lines.joined(separator: "\n") + "\n")
    }

    @Test func aPipedSessionShowsDecisionsWithoutPromptsOrColour() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try session(
            ["I forgot my password", "我忘记密码了"], db: folder.appendingPathComponent("r.sqlite").path)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(!output.stdout.contains("responder>"))
        #expect(!output.stdout.contains("\u{1B}["))
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("answer  password-reset") == true)
        #expect(output.stdout.contains("candidates: password-reset"))
        #expect(output.stdout.contains("decided by:"))
        #expect(output.stdout.contains("如需重置密码"))
    }

    @Test func agentCommandsWorkTheQueueFromTheSession() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("r.sqlite").path
        let first = try session(["asdf qwer zxcv", ":tickets"], db: db)
        #expect(first.stdout.contains("escalate"))
        let id = try #require(
            first.stdout.split(separator: "\n").first { $0.hasPrefix("WO-") }.map { String($0.prefix(9)) })
        let second = try session([":reply \(id) We are on it", ":tickets", ":reply WO-999999 hi", ":rate 9"], db: db)
        #expect(second.stdout.contains("\(id) responded (reply from alice)"))
        #expect(second.stderr.contains("no work order WO-999999"))
        #expect(second.stderr.contains(":rate needs a score from 1 to 5"))

        // REPL traffic is test traffic unless --live: it never reaches the report.
        let report = try ResponderProcess.run(["report", "--json", "--kb", kb, "--db", db]).json()
        #expect(report["messages"] as? Double == 0)
        _ = try session(["I forgot my password"], db: db, extra: ["--live"])
        #expect(
            try ResponderProcess.run(["report", "--json", "--kb", kb, "--db", db]).json()["messages"] as? Double == 1)
    }

    @Test func commandsChannelConversationStatsExplainAndQuit() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try session(
            [
                ":channel phone", ":conversation call-7", "please help, this is fraud", ":rate 2", "hello??",
                ":new", "what are your opening hours", ":stats", ":explain I forgot my password", ":help", ":tickts",
                ":quit", "never handled",
            ], db: folder.appendingPathComponent("r.sqlite").path)
        #expect(output.status == 0)
        #expect(output.stdout.contains("channel phone"))
        #expect(output.stdout.contains("conversation call-7, channel phone"))
        #expect(output.stdout.contains("urgent priority"), "phone and 'fraud' make it urgent")
        #expect(output.stdout.contains("rated conversation call-7: 2"))
        #expect(output.stdout.contains("joined WO-000001"), "the follow-up joins the conversation's work order")
        #expect(output.stdout.contains(":new starts another"))
        #expect(output.stdout.contains("messages   3:"))
        #expect(output.stdout.contains("handoff 1 (33%)"))
        #expect(output.stdout.contains("first response   mean"), "the bot's answer is a first response")
        #expect(output.stdout.contains("2 waiting for an agent"), "the escalation and the follow-up")
        #expect(output.stdout.contains("unigram \"password\""))
        #expect(output.stdout.contains(":reply WO-ID TEXT"))
        #expect(output.stderr.contains("did you mean :tickets?"))
        #expect(!output.stdout.contains("never handled"))
    }

    @Test func aPickWhileAPersonHasTheConversationSaysSo() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Both options escalate: the clarification opens a work order; the pick answers it.
        let output = try session(["我的包裹丢了，我要投诉", "第二个"], db: folder.appendingPathComponent("r.sqlite").path)
        let pick = try #require(output.stdout.range(of: "answers the clarification"))
        #expect(
            output.stdout[pick.lowerBound...].replacingOccurrences(of: "\n  ", with: " ")
                .contains("with a person until WO-000001 is resolved"),
            "\(output.stdout)")
    }

    @Test func reloadKeepsTheOldBaseWhenTheNewFilesHaveErrors() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = folder.appendingPathComponent("kb")
        try FileManager.default.copyItem(atPath: kb, toPath: base.path)
        let faq = base.appendingPathComponent("faq/broken.yaml")
        // The session starts on the good base; the broken file appears before :reload.
        let process = Process()
        process.executableURL = ResponderProcess.executable
        process.arguments = ["repl", "--kb", base.path, "--dry-run"]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data("I forgot my password\n".utf8))
        var out = ""
        while !out.contains("decided by") {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            out += String(decoding: chunk, as: UTF8.self)
        }
        try Data("entries:\n  - id: [oops\n".utf8).write(to: faq)
        stdin.fileHandleForWriting.write(Data(":reload\nI forgot my password\n".utf8))
        try stdin.fileHandleForWriting.close()
        out += String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(out.contains("broken.yaml:3:1: error:"), "the diagnostics point at the file and line")
        #expect(err.contains("kept the previous knowledge base"))
        #expect(
            out.components(separatedBy: "answer  password-reset").count == 3, "still answering after the failed reload")
    }

    @Test func underAPseudoTerminalItPromptsEditsAndKeepsHistory() throws {
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = folder.appendingPathComponent("history").path
        let db = folder.appendingPathComponent("r.sqlite").path

        let first = try PseudoTerminal.run(
            ["repl", "--kb", kb, "--db", db], environment: ["RESPONDER_HISTORY": history],
            typing: ["I forgot my pasword\r", ":quit\r"], until: "password-reset")
        #expect(first.contains("responder> "), "a prompt on a terminal")
        #expect(first.contains("password-reset"))
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains("pasword"), "libedit's history file (spaces are written as \\040)")

        // A new session finds the line in its history: up-arrow twice (past ":quit") then Enter
        // sends it again.
        let second = try PseudoTerminal.run(
            ["repl", "--kb", kb, "--db", db], environment: ["RESPONDER_HISTORY": history],
            typing: ["\u{1B}[A\u{1B}[A\r", ":quit\r"], until: "password-reset")
        #expect(second.contains("answer"))
        #expect(second.contains("password-reset"))
    }
}

/// Runs the binary with a pseudo-terminal as its stdin, stdout and stderr.
enum PseudoTerminal {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The C library's pseudo-terminal calls. Swift's Glibc module does not declare them (they
    /// sit behind _XOPEN_SOURCE), so they are looked up by name.
    enum libc {
        private static func function<T>(_ name: String, as type: T.Type) throws -> T {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
                throw Failure(description: "no \(name) in the C library")
            }
            return unsafeBitCast(symbol, to: type)
        }

        static func openMaster(_ flags: Int32) throws -> Int32 {
            try function("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)(flags)
        }

        static func grant(_ fd: Int32) throws -> Int32 {
            try function("grantpt", as: (@convention(c) (Int32) -> Int32).self)(fd)
        }

        static func unlock(_ fd: Int32) throws -> Int32 {
            try function("unlockpt", as: (@convention(c) (Int32) -> Int32).self)(fd)
        }

        static func name(_ fd: Int32) throws -> UnsafeMutablePointer<CChar>? {
            try function("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)(fd)
        }
    }

    /// Starts `responder arguments`, types each of `typing` after the previous output settles
    /// (the first after `responder> ` appears), and returns everything it wrote once it exits.
    static func run(
        _ arguments: [String], environment extra: [String: String], typing: [String], until marker: String
    ) throws -> String {
        let master = try libc.openMaster(O_RDWR | O_NOCTTY)
        guard master >= 0, try libc.grant(master) == 0, try libc.unlock(master) == 0,
            let name = try libc.name(master)
        else {
            throw Failure(description: "cannot open a pseudo-terminal")
        }
        let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw Failure(description: "cannot open \(String(cString: name))") }
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        let process = Process()
        process.executableURL = ResponderProcess.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["TERM"] = "xterm"
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        try process.run()

        nonisolated(unsafe) var output = Data()
        let lock = NSLock()
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }
                lock.lock()
                output.append(contentsOf: buffer[0..<count])
                lock.unlock()
            }
        }
        reader.start()
        let text = { () -> String in
            lock.lock()
            defer { lock.unlock() }
            return String(decoding: output, as: UTF8.self)
        }
        func wait(for needle: String, occurrences: Int = 1) throws {
            let deadline = Date().addingTimeInterval(20)
            while text().components(separatedBy: needle).count - 1 < occurrences {
                if Date() > deadline { throw Failure(description: "no '\(needle)' in: \(text())") }
                usleep(20_000)
            }
        }
        try wait(for: "responder> ")
        for (index, keys) in typing.enumerated() {
            _ = keys.withCString { write(master, $0, strlen($0)) }
            if index == 0 {
                try wait(for: marker)
                try wait(for: "responder> ", occurrences: 2)
            }
        }
        process.waitUntilExit()
        close(master)
        return text()
    }
}

/// Signals a REPL on a terminal must obey even when the program that started it blocked or
/// ignored them (a thread pool's worker, a test runner that served JSON-RPC in-process).
@Suite struct ReplSignalTests {
    @Test(.enabled(if: ExampleClientTests.python != nil, "python3 is not on PATH"))
    func sigtermEndsTheSessionThoughTheParentBlockedIt() throws {
        let script = """
            import os, pty, signal, sys, time
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGHUP})
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(sys.argv[1], [sys.argv[1], "repl", "--kb", sys.argv[2], "--dry-run"])
            deadline = time.time() + 120
            seen = b""
            while b"responder> " not in seen and time.time() < deadline:
                seen += os.read(fd, 4096)
            os.kill(pid, signal.SIGTERM)
            for _ in range(300):
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    print("ended")
                    sys.exit(0)
                time.sleep(0.1)
            # Still running: say what state it is in, so that a rare failure can be understood.
            def proc(name):
                try:
                    return open("/proc/%d/%s" % (pid, name)).read()
                except OSError as error:
                    return str(error)
            status = [line for line in proc("status").splitlines() if line.startswith(("State", "Sig", "Shd"))]
            threads = os.listdir("/proc/%d/task" % pid) if os.path.isdir("/proc/%d/task" % pid) else []
            os.kill(pid, signal.SIGKILL)
            print("still running")
            print(" | ".join(status), "| wchan", proc("wchan"), "| threads", len(threads), "| output", seen[-200:])
            """
        let output = try ResponderProcess.run(
            program: try #require(ExampleClientTests.python),
            ["-c", script, ResponderProcess.executable.path, ResponderProcess.bundledKnowledgeBase],
            environment: ["RESPONDER_CACHE_DIR": ResponderProcess.scratchCache])
        #expect(
            output.stdout.hasPrefix("ended"), "the REPL ended on SIGTERM: \(output.stdout) \(output.stderr)")
    }
}
