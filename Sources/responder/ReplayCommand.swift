import ArgumentParser
import Foundation
import JSONRPC
import ResponderCore
import ResponderEngine
import ResponderStore

/// `responder replay`: what a candidate knowledge base would have done with the recorded traffic.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract:
            "Replay recorded customer messages through a candidate base (--kb) and the baseline: what would change.",
        discussion: """
            Every customer message recorded in the period (test traffic, follow-ups that joined a \
            work order and picks answering a clarification left out) is decided again by both bases, \
            as a first message: answers gained \
            (escalated or clarified -> answered), lost, changed (another entry), and each base's \
            automation rate and blended mean first response (the bot's time where it answers or \
            clarifies, the message's own first agent reply or the period's mean where it escalates). \
            The messages agents labelled (tickets resolve --entry/--new-topic) are checked: a candidate \
            that answers one with another entry, no longer answers one the baseline got right, or \
            answers a new topic with an entry the baseline had, is a regression, listed first. Exit \
            status 1 with --fail-on-regression when there is one.
            """)

    @OptionGroup var queue: QueueOptions

    @Option(help: "The baseline knowledge base (default: knowledgebase, the live one).")
    var baseline = "knowledgebase"

    @OptionGroup var period: PeriodOptions

    @Option(help: "Changes of each kind to list (text output).")
    var examples = 10

    @Flag(help: "Exit with status 1 when the candidate regresses on a labelled message.")
    var failOnRegression = false

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        if examples < 0 { throw ValidationError("--examples must be 0 or more, not \(examples)") }
    }

    func run() throws {
        let candidate = try queue.session.knowledgeBase.load()
        let baseline = try KnowledgeBaseOptions.loading(baseline)
        let session = try queue.open()
        var progress = Progress(counting: "replaying messages")
        let replay = try engineCall { () throws(EngineError) in
            try session.replay(
                candidate: candidate, baseline: baseline, from: period.from, to: period.to,
                progress: { progress.update($0) })
        }
        progress.finish()
        if json {
            print(
                ReplayFormatter.json(replay, candidate: candidate, baseline: baseline, timeZone: session.timeZone)
                    .serialized)
        } else {
            print(
                ReplayFormatter.text(
                    replay, candidate: candidate, baseline: baseline, examples: examples, timeZone: session.timeZone),
                terminator: "")
        }
        if failOnRegression, !replay.regressions.isEmpty { throw ExitCode(1) }
    }
}
