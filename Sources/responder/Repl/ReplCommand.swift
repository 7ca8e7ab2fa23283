import ArgumentParser
import Foundation
import ResponderCore
import ResponderEngine

/// `responder repl`: try phrasings and work the queue interactively.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Try customer messages interactively and see why the engine decides what it does.",
        discussion: """
            Each line is a customer message; lines starting with : are commands (:help lists them). On a \
            terminal: line editing, history kept in $RESPONDER_HISTORY or ~/.responder_history, and colour \
            (unless NO_COLOR is set). From a pipe: one line at a time, no prompt, so sessions can be scripted. \
            Messages are recorded as test traffic (left out of reports) unless --live or --dry-run.
            """)

    @OptionGroup var options: SessionOptions

    @Option(help: "The agent name :reply records.")
    var agent = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "repl"

    @Flag(help: "Record messages as real traffic (counted in reports).")
    var live = false

    @Flag(help: "Record nothing (agent commands still work on an existing store).")
    var dryRun = false

    func validate() throws {
        if live && dryRun { throw ValidationError("--live and --dry-run exclude each other") }
    }

    func run() throws {
        unblockTermination()
        let base = try options.knowledgeBase.load()
        // A dry run records nothing, but the agent commands still work on a store that exists.
        let existing = FileManager.default.fileExists(atPath: options.store.resolvedPath)
        let store = !dryRun || existing ? try options.store.open(settings: base.settings) : nil
        let engine = EngineSession.cli(base: base, store: store)
        engine.prepare()
        let terminal = isatty(0) == 1 && isatty(1) == 1
        let session = ReplSession(
            engine: engine, recording: dryRun ? .none : live ? .live : .test, agent: agent,
            style: terminal ? .standardOutput : Style(enabled: false), width: terminal ? terminalWidth() : 80)
        var reader: any LineReader =
            terminal ? EditLineReader(historyFile: EditLineReader.defaultHistoryFile) : PlainLineReader()
        if terminal { print(session.banner) }
        while let line = reader.readLine(prompt: terminal ? "responder> " : "") {
            if !session.handle(line) { break }
        }
        if terminal { print("") }
    }
}

/// Columns of the terminal on standard output (80 when it cannot be told).
private func terminalWidth() -> Int {
    var size = winsize()
    guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
}

/// SIGTERM and SIGHUP end the REPL as they end any program, from its first moment, also
/// while it loads. A program that starts it with them blocked (a thread pool's worker, a
/// test runner) left them pending for ever, and one that had them ignored (a process that
/// once served JSON-RPC in-process) passed the ignoring on through exec: either way `kill`
/// and a closed terminal did nothing. An interactive session takes the default back.
private func unblockTermination() {
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    for number in [SIGTERM, SIGHUP] {
        signal(number, SIG_DFL)
        sigaddset(&unblocked, number)
    }
    pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
}
