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
        using_history()
        stifle_history(1000)
        _ = read_history(historyFile)
    }

    mutating func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.allSatisfy(\.isWhitespace) {
            add_history(raw)
            // Written after every line, so that history survives a killed session.
            _ = write_history(historyFile)
        }
        return line
    }

    /// `$RESPONDER_HISTORY`, else `~/.responder_history`.
    static var defaultHistoryFile: String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["RESPONDER_HISTORY"], !path.isEmpty { return path }
        let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return (home as NSString).appendingPathComponent(".responder_history")
    }
}

/// A pipe or file: plain lines, no prompt, so that a session can be scripted.
struct PlainLineReader: LineReader {
    mutating func readLine(prompt: String) -> String? {
        Swift.readLine(strippingNewline: true)
    }
}
