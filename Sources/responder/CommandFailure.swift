import Foundation

/// A failure caused by the command's input (exit code 1); its message goes to stderr.
struct CommandFailure: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}

/// Writes lines to stderr, unbuffered.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// True when stderr is a terminal (progress and colour are only shown there).
    static var isTerminal: Bool { isatty(2) == 1 }
}
