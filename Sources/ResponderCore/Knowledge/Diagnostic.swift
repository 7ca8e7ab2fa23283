/// A problem found in a knowledge base, pointing at the line to fix.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The base cannot be used as it is.
        case error
        /// The base works, but probably not as the author meant.
        case warning
    }

    /// The rule that found it; it says how serious the finding is.
    public let lintRule: LintRule
    /// Where it is.
    public let location: SourceLocation
    /// What is wrong, in one sentence.
    public let message: String

    /// How serious it is: its rule's severity.
    public var severity: Severity { lintRule.severity }
    /// The stable id of the rule that found it, e.g. `unknown-key`, as printed after the finding.
    public var rule: String { lintRule.id }

    /// Creates a finding of `rule` at `location`.
    public init(_ rule: LintRule, at location: SourceLocation, _ message: String) {
        self.lintRule = rule
        self.location = location
        self.message = message
    }

    /// The same finding at another place (e.g. with its path made relative).
    public func moved(to location: SourceLocation) -> Diagnostic { Diagnostic(lintRule, at: location, message) }

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
