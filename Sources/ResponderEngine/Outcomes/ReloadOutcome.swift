import ResponderCore

/// A knowledge base that was loaded in place of another (`kb.reload`, the REPL's `:reload`).
public struct ReloadOutcome: Sendable, Encodable {
    /// The new base's version.
    public let version: String
    /// The version it replaced.
    public let previousVersion: String
    /// How many entries it has.
    public let entries: Int
    /// Its warnings, as `responder lint` prints them.
    public let diagnostics: [Diagnostic]

    /// True when the files had not changed.
    public var isUnchanged: Bool { version == previousVersion }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NamedKey.self)
        try container.encode(version, forKey: "version")
        try container.encode(previousVersion, forKey: "previous_version")
        try container.encode(entries, forKey: "entries")
        try container.encode(diagnostics.map(DiagnosticView.init), forKey: "diagnostics")
    }
}

/// A lint finding as JSON: file, line, column, severity, rule and message.
public struct DiagnosticView: Sendable, Encodable {
    /// The finding.
    public let diagnostic: Diagnostic

    /// A view of `diagnostic`.
    public init(_ diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NamedKey.self)
        try container.encode(diagnostic.location.file, forKey: "file")
        try container.encode(diagnostic.location.line, forKey: "line")
        try container.encode(diagnostic.location.column, forKey: "column")
        try container.encode(diagnostic.severity.rawValue, forKey: "severity")
        try container.encode("\(diagnostic.rule)", forKey: "rule")
        try container.encode(diagnostic.message, forKey: "message")
    }
}

/// The loaded knowledge base in brief: what `initialize` reports.
public struct KnowledgeBaseSummary: Sendable, Encodable {
    /// Its version (a hash of its files).
    public let version: String
    /// How many entries it has.
    public let entries: Int
    /// The locales it serves.
    public let locales: [String]
}
