import Foundation
import Logging

/// Log records kept in memory, so that tests can assert what a component logs.
public final class CapturedLogs: @unchecked Sendable {
    /// One log event.
    public struct Record: Equatable, Sendable {
        public let level: Logger.Level
        public let message: String
        public let metadata: [String: String]

        public init(level: Logger.Level, message: String, metadata: [String: String]) {
            self.level = level
            self.message = message
            self.metadata = metadata
        }
    }

    /// An empty capture.
    public init() {}

    private let lock = NSLock()
    private var stored: [Record] = []

    /// What was logged, in order.
    public var records: [Record] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    /// A logger writing here, at `level` and above.
    public func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "test") { _ in Handler(logs: self) }
        logger.logLevel = level
        return logger
    }

    fileprivate func append(_ record: Record) {
        lock.lock()
        stored.append(record)
        lock.unlock()
    }

    private struct Handler: LogHandler {
        let logs: CapturedLogs
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            logs.append(
                Record(
                    level: event.level, message: "\(event.message)",
                    metadata: merged.mapValues { "\($0)" }))
        }
    }
}
