import Foundation
import Logging
import ResponderCore

/// Log lines on standard error, never standard output (which carries only the protocol):
/// `2026-11-23T09:20:00Z info message key=value ...`, time in UTC, metadata sorted by key.
public struct StandardErrorLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]

    /// A handler writing `level` and more serious.
    public init(level: Logger.Level) {
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = "\(Timestamp.format(Date(), in: .gmt)) \(event.level) \(event.message)"
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension Logger.Level {
    /// Reads a level name: `error`, `warning` (or `warn`), `info`, `debug`, and swift-log's
    /// others (`trace`, `notice`, `critical`); nil for anything else.
    public init?(name: String) {
        let name = name.lowercased()
        if name == "warn" {
            self = .warning
        } else if let level = Logger.Level(rawValue: name) {
            self = level
        } else {
            return nil
        }
    }
}
