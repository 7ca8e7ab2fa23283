import CEditLine
import Foundation

/// Where the REPL's lines come from.
protocol LineReader {
    /// The next line without its newline; nil at end of input.
    mutating func readLine(prompt: String) -> String?
}

/// A terminal: libedit's line editing (arrows, Ctrl-R search, ...) and a history kept in a
/// file between sessions.
struct EditLineReader: LineReader {
    /// Where history is kept.
    let historyFile: String

    /// Loads the history file if there is one.
    init(historyFile: String) {
        self.historyFile = historyFile
        Self.useUTF8Characters()
        Self.interruptReads()
        using_history()
        stifle_history(1000)
        _ = read_history(historyFile)
    }

    mutating func readLine(prompt: String) -> String? {
        interrupted = 0
        guard let raw = readline(prompt) else {
            // Ctrl-C: the read was interrupted. Drop the line typed so far and stay; only
            // end of input (Ctrl-D) or :quit ends the session.
            if interrupted != 0 {
                print("^C")
                return ""
            }
            return nil
        }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.allSatisfy(\.isWhitespace) {
            add_history(raw)
            // Written after every line, so that history survives a killed session.
            _ = write_history(historyFile)
        }
        return line
    }

    /// Ctrl-C sends SIGINT, which must not end the session: a handler notes it, and the read it
    /// interrupts (no `SA_RESTART`) makes `readline` return, so that `readLine` can tell it from
    /// end of input. SIGINT is unblocked too: a parent that blocked it (a thread pool's worker
    /// starting the REPL) would otherwise leave Ctrl-C pending and the line uncleared.
    private static func interruptReads() {
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interrupted = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// libedit reads and edits characters as the C library's character type says; in the default
    /// "C" locale every byte above 127 is dropped, so `我的快递` arrived empty and `café` as `caf`.
    /// Takes the environment's character type (`LANG`, `LC_ALL`, `LC_CTYPE`), and a UTF-8 one
    /// when that is not UTF-8: the REPL's input is always UTF-8. Only the character type: numbers
    /// and messages keep the "C" conventions.
    static func useUTF8Characters() {
        setlocale(LC_CTYPE, "")
        if isUTF8 { return }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if isUTF8 { return }
        }
    }

    private static var isUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// `$RESPONDER_HISTORY`, else `~/.responder_history`.
    static var defaultHistoryFile: String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["RESPONDER_HISTORY"], !path.isEmpty { return path }
        let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return (home as NSString).appendingPathComponent(".responder_history")
    }
}

/// Set by the SIGINT handler while the REPL waits for a line.
nonisolated(unsafe) private var interrupted: sig_atomic_t = 0

/// A pipe or file: plain lines, no prompt, so that a session can be scripted.
struct PlainLineReader: LineReader {
    mutating func readLine(prompt: String) -> String? {
        Swift.readLine(strippingNewline: true)
    }
}
