import ArgumentParser
import Foundation
import ResponderCore

/// `--at TIME`: when a message arrived or an agent acted, for replays and imports of past traffic.
struct EventTimeOption: ParsableArguments {
    @Option(
        name: .customLong("at"),
        help: "When it really happened (ISO 8601 with an offset), for replays and imports; default now.")
    var text: String?

    func validate() throws {
        if let text, Timestamp.parse(text) == nil {
            throw ValidationError("--at \(text) is not an ISO 8601 time with an offset, e.g. 2026-11-23T09:20:00+08:00")
        }
    }

    /// The time given; nil for now (the engine refuses a time in the future).
    var time: Date? { text.flatMap(Timestamp.parse) }
}
