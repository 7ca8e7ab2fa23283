import ArgumentParser
import ResponderCore

/// `--kb DIR`, shared by every command that reads a knowledge base.
struct KnowledgeBaseOptions: ParsableArguments {
    @Option(name: .customLong("kb"), help: ArgumentHelp("Knowledge-base folder.", valueName: "dir"))
    var directory = "knowledgebase"

    /// Loads the base; warnings go to stderr, errors fail the command with every diagnostic.
    func load() throws -> KnowledgeBase {
        let result: LoadResult
        do {
            result = try KnowledgeBaseLoader.load(directory: directory)
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
