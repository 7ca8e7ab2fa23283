import Foundation

/// A one-line progress counter on stderr, shown only when stderr is a terminal.
struct Progress {
    private let label: String
    private let total: Int
    let enabled: Bool
    private var lastShown = 0

    init(_ label: String, total: Int) {
        self.label = label
        self.total = total
        self.enabled = StandardError.isTerminal && total > 0
    }

    /// A counter with no known total (`total` 0 shows the count alone), on a terminal only.
    init(counting label: String) {
        self.label = label
        self.total = 0
        self.enabled = StandardError.isTerminal
    }

    /// Reports `done` items; redraws at most every 1% of the total.
    mutating func update(_ done: Int) {
        guard enabled else { return }
        if total == 0 {
            FileHandle.standardError.write(Data("\r\(label) \(done)…\u{1B}[K".utf8))
            return
        }
        guard done == total || done - lastShown >= max(1, total / 100) else { return }
        lastShown = done
        let percent = done * 100 / total
        FileHandle.standardError.write(Data("\r\(label) \(done)/\(total) (\(percent)%)\u{1B}[K".utf8))
    }

    /// Clears the line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

extension Progress {
    /// Shows `label…` on a terminal while `body` runs (for work without countable steps), then clears it.
    static func whileRunning<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let progress = Progress(label, total: 1)
        if progress.enabled { FileHandle.standardError.write(Data("\(label)…".utf8)) }
        defer { progress.finish() }
        return try body()
    }
}
