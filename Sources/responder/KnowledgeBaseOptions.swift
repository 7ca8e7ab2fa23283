import ArgumentParser
import Foundation
import ResponderCore
import ResponderEngine
import ResponderStore

/// `--kb DIR`, shared by every command that reads a knowledge base.
struct KnowledgeBaseOptions: ParsableArguments {
    @Option(name: .customLong("kb"), help: ArgumentHelp("Knowledge-base folder.", valueName: "dir"))
    var directory = "knowledgebase"

    /// Loads the base for use: warnings go to stderr; a base that `lint` finds errors in fails
    /// the command with the same diagnostics.
    func load() throws -> KnowledgeBase { try Self.loading(directory) }

    /// Loads the base in `directory` as `load` does (for a second base, such as `replay`'s baseline).
    static func loading(_ directory: String) throws -> KnowledgeBase {
        do {
            let (base, warnings) = try EngineSession.loadBase(directory: directory)
            for warning in warnings { StandardError.write(warning.description) }
            return base
        } catch {
            throw CommandFailure(error)
        }
    }

    /// The base when it loads for use, else an empty one with the default settings (UTC, the
    /// standard redaction) and a warning that names `--kb`: for commands that need the base only
    /// for its time zone, groups and redaction switch (agents working the queue, reports), which
    /// must not fail on a knowledge-base typo or when run outside the project folder.
    func loadIfAvailable() -> KnowledgeBase {
        // The loader's checks only: a lint-only error in an FAQ file (a slow pattern) says
        // nothing about the settings these commands read, and probing patterns costs time.
        let reason: String
        do {
            return try KnowledgeBaseLoader.load(directory: directory).requireValid()
        } catch {
            reason =
                error.code == .notADirectory
                ? "no knowledge base there (pass --kb DIR)"
                : "it has \(error.diagnostics.filter { $0.severity == .error }.count) error(s) (responder lint lists them)"
        }
        StandardError.write(
            "warning: cannot use the knowledge base \(directory): \(reason); times are shown in UTC, text is redacted and groups are unordered"
        )
        return KnowledgeBase(
            directory: directory, settings: .defaults, groups: .fallback(file: "groups.yaml"), entries: [],
            version: "none")
    }
}

extension CommandFailure {
    /// The command's failure for an engine error: `error: ...`, or a knowledge base's
    /// diagnostics one per line as `lint` prints them.
    init(_ error: EngineError) {
        switch error {
        case .knowledgeBase(let message, _, let diagnostics):
            // The message lists the diagnostics already, as lint prints them.
            let hint = diagnostics.isEmpty && message.hasSuffix("not found") ? " (pass --kb DIR)" : ""
            self.init(message + hint)
        case .invalidArgument(let field, let problem), .store(.invalidValue(let field, let problem)):
            // Named as the command's option: `--at ... is in the future`.
            self.init("error: --\(field.replacingOccurrences(of: "_", with: "-")) \(problem)")
        default:
            self.init(error.description.hasPrefix("error") ? error.description : "error: \(error.description)")
        }
    }
}

/// Runs an engine call, turning its error into the command's failure.
func engineCall<T>(_ body: () throws(EngineError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw CommandFailure(error)
    }
}
