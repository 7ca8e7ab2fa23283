import ArgumentParser
import ResponderCore

/// `--kb DIR`, shared by every command that reads a knowledge base.
struct KnowledgeBaseOptions: ParsableArguments {
    @Option(name: .customLong("kb"), help: ArgumentHelp("Knowledge-base folder.", valueName: "dir"))
    var directory = "knowledgebase"

    /// Loads the base for use (with the errors `responder lint` finds beyond the loader's);
    /// warnings go to stderr, errors fail the command with every diagnostic.
    func load() throws -> KnowledgeBase {
        let result: LoadResult
        do {
            result = try KnowledgeBaseLoader.loadForUse(directory: directory)
        } catch {
            throw CommandFailure(error.description)
        }
        do {
            let base = try result.requireValid()
            for warning in result.diagnostics { StandardError.write(warning.description) }
            return base
        } catch {
            throw CommandFailure(error.description)
        }
    }
}
