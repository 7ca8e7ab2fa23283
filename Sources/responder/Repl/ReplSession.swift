import Foundation
import ResponderCore
import ResponderEngine
import ResponderStore

/// The REPL's state and commands: every line is a customer message or a `:command`.
final class ReplSession {
    /// How typed messages are recorded.
    enum Recording {
        /// Stored as test traffic: work orders open, reports leave them out (the default).
        case test
        /// Stored as real traffic.
        case live
        /// Not stored.
        case none
    }

    private let engine: EngineSession
    private let recording: Recording
    private let agent: String
    private let style: Style
    private var conversation = ReplSession.newConversation()
    private var channel = "chat"
    private var stats = SessionStats()

    /// What `:stats` shows.
    private struct SessionStats {
        var decisions: [Decision: Int] = [:]
        var latenciesMicroseconds: [Int] = []
        var workOrders = 0
        /// The conversations this session wrote in and recorded, for their response times.
        var conversations: [String] = []
    }

    /// The terminal's width in columns, for wrapping answers.
    private let width: Int

    /// A REPL over `engine`, which records typed messages unless `recording` is `.none` (it then
    /// has a store only when one already existed, for the agent commands).
    init(engine: EngineSession, recording: Recording, agent: String, style: Style, width: Int = 80) {
        self.engine = engine
        self.width = width
        self.recording = recording
        self.agent = agent
        self.style = style
    }

    /// One line for a terminal's first screen.
    var banner: String {
        let base = engine.base
        return TextWrapping.wrap(
            "Responder \(ResponderVersion.current): \(base.entries.count) entries from \(engine.directory) "
                + "(version \(base.version.prefix(12))). Type a customer message, or :help.", width: width, indent: "")
    }

    /// Handles one line; returns false when the session should end.
    func handle(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return true }
        guard trimmed.hasPrefix(":") else {
            message(trimmed)
            return true
        }
        let parts = trimmed.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case "help", "h", "?": output(Self.help.replacingOccurrences(of: "(now: chat)", with: "(now: \(channel))"))
        case "quit", "q", "exit": return false
        case "explain": explain(argument)
        case "reload": reload()
        case "tickets": tickets()
        case "reply": reply(argument)
        case "rate": rate(argument)
        case "channel": setChannel(argument)
        case "conversation": setConversation(argument)
        case "new": setConversation(Self.newConversation())
        case "stats": showStats()
        case "replay": replay(argument)
        case "suggest": suggest(argument)
        default:
            let hint = Suggestion.closest(to: name, in: Self.commands).map { "; did you mean :\($0)?" } ?? ""
            failure("unknown command :\(name)\(hint) (:help lists them)")
        }
        return true
    }

    static let commands = [
        "help", "explain", "reload", "tickets", "reply", "rate", "channel", "conversation", "new", "stats", "replay",
        "suggest", "quit",
    ]

    /// A fresh conversation id.
    static func newConversation() -> String { "repl-\(UUID().uuidString.lowercased().prefix(8))" }

    static let help = """
        Type a customer message to see what the engine does with it. Commands:
          :explain TEXT          the full breakdown of every candidate for TEXT
          :reload                reload the knowledge base (keeps the old one if the files have errors)
          :tickets               open work orders, most urgent first
          :reply WO-ID TEXT      reply to a work order as an agent
          :rate SCORE            rate this conversation, 1-5
          :channel NAME          set the channel of the next messages (now: chat)
          :conversation ID       switch to another conversation (messages in one are a thread)
          :new                   start a new conversation
          :stats                 this session's decisions, first and every response times
          :replay DIR            the recorded traffic through the base in DIR against this one
          :suggest [N]           the N (5) largest topics of messages this base did not serve well
          :help                  this list
          :quit                  leave (or Ctrl-D)
        """

    // MARK: - Messages

    private func message(_ text: String) {
        let message = CustomerMessage(
            text: text, conversation: conversation, channel: channel, isTest: recording != .live)
        let outcome: MessageOutcome
        do {
            outcome =
                try recording == .none
                ? engine.explain(text, channel: channel) : engine.handle(message, explain: true)
        } catch {
            return failure(error.description)
        }
        stats.decisions[outcome.decision, default: 0] += 1
        stats.latenciesMicroseconds.append(outcome.latencyMicroseconds)
        if outcome.escalation != nil, outcome.workOrder != nil { stats.workOrders += 1 }
        if outcome.isRecorded, !stats.conversations.contains(conversation) { stats.conversations.append(conversation) }
        output(describe(outcome))
    }

    private func describe(_ outcome: MessageOutcome) -> String {
        let confidence = String(format: "%.2f", outcome.confidence)
        var lines: [String] = []
        switch outcome.decision {
        case .answer:
            lines.append("\(style.decision(.answer))  \(style.bold(outcome.intent ?? ""))  \(confidence)")
            lines.append(TextWrapping.wrap(outcome.answer ?? "", width: width, indent: "  "))
        case .clarify:
            lines.append("\(style.decision(.clarify))  the best entries are too close (\(confidence)); ask:")
            for option in outcome.options {
                lines.append("  - \(option.question)  \(style.dim("[\(option.intent)]"))")
            }
        case .escalate:
            lines.append("\(style.decision(.escalate))  no entry is confident enough (best \(confidence))")
        case .handoff:
            lines.append("\(style.decision(.handoff))  the conversation goes to a person")
            if let acknowledgement = outcome.acknowledgement {
                lines.append(TextWrapping.wrap(acknowledgement, width: width, indent: "  "))
            }
        }
        if let escalation = outcome.escalation {
            let routing = escalation.routing
            let due = outcome.slaDue.map { Timestamp.format($0, in: engine.timeZone) } ?? "no SLA"
            let id = outcome.workOrder.map { "work order \($0.id)" } ?? "work order (not recorded)"
            // Wrapped as plain text (colour codes take no columns), then the id coloured.
            let line = TextWrapping.wrap(
                "\(id) -> \(routing.group), \(routing.priority.rawValue) priority, due \(due) (\(routing.reason.rawValue))",
                width: width, indent: "  ")
            lines.append(line.replacingOccurrences(of: id, with: style.cyan(id)))
        }
        lines += conversationLines(outcome)
        if case .picked = outcome.turn {
            // The candidates of "2" or "the first one" say nothing: the customer chose.
            lines.append(
                style.dim("  \(outcome.latencyMicroseconds) µs, conversation \(conversation), channel \(channel)"))
            return lines.joined(separator: "\n")
        }
        let candidates = outcome.candidates.prefix(3).map {
            "\($0.intent) \(String(format: "%.2f", $0.confidence))"
        }
        if !candidates.isEmpty { lines.append(style.dim("  candidates: " + candidates.joined(separator: ", "))) }
        if let top = outcome.reply?.match.candidates.first, !top.contributions.isEmpty {
            let decided = top.contributions.prefix(6).map(Self.describe).joined(separator: ", ")
            lines.append(style.dim(TextWrapping.wrap("decided by: \(decided)", width: width, indent: "  ")))
        }
        lines.append(
            style.dim("  \(outcome.latencyMicroseconds) µs, conversation \(conversation), channel \(channel)"))
        return lines.joined(separator: "\n")
    }

    /// What the conversation made of the message, and whether it is now with a person.
    private func conversationLines(_ outcome: MessageOutcome) -> [String] {
        var text: String
        switch outcome.turn {
        case .matched, .handedOff:
            text = outcome.turn == .matched ? "" : MessageFormatter.conversation(outcome)
        case .picked:
            text = MessageFormatter.conversation(outcome)
        case .joined:
            text = "joined \(outcome.workOrder?.id.description ?? "its work order")"
            if outcome.acknowledgement == nil { text += " (the base sends no acknowledgement)" }
        }
        text = text.trimmingCharacters(in: .newlines)
        if outcome.conversationState == .awaitingAgent,
            let workOrder = outcome.conversationWorkOrder ?? outcome.workOrder
        {
            let until =
                outcome.turn == .joined
                ? "with a person until it is resolved; :new starts another conversation"
                : "the conversation is with a person until \(workOrder.id) is resolved; :new starts another"
            text = text.isEmpty ? until : text + "; " + until
        }
        return text.isEmpty ? [] : [style.dim(TextWrapping.wrap(text, width: width, indent: "  "))]
    }

    private static func describe(_ contribution: Contribution) -> String {
        let score = ReplyFormatter.signed(contribution.score)
        switch contribution.source {
        case .term(let term): return "\(term.family.name) \"\(term.text)\" \(score)"
        case .pattern(let source, let location):
            return "pattern '\(TextWrapping.cut(source, to: 40))' (\(location)) \(score)"
        }
    }

    private func explain(_ text: String) {
        guard !text.isEmpty else { return failure(":explain needs a message, e.g. :explain I forgot my password") }
        do {
            let outcome = try engine.explain(text)
            guard let reply = outcome.reply else { return }
            output(ReplyFormatter.text(reply, explain: true).trimmingCharacters(in: .newlines))
        } catch {
            failure(error.description)
        }
    }

    // MARK: - Knowledge base

    private func reload() {
        do {
            let outcome = try engine.reload()
            for diagnostic in outcome.diagnostics { output(diagnostic.description) }
            output(
                "reloaded \(outcome.entries) entries, version \(outcome.version.prefix(12))"
                    + (outcome.isUnchanged ? " (unchanged)" : " (was \(outcome.previousVersion.prefix(12)))"))
        } catch {
            if case .knowledgeBase(_, let serving, let diagnostics) = error {
                for diagnostic in diagnostics { output(diagnostic.description) }
                let errors = diagnostics.count
                let summary = errors > 0 ? "\(errors) error\(errors == 1 ? "" : "s")" : error.description
                return failure(
                    "\(summary); kept the previous knowledge base (version \((serving ?? "").prefix(12)))")
            }
            failure(error.description)
        }
    }

    // MARK: - Agent commands

    private func tickets() {
        do {
            let open = try engine.workOrders(.unresolved).map(\.workOrder)
            output(
                WorkOrderFormatter.table(open, timeZone: engine.timeZone, now: engine.clock.now())
                    .trimmingCharacters(in: .newlines))
        } catch {
            failure(error.description)
        }
    }

    private func reply(_ argument: String) {
        let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, let id = WorkOrderID(parts[0]) else {
            return failure(":reply needs a work order and a text, e.g. :reply WO-000042 We have refunded you.")
        }
        do {
            let workOrder = try engine.reply(to: id, agent: agent, text: parts[1]).workOrder
            output("\(workOrder.id) \(workOrder.status.rawValue) (reply from \(agent))")
        } catch {
            failure(error.description)
        }
    }

    private func rate(_ argument: String) {
        guard let score = Int(argument), (1...5).contains(score) else {
            return failure(":rate needs a score from 1 to 5")
        }
        do {
            _ = try engine.rate(.conversation(conversation), score: score)
            output("rated conversation \(conversation): \(score)")
        } catch {
            failure(error.description)
        }
    }

    private func setChannel(_ name: String) {
        guard !name.isEmpty, !name.contains(" ") else { return failure(":channel needs a name, e.g. :channel email") }
        channel = name
        output("channel \(name)")
    }

    private func setConversation(_ id: String) {
        guard !id.isEmpty, !id.contains(" ") else { return failure(":conversation needs an id") }
        conversation = id
        output("conversation \(id)")
    }

    private func showStats() {
        let total = stats.latenciesMicroseconds.count
        guard total > 0 else { return output("no messages yet") }
        let sorted = stats.latenciesMicroseconds.sorted()
        let count: (Decision) -> Int = { self.stats.decisions[$0] ?? 0 }
        let percent: (Int) -> String = { String(format: "%.0f%%", Double($0) * 100 / Double(total)) }
        let decisions = Decision.allCases.map { "\($0.rawValue) \(count($0)) (\(percent(count($0))))" }
        output(
            """
            messages   \(total): \(decisions.joined(separator: ", "))
            work orders opened \(stats.workOrders)
            latency    median \(sorted[(total - 1) / 2]) µs, max \(sorted[total - 1]) µs
            """)
        if engine.store != nil { storeSummary() }
        guard !stats.conversations.isEmpty else { return }
        do throws(EngineError) {
            var times: [ResponseTime] = []
            for conversation in stats.conversations {
                times += try engine.conversation(conversation, limit: 1000).responseTimes
            }
            let first = times.filter(\.isFirst).compactMap(\.seconds)
            let every = times.compactMap(\.seconds)
            let human = times.filter(\.isHuman).compactMap(\.seconds)
            let waiting = times.filter { $0.isHuman && $0.seconds == nil }.count
            output(
                """
                first response   \(Self.mean(first)) over \(first.count)
                every response   \(Self.mean(every)) over \(every.count) (agents' \(Self.mean(human)) over \(human.count)), \(waiting) waiting for an agent
                """)
        } catch {
            failure(error.description)
        }
    }

    /// The desk's key figures over the last seven days against the seven before, with the
    /// trend: what `responder report` shows first (test traffic, such as this session's when it
    /// is not live, never counts).
    private func storeSummary() {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = engine.timeZone
        let today = engine.clock.now()
        let start = calendar.date(byAdding: .day, value: -6, to: today) ?? today
        let day = { (date: Date) in String(Timestamp.format(date, in: self.engine.timeZone).prefix(10)) }
        do throws(EngineError) {
            output(ReportFormatter.summary(try engine.dashboard(from: day(start), to: day(today))))
        } catch {
            failure(error.description)
        }
    }

    /// Every recorded customer message decided again by the base in `directory` against the
    /// session's base: what `responder replay --kb DIR` prints, five examples of each change.
    private func replay(_ directory: String) {
        guard !directory.isEmpty else { return failure("usage: :replay DIR (a candidate knowledge-base folder)") }
        let candidate: KnowledgeBase
        do {
            candidate = try KnowledgeBaseOptions.loading(directory)
        } catch let error as CommandFailure {
            return failure(error.message)
        } catch {
            return failure("\(directory): \(error.localizedDescription)")
        }
        do throws(EngineError) {
            let replay = try engine.replay(candidate: candidate, baseline: engine.base)
            output(
                ReplayFormatter.text(
                    replay, candidate: candidate, baseline: engine.base, examples: 5, timeZone: engine.timeZone))
        } catch {
            failure(error.description)
        }
    }

    /// The largest topics of recorded messages the session's base did not serve well, and what
    /// to add for each: what `responder kb suggest` prints, for the first `count` (default 5).
    private func suggest(_ count: String) {
        guard let limit = count.isEmpty ? 5 : Int(count), limit > 0 else {
            return failure("usage: :suggest [N] (how many topics to show, 1 or more)")
        }
        do throws(EngineError) {
            let suggestions = try engine.suggestions()
            output(SuggestFormatter.text(suggestions, drafts: nil, examples: 2, limit: limit))
        } catch {
            failure(error.description)
        }
    }

    /// The mean of `seconds`, in a unit that suits it: `420 ms`, `12.5 s`, `3.2 min`.
    private static func mean(_ seconds: [Double]) -> String {
        guard !seconds.isEmpty else { return "-" }
        let mean = seconds.reduce(0, +) / Double(seconds.count)
        if mean < 1 { return String(format: "mean %.0f ms", mean * 1000) }
        if mean < 120 { return String(format: "mean %.1f s", mean) }
        return String(format: "mean %.1f min", mean / 60)
    }

    // MARK: - Output

    private func output(_ text: String) {
        print(text)
        fflush(nil)
    }

    private func failure(_ text: String) {
        // Diagnostics (`path: error: ...`) say it already.
        let message = text.hasPrefix("error: ") || text.contains(": error: ") ? text : "error: " + text
        let colour = style.enabled && isatty(2) == 1
        FileHandle.standardError.write(Data(((colour ? style.red(message) : message) + "\n").utf8))
    }
}
