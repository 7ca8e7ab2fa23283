/// A problem found in a knowledge base, pointing at the line to fix.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The base cannot be used as it is.
        case error
        /// The base works, but probably not as the author meant.
        case warning
    }

    /// How serious it is.
    public let severity: Severity
    /// Where it is.
    public let location: SourceLocation
    /// What is wrong, in one sentence.
    public let message: String
    /// A stable identifier of the rule that found it, e.g. `unknown-key`.
    public let rule: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ rule: String, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.rule = rule
        self.location = location
        self.message = message
    }

    /// `file:line:col: error: message [rule]`
    public var description: String { "\(location): \(severity.rawValue): \(message) [\(rule)]" }
}

extension Sequence where Element == Diagnostic {
    /// True when any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }

    /// The diagnostics by position (file, line, column); equal positions keep their order.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }.map(\.element)
    }
}
