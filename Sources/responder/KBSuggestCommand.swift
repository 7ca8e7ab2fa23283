import ArgumentParser
import Foundation
import ResponderCore
import ResponderEngine
import ResponderStore

/// `responder kb suggest`: what to add to the knowledge base next, from the messages it did not
/// serve well.
struct KBSuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Group the messages the base did not serve well into topics, and suggest what to add.",
        discussion: """
            Mines the period's customer messages that were escalated or handed off, clarified, \
            answered with low confidence (below halfway from the answer threshold to 1), or answered \
            and rated 1-2; test traffic, follow-ups that joined a work order and picks answering a \
            clarification are left out. Groups them into topics by their words (English and \
            Chinese; the same store gives the same topics) and, for each topic of at least \
            --min-size messages, largest first, shows its share, examples, the agents' labels, the \
            entry the base ranks first for most of them, and one suggestion: add the questions to \
            an entry (agents labelled them so, or the entry is a near miss, with a mean confidence \
            of half the threshold or more), or write a new entry. --out DIR writes the drafts as a \
            folder laid out like the base (faq/suggested/ID.yaml for new entries, rewritten copies \
            of the files whose entries gain questions) and a SUGGESTIONS.md; copy it over a copy \
            of the base and lint it. The live base is never changed.
            """)

    @OptionGroup var queue: QueueOptions

    @OptionGroup var period: PeriodOptions

    @Option(help: "The smallest topic to show, in messages.")
    var minSize = 3

    @Option(help: "Write the draft YAML files and SUGGESTIONS.md to this folder.")
    var out: String?

    @Flag(help: "Replace the --out folder if it exists (only one that holds drafts or a base).")
    var force = false

    @Option(help: "Examples to show per topic (text output).")
    var examples = 3

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        if minSize < 1 { throw ValidationError("--min-size must be 1 or more, not \(minSize)") }
        if examples < 0 { throw ValidationError("--examples must be 0 or more, not \(examples)") }
    }

    func run() throws {
        let session = try queue.open()
        var progress = Progress(counting: "reading messages")
        let suggestions = try engineCall { () throws(EngineError) in
            try session.suggestions(
                from: period.from, to: period.to, minSize: minSize, progress: { progress.update($0) })
        }
        progress.finish()
        let base = session.base
        let drafts = suggestions.drafts(base: base)
        if let out {
            let folder = { (path: String) in
                URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path + "/"
            }
            let (target, live) = (folder(out), folder(base.directory))
            if target.hasPrefix(live) || live.hasPrefix(target) {
                throw CommandFailure(
                    "\(out): error: \(target == live ? "is" : live.hasPrefix(target) ? "holds" : "is inside") the "
                        + "knowledge base \(base.directory); the drafts go beside it, never into it")
            }
            let summary = SuggestFormatter.markdown(
                suggestions, drafts: drafts, base: base, out: out, timeZone: session.timeZone)
            try AtomicDirectory.write(
                drafts.files.map { ($0.path, $0.contents) } + [("SUGGESTIONS.md", summary)], to: out, replace: force)
            StandardError.write(
                "\(drafts.files.count) draft file\(drafts.files.count == 1 ? "" : "s") and SUGGESTIONS.md written to \(out)"
            )
        }
        if json {
            print(SuggestFormatter.json(suggestions, drafts: out == nil ? nil : drafts, out: out).serialized)
        } else {
            print(
                SuggestFormatter.text(suggestions, drafts: out == nil ? nil : drafts, examples: examples),
                terminator: "")
        }
    }
}
