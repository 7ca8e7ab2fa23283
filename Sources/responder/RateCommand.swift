import ArgumentParser
import ResponderEngine
import ResponderStore

/// `responder rate`: record a customer's satisfaction score.
struct RateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate", abstract: "Record a CSAT score (1-5) for a conversation or a work order.",
        discussion: "Rating the same conversation or work order again replaces the earlier score.")

    @OptionGroup var queue: QueueOptions

    @Option(help: "The conversation rated (its latest message's response).")
    var conversation: String?

    @Option(help: "The work order rated.")
    var ticket: WorkOrderID?

    @Option(help: "The customer's comment (redacted when stored).")
    var comment: String?

    @Argument(help: "The score, 1 (very unhappy) to 5 (very happy).")
    var score: Int

    func validate() throws {
        if (conversation == nil) == (ticket == nil) {
            throw ValidationError("give exactly one of --conversation and --ticket")
        }
        if !(1...5).contains(score) { throw ValidationError("the score must be 1 to 5, not \(score)") }
    }

    func run() throws {
        let session = try queue.open()
        let target: RatingTarget = ticket.map { .workOrder($0) } ?? .conversation(conversation ?? "")
        _ = try engineCall { () throws(EngineError) in try session.rate(target, score: score, comment: comment) }
        print("rated \(ticket?.description ?? "conversation \(conversation ?? "")"): \(score)")
    }
}
