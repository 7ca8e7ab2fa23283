import ArgumentParser
import Foundation
import ResponderCore

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

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @OptionGroup var store: StoreOptions

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
        let base = try knowledgeBase.load()
        let terminal = isatty(0) == 1 && isatty(1) == 1
        let session = ReplSession(
            base: base, directory: knowledgeBase.directory, storeOptions: store,
            recording: dryRun ? .none : live ? .live : .test, agent: agent,
            style: terminal ? .standardOutput : Style(enabled: false))
        var reader: any LineReader =
            terminal ? EditLineReader(historyFile: EditLineReader.defaultHistoryFile) : PlainLineReader()
        if terminal {
            // Ctrl-C at the prompt must not end the session (Ctrl-D or :quit does).
            signal(SIGINT, SIG_IGN)
            print(session.banner)
        }
        while let line = reader.readLine(prompt: terminal ? "responder> " : "") {
            if !session.handle(line) { break }
        }
        if terminal { print("") }
    }
}
