import ArgumentParser

/// `responder kb ...`: knowledge-base maintenance.
struct KBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Build and maintain knowledge bases.",
        subcommands: [KBImportCommand.self, KBSuggestCommand.self])
}
