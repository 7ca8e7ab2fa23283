import ArgumentParser
import Foundation
import ResponderCore

/// `responder kb import FILE.jsonl --out DIR`: a knowledge base from labelled utterances.
struct KBImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Build a knowledge base from labelled utterances (JSON Lines).",
        discussion: """
            Each line is {"text": ..., "intent": ...}. One entry is made per intent, with its texts as \
            questions and a placeholder answer; lines with "intent": null are skipped. Nothing is \
            written unless every line is valid, and the folder appears whole or not at all.
            """)

    @Argument(help: "Labelled utterances, one JSON object a line.")
    var file: String

    @Option(help: ArgumentHelp("Folder to create.", valueName: "dir"))
    var out: String

    @Option(help: "Locale of the utterances.")
    var locale = "en"

    @Flag(help: "Replace the folder if it already exists.")
    var force = false

    func run() throws {
        let utterances = try LabelledDataFile.read(file)
        let files = KnowledgeBaseImporter.files(from: utterances, locale: locale)
        let intents = files.count - 2
        guard intents > 0 else { throw CommandFailure("\(file): error: no line has an intent; nothing to import") }
        try AtomicDirectory.write(files.map { ($0.path, $0.contents) }, to: out, replace: force, keeping: [file])
        let skipped = utterances.filter { $0.intent == nil }.count
        StandardError.write(
            "imported \(utterances.count - skipped) utterances into \(intents) entries in \(out)"
                + (skipped > 0 ? " (\(skipped) out-of-scope lines skipped)" : ""))
    }
}
