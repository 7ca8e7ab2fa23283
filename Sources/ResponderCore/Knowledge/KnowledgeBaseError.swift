/// A knowledge base that could not be read at all (as opposed to one with diagnostics).
public struct KnowledgeBaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Equatable {
        /// The folder does not exist or is not a folder.
        case notADirectory
        /// The base loaded, but with errors; `diagnostics` lists them.
        case invalid
    }

    /// What went wrong.
    public let code: Code
    /// The folder involved.
    public let path: String
    /// The findings that made the base unusable.
    public let diagnostics: [Diagnostic]

    /// Creates an error.
    public init(_ code: Code, path: String, diagnostics: [Diagnostic] = []) {
        self.code = code
        self.path = path
        self.diagnostics = diagnostics
    }

    public var description: String {
        switch code {
        case .notADirectory:
            return "\(path): error: knowledge base folder not found"
        case .invalid:
            let errors = diagnostics.filter { $0.severity == .error }.count
            let lines = diagnostics.map(\.description).joined(separator: "\n")
            return "\(lines)\n\(path): \(errors) error\(errors == 1 ? "" : "s"); fix them and try again"
        }
    }
}
