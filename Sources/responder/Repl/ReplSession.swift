import Foundation
import ResponderCore
import ResponderEngine
import ResponderServer
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

    private let directory: String
    private var triage: Triage
    private let storeOptions: StoreOptions
    private var store: Store?
    private let recording: Recording
    private let agent: String
    private let style: Style
    private var conversation = "repl-\(UUID().uuidString.lowercased().prefix(8))"
    private var channel = "chat"
    private var stats = SessionStats()

    /// What `:stats` shows.
    private struct SessionStats {
        var decisions: [Decision: Int] = [:]
        var latenciesMicroseconds: [Int] = []
        var workOrders = 0
    }

    init(
        base: KnowledgeBase, directory: String, storeOptions: StoreOptions, recording: Recording, agent: String,
        style: Style
    ) {
        self.directory = directory
        self.triage = Triage(responder: ModelCache.cli.responder(for: base))
        self.storeOptions = storeOptions
        self.recording = recording
        self.agent = agent
        self.style = style
    }

    /// One line for a terminal's first screen.
    var banner: String {
        let base = triage.base
        return "Responder \(ResponderVersion.current): \(base.entries.count) entries from \(directory) "
            + "(version \(base.version.prefix(12))). Type a customer message, or :help."
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
        case "stats": showStats()
        default:
            let hint = Suggestion.closest(to: name, in: Self.commands).map { "; did you mean :\($0)?" } ?? ""
            failure("unknown command :\(name)\(hint) (:help lists them)")
        }
        return true
    }

    static let commands = [
        "help", "explain", "reload", "tickets", "reply", "rate", "channel", "conversation", "stats", "quit",
    ]

    static let help = """
        Type a customer message to see what the engine does with it. Commands:
          :explain TEXT          the full breakdown of every candidate for TEXT
          :reload                reload the knowledge base (keeps the old one if the files have errors)
          :tickets               open work orders, most urgent first
          :reply WO-ID TEXT      reply to a work order as an agent
          :rate SCORE            rate this conversation, 1-5
          :channel NAME          set the channel of the next messages (now: chat)
          :conversation ID       switch to another conversation
          :stats                 this session's decisions and response times
          :help                  this list
          :quit                  leave (or Ctrl-D)
        """

    // MARK: - Messages

    private func message(_ text: String) {
        let (outcome, message) = triage.handle(
            text, conversation: conversation, channel: channel, isTest: recording == .test, explain: true)
        let latency = message.latencyMicroseconds
        stats.decisions[outcome.reply.decision, default: 0] += 1
        stats.latenciesMicroseconds.append(latency)
        var recorded: RecordedMessage? = nil
        if recording != .none, let store = openStore(creating: true) {
            do {
                recorded = try store.record(message)
            } catch {
                failure("not recorded: \(error)")
            }
        }
        if recorded?.workOrder != nil { stats.workOrders += 1 }
        output(describe(outcome, recorded: recorded, latency: latency))
    }

    private func describe(_ outcome: TriageOutcome, recorded: RecordedMessage?, latency: Int) -> String {
        let reply = outcome.reply
        let confidence = String(format: "%.2f", reply.confidence)
        var lines: [String] = []
        switch reply.decision {
        case .answer:
            lines.append("\(style.green("answer"))  \(style.bold(reply.intent ?? ""))  \(confidence)")
            lines.append("  " + (reply.answer ?? "").replacingOccurrences(of: "\n", with: "\n  "))
        case .clarify:
            lines.append("\(style.yellow("clarify"))  the best entries are too close (\(confidence)); ask:")
            for option in reply.options { lines.append("  - \(option.question)  \(style.dim("[\(option.intent)]"))") }
        case .escalate:
            lines.append("\(style.red("escalate"))  no entry is confident enough (best \(confidence))")
        }
        if let escalation = outcome.escalation {
            let routing = escalation.routing
            let due = escalation.slaDue.map { Timestamp.format($0, in: timeZone) } ?? "no SLA"
            let id = recorded?.workOrder.map { "work order \($0.id)" } ?? "work order (not recorded)"
            lines.append(
                "  \(style.cyan(id)) -> \(routing.group), \(routing.priority.rawValue) priority, due \(due) (\(routing.reason.rawValue))"
            )
        }
        let candidates = reply.match.candidates.prefix(3).map {
            "\($0.intent) \(String(format: "%.2f", $0.confidence))"
        }
        if !candidates.isEmpty { lines.append(style.dim("  candidates: " + candidates.joined(separator: ", "))) }
        if let top = reply.match.candidates.first, !top.contributions.isEmpty {
            let decided = top.contributions.prefix(6).map(Self.describe).joined(separator: ", ")
            lines.append(style.dim("  decided by: \(decided)"))
        }
        lines.append(style.dim("  \(latency) µs, conversation \(conversation), channel \(channel)"))
        return lines.joined(separator: "\n")
    }

    private static func describe(_ contribution: Contribution) -> String {
        let score = ReplyFormatter.signed(contribution.score)
        switch contribution.source {
        case .term(let term): return "\(term.family.name) \"\(term.text)\" \(score)"
        case .pattern(let source, _): return "pattern '\(source)' \(score)"
        }
    }

    private func explain(_ text: String) {
        guard !text.isEmpty else { return failure(":explain needs a message, e.g. :explain I forgot my password") }
        let reply = triage.responder.reply(to: text, explain: true)
        output(ReplyFormatter.text(reply, explain: true).trimmingCharacters(in: .newlines))
    }

    // MARK: - Knowledge base

    private func reload() {
        let result: LoadResult
        do {
            result = try KnowledgeBaseLoader.load(directory: directory)
        } catch {
            return failure("\(error.description); kept the previous knowledge base")
        }
        for diagnostic in result.diagnostics { output(diagnostic.description) }
        guard !result.diagnostics.containsErrors else {
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            return failure(
                "\(errors) error\(errors == 1 ? "" : "s"); kept the previous knowledge base (version \(triage.base.version.prefix(12)))"
            )
        }
        let previous = triage.base.version
        triage = Triage(responder: ModelCache.cli.responder(for: result.base))
        output(
            "reloaded \(result.base.entries.count) entries, version \(result.base.version.prefix(12))"
                + (previous == result.base.version ? " (unchanged)" : " (was \(previous.prefix(12)))"))
    }

    // MARK: - Agent commands

    private var timeZone: TimeZone { TimeZone(identifier: triage.base.settings.timeZone) ?? .gmt }

    /// The store; nil (with a message) when it cannot be opened, or does not exist and `creating` is false.
    private func openStore(creating: Bool) -> Store? {
        if let store { return store }
        do {
            store = try storeOptions.open(settings: triage.base.settings, mustExist: !creating)
        } catch let failure as CommandFailure {
            self.failure(failure.message)
        } catch {
            self.failure("\(error)")
        }
        return store
    }

    private func tickets() {
        guard let store = openStore(creating: false) else { return }
        do {
            let open = try store.workOrders().filter { $0.status != .resolved }
            output(WorkOrderFormatter.table(open, timeZone: timeZone).trimmingCharacters(in: .newlines))
        } catch {
            failure("\(error)")
        }
    }

    private func reply(_ argument: String) {
        let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, let id = WorkOrderID(parts[0]) else {
            return failure(":reply needs a work order and a text, e.g. :reply WO-000042 We have refunded you.")
        }
        guard let store = openStore(creating: false) else { return }
        do {
            let workOrder = try store.reply(to: id, agent: agent, text: parts[1])
            output("\(workOrder.id) \(workOrder.status.rawValue) (reply from \(agent))")
        } catch {
            failure("\(error)")
        }
    }

    private func rate(_ argument: String) {
        guard let score = Int(argument), (1...5).contains(score) else {
            return failure(":rate needs a score from 1 to 5")
        }
        guard let store = openStore(creating: false) else { return }
        do {
            try store.rate(.conversation(conversation), score: score)
            output("rated conversation \(conversation): \(score)")
        } catch {
            failure("\(error)")
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
        output(
            """
            messages   \(total): answered \(count(.answer)) (\(percent(count(.answer)))), clarified \(count(.clarify)) (\(percent(count(.clarify)))), escalated \(count(.escalate)) (\(percent(count(.escalate))))
            work orders opened \(stats.workOrders)
            latency    median \(sorted[(total - 1) / 2]) µs, max \(sorted[total - 1]) µs
            """)
    }

    // MARK: - Output

    private func output(_ text: String) {
        print(text)
        fflush(nil)
    }

    private func failure(_ text: String) {
        let message = text.hasPrefix("error: ") ? text : "error: " + text
        let colour = style.enabled && isatty(2) == 1
        FileHandle.standardError.write(Data(((colour ? style.red(message) : message) + "\n").utf8))
    }
}
