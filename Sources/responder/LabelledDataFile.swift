import Foundation
import ResponderCore

/// Reads a labelled JSON Lines file, failing with every bad line's number.
enum LabelledDataFile {
    static func read(_ path: String) throws -> [LabelledUtterance] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("\(path): error: cannot read the file")
        }
        let (utterances, errors) = LabelledUtterance.parseAll(bytes: Array(data))
        if !errors.isEmpty {
            let shown = errors.prefix(20).map { "\(path):\($0.line): error: \($0.message)" }
            let more = errors.count > 20 ? ["... and \(errors.count - 20) more bad lines"] : []
            throw CommandFailure((shown + more).joined(separator: "\n"))
        }
        guard !utterances.isEmpty else { throw CommandFailure("\(path): error: the file has no lines") }
        return utterances
    }
}
