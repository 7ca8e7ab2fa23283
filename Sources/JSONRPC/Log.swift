import Foundation

/// Log lines on stderr (never stdout, which carries only JSON-RPC): `time level message`.
public struct Log: Sendable {
    /// How much to say.
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case error, warning, info, debug

        /// `error`, `warning`, `info`, `debug`.
        public var name: String { ["error", "warning", "info", "debug"][rawValue] }

        /// Reads a level name (also `warn`); nil for anything else.
        public init?(name: String) {
            switch name.lowercased() {
            case "error": self = .error
            case "warning", "warn": self = .warning
            case "info": self = .info
            case "debug": self = .debug
            default: return nil
            }
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The most detailed level written.
    public let level: Level

    /// A log that writes `level` and above.
    public init(level: Level) {
        self.level = level
    }

    /// Whether `level` is written (so callers can skip building a message).
    public func enabled(_ level: Level) -> Bool { level <= self.level }

    /// Writes `message` at `level`.
    public func write(_ level: Level, _ message: @autoclosure () -> String) {
        guard enabled(level) else { return }
        let line = "\(Date().formatted(.iso8601)) \(level.name) \(message())\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
