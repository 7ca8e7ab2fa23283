import Foundation

/// Where a command's output goes: `--out FILE`, written whole or not at all, with a line on
/// stderr saying so; without it, standard output.
enum OutputFile {
    /// Writes `text` to `path` (atomically), or prints it when `path` is nil.
    ///
    /// - Parameter written: what stderr says was written, e.g. "report" or "12 labelled messages".
    static func write(_ text: String, to path: String?, written: @autoclosure () -> String) throws {
        guard let path else {
            print(text, terminator: "")
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
        FileHandle.standardError.write(Data("\(written()) written to \(path)\n".utf8))
    }
}
