import Foundation
import Testing

/// The REPL in a real terminal (tmux), as a knowledge-base author uses it: typing Chinese and
/// accented text in a "C" locale, pressing Ctrl-C, recalling history. tmux is installed by
/// scripts/install-deps.
@Suite(.serialized) struct TmuxReplTests {
    /// A tmux server of the test's own, one window of `width` columns running `command`.
    final class Terminal {
        let socket = "responder-test-\(UUID().uuidString.prefix(8))"
        static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }

        init(_ command: String, width: Int = 120) throws {
            _ = try run(["new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "60", command])
        }

        deinit { _ = try? run(["kill-server"]) }

        /// Runs a tmux command and returns what it printed. Spawned and waited for directly: the
        /// server a first command starts keeps descriptors that Foundation's `Process` watches
        /// for the end of its child, so it would never see the client exit. Output goes to a file.
        @discardableResult
        func run(_ arguments: [String]) throws -> String {
            guard let tmux = Self.tmux else { throw PseudoTerminal.Failure(description: "tmux is not installed") }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: file) }
            // A "C" locale, as on a fresh machine: the REPL must still read UTF-8.
            let environment =
                ProcessInfo.processInfo.environment.filter { !["LANG", "LC_ALL", "LC_CTYPE"].contains($0.key) }
                .merging(["NO_COLOR": "1", "TERM": "xterm"]) { $1 }.map { "\($0)=\($1)" }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            // Nothing else: the tmux server outlives the call, and a pipe it inherited from
            // another test (a server's stdin) would never see its end of input.
            let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            for descriptor in open.compactMap(Int32.init) where descriptor > 2 {
                posix_spawn_file_actions_addclose(&actions, descriptor)
            }
            let argv = ([tmux, "-L", socket] + arguments).map { strdup($0) } + [nil]
            let envp = environment.map { strdup($0) } + [nil]
            defer { (argv + envp).forEach { free($0) } }
            var pid: pid_t = 0
            guard posix_spawn(&pid, tmux, &actions, nil, argv, envp) == 0 else {
                throw PseudoTerminal.Failure(description: "cannot start tmux")
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        }

        /// Types `keys` (tmux key names such as `Enter`, `C-c`, `Up`, or literal text).
        func send(_ keys: String...) throws { try run(["send-keys", "-t", "t"] + keys) }

        /// The screen, wrapped lines joined.
        func screen() throws -> String { try run(["capture-pane", "-t", "t", "-p", "-J", "-S", "-200"]) }

        /// Waits until `needle` is on the screen `count` times.
        func wait(for needle: String, count: Int = 1) throws {
            let deadline = Date().addingTimeInterval(30)
            while try screen().components(separatedBy: needle).count - 1 < count {
                if Date() > deadline {
                    throw PseudoTerminal.Failure(description: "no '\(needle)' (x\(count)) on screen:\n\(try screen())")
                }
                usleep(50_000)
            }
        }
    }

    @Test("Chinese and accented text type, edit and recall; Ctrl-C clears the line and the session stays")
    func chineseCtrlCAndHistory() throws {
        #expect(Terminal.tmux != nil, "tmux is required (scripts/install-deps installs it)")
        guard Terminal.tmux != nil else { return }
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let command = [
            ResponderProcess.executable.path, "repl", "--kb", ResponderProcess.bundledKnowledgeBase, "--db",
            folder.appendingPathComponent("r.sqlite").path,
        ].map { "'\($0)'" }.joined(separator: " ")
        let environment =
            "RESPONDER_HISTORY='\(folder.path)/history' RESPONDER_CACHE_DIR='\(ResponderProcess.scratchCache)'"
        let terminal = try Terminal("env \(environment) \(command); echo EXIT=$?; sleep 30")
        try terminal.wait(for: "responder> ")

        try terminal.send("我的快递三天了还没到", "Enter")
        try terminal.wait(for: "shipping-delayed")
        #expect(try terminal.screen().contains("responder> 我的快递三天了还没到"), "the Chinese line arrives whole")

        // Ctrl-C drops the half-typed line and gives a new prompt; the session goes on.
        try terminal.send("half typed line")
        try terminal.wait(for: "half typed line")
        try terminal.send("C-c")
        try terminal.wait(for: "^C")
        // The escalation handed the conversation to a person: a new one is answered by the bot.
        try terminal.send(":new", "Enter")
        try terminal.send("café opening hours", "Enter")
        try terminal.wait(for: "answer  opening-hours")
        let screen = try terminal.screen()
        #expect(screen.contains("responder> café opening hours"))
        #expect(!screen.contains("EXIT="), "Ctrl-C did not end the session")

        // History: three lines up (past :new) is the Chinese message; edit it (drop the last
        // character) and send it.
        try terminal.send("Up", "Up", "Up")
        try terminal.wait(for: "responder> 我的快递三天了还没到", count: 2)
        try terminal.send("BSpace", "Enter")
        try terminal.wait(for: "shipping-delayed", count: 2)
        let lines = try terminal.screen().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("responder> 我的快递三天了还没"), "the recalled line, one wide character deleted")

        try terminal.send(":quit", "Enter")
        try terminal.wait(for: "EXIT=0")
    }

    @Test("Long answers wrap at word boundaries to the terminal's width")
    func longAnswersWrapAtWords() throws {
        guard Terminal.tmux != nil else { return }
        let folder = try ResponderProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let command = [
            ResponderProcess.executable.path, "repl", "--kb", ResponderProcess.bundledKnowledgeBase, "--dry-run",
            "--db", folder.appendingPathComponent("r.sqlite").path,
        ].map { "'\($0)'" }.joined(separator: " ")
        let terminal = try Terminal(
            "env RESPONDER_CACHE_DIR='\(ResponderProcess.scratchCache)' \(command); sleep 30", width: 60)
        try terminal.wait(for: "responder> ")
        try terminal.send("what are your opening hours", "Enter")
        try terminal.wait(for: "answer  opening-hours")
        try terminal.wait(for: "µs")
        // Without -J: the screen as drawn, so a word cut by the terminal would show as a line
        // ending in the middle of a word.
        let drawn = try terminal.run(["capture-pane", "-t", "t", "-p"]).split(separator: "\n")
        let answer = drawn.drop { !$0.contains("answer  opening-hours") }.dropFirst().prefix { $0.hasPrefix("  ") }
        #expect(answer.count >= 3, "the answer spans several lines: \(drawn)")
        for line in answer {
            #expect(line.count <= 60, "fits the terminal: \(line)")
            #expect(line.last != "-" || line.hasSuffix(" -"), "\(line)")
        }
        let joined = answer.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(joined.contains("Monday to Friday 09:00-18:00"), "words are whole: \(joined)")
        // Ends the REPL, so that no session outlives the test.
        try terminal.send(":quit", "Enter")
    }
}
