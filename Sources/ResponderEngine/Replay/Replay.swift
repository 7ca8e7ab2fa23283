import Dispatch
import Foundation
import ResponderCore
import ResponderStore

/// What a candidate knowledge base would have done with recorded traffic, against a baseline:
/// each recorded customer message decided again by both bases as a first message (a follow-up
/// that joined an open work order, and a pick answering a clarification, are left out: they
/// mean something only in their conversation), the answers gained,
/// lost and changed, the automation rate and blended first response each base would have had,
/// and the agents' labels checked.
public struct Replay: Sendable {
    /// What one base does with one message.
    public struct Verdict: Sendable, Equatable {
        /// Answer, clarify or escalate.
        public let decision: Decision
        /// The entry answered (also one that answers and escalates).
        public let entry: String?
        /// Answered by the bot alone: an answer whose entry does not escalate too.
        public let isAutomated: Bool

        init(_ reply: Reply) {
            decision = reply.decision
            entry = reply.intent
            isAutomated = reply.decision == .answer && reply.escalateTo == nil
        }

        /// The bot responded first (an answer or a clarification), rather than a person.
        var isBotResponse: Bool { decision == .answer || decision == .clarify }
    }

    /// How a message's outcome changes from the baseline to the candidate.
    public enum ChangeKind: String, Sendable, CaseIterable {
        /// Escalated or clarified by the baseline, answered by the candidate.
        case gained
        /// Answered by the baseline, not by the candidate.
        case lost
        /// Answered by both, with different entries.
        case changed
    }

    /// One message whose outcome changes.
    public struct Change: Sendable {
        /// Gained, lost or changed.
        public let kind: ChangeKind
        /// The customer's text as stored (redacted).
        public let text: String
        /// When it arrived.
        public let receivedAt: Date
        /// What each base does with it.
        public let baseline: Verdict
        /// See `baseline`.
        public let candidate: Verdict
    }

    /// A labelled message the candidate gets wrong.
    public struct Regression: Sendable {
        /// The work order the agent labelled.
        public let workOrder: WorkOrderID
        /// The customer's text as stored.
        public let text: String
        /// The agent's label.
        public let label: WorkOrderLabel
        /// What each base does with it.
        public let baseline: Verdict
        /// See `baseline`.
        public let candidate: Verdict
        /// For people: "answers account-locked; labelled password-reset".
        public let reason: String
    }

    /// A base's figures over the replayed messages.
    public struct Figures: Sendable, Equatable {
        /// Answered by the bot alone / messages.
        public let automationRate: Double?
        /// Mean first response in minutes: the bot's time where the base answers or clarifies,
        /// a person's where it escalates (the message's own first agent reply when it had one,
        /// else the period's mean human first response); nil when a message escalated by this
        /// base has neither (no agent replied in the period).
        public let blendedMeanMinutes: Double?
    }

    /// Messages replayed.
    public let messages: Int
    /// The baseline's figures.
    public let baseline: Figures
    /// The candidate's.
    public let candidate: Figures
    /// The messages whose outcome changes, oldest first.
    public let changes: [Change]
    /// Labelled messages the candidate gets wrong, oldest first.
    public let regressions: [Regression]
    /// Labelled messages checked.
    public let labelled: Int
    /// The period's mean human first response, seconds (what a newly escalated message takes).
    public let humanMeanSeconds: Double?

    /// How many changes of `kind`.
    public func count(_ kind: ChangeKind) -> Int { changes.filter { $0.kind == kind }.count }

    /// Replays `records` (the period's, with their texts) and checks `labelled` through both
    /// responders; decides each distinct text once per base, on every core.
    ///
    /// - Parameter progress: told how many distinct texts have been decided, every 1,000.
    public init(
        records: [MessageRecord], labelled: [LabelledMessage], baseline: AutoResponder, candidate: AutoResponder,
        progress: ((Int) -> Void)? = nil
    ) {
        // A follow-up that joined a work order was a person's, and a pick ("2") answered a
        // clarification: neither means anything on its own.
        let replayed = records.filter { !$0.joined && !$0.picked && $0.text != nil }
        var texts: [String] = []
        var index: [String: Int] = [:]
        for text in replayed.compactMap(\.text) + labelled.map(\.text) where index[text] == nil {
            index[text] = texts.count
            texts.append(text)
        }
        let (before, after) = Self.verdicts(texts, baseline: baseline, candidate: candidate, progress: progress)

        let human = replayed.filter(\.opened).compactMap(\.firstAgentReplySeconds)
        let humanMean = human.isEmpty ? nil : human.reduce(0, +) / Double(human.count)
        var changes: [Change] = []
        // nil once a message has no first response to take (no agent reply in the period).
        var seconds: ([Double]?, [Double]?) = ([], [])
        var automated = (0, 0)
        for record in replayed {
            guard let text = record.text, let position = index[text] else { continue }
            let (old, new) = (before[position], after[position])
            if old.isAutomated { automated.0 += 1 }
            if new.isAutomated { automated.1 += 1 }
            if let time = Self.firstResponse(record, old, humanMean: humanMean) {
                seconds.0?.append(time)
            } else {
                seconds.0 = nil
            }
            if let time = Self.firstResponse(record, new, humanMean: humanMean) {
                seconds.1?.append(time)
            } else {
                seconds.1 = nil
            }
            let kind: ChangeKind? =
                switch (old.isAutomated, new.isAutomated) {
                case (false, true): .gained
                case (true, false): .lost
                case (true, true) where old.entry != new.entry: .changed
                default: nil
                }
            if let kind {
                changes.append(
                    Change(kind: kind, text: text, receivedAt: record.receivedAt, baseline: old, candidate: new))
            }
        }
        let figures = { (count: Int, times: [Double]?) in
            Figures(
                automationRate: replayed.isEmpty ? nil : Double(count) / Double(replayed.count),
                blendedMeanMinutes: times.flatMap { $0.isEmpty ? nil : $0.reduce(0, +) / Double($0.count) / 60 })
        }
        humanMeanSeconds = humanMean
        messages = replayed.count
        self.baseline = figures(automated.0, seconds.0)
        self.candidate = figures(automated.1, seconds.1)
        self.changes = changes
        self.labelled = labelled.count
        regressions = labelled.compactMap { message in
            guard let position = index[message.text] else { return nil }
            return Self.regression(message, before[position], after[position], baseline: baseline.base)
        }
    }

    /// A message's first response under `verdict`, seconds: the bot's time where the base
    /// responds, else a person's (its own when it had one, else the period's mean).
    private static func firstResponse(_ record: MessageRecord, _ verdict: Verdict, humanMean: Double?) -> Double? {
        if verdict.isBotResponse { return Double(record.latencyMicroseconds) / 1_000_000 }
        if record.waitsForAgent, let seconds = record.responseSeconds { return seconds }
        return record.firstAgentReplySeconds ?? humanMean
    }

    /// Whether the candidate gets `message` wrong: it answers with another entry than the label,
    /// no longer answers with the labelled entry the baseline answered with, or answers a new
    /// topic with an entry the baseline already had (agents said none of those would do).
    private static func regression(
        _ message: LabelledMessage, _ old: Verdict, _ new: Verdict, baseline: KnowledgeBase
    ) -> Regression? {
        let reason: String?
        switch message.label {
        case .entry(let entry):
            if new.decision == .answer, let answered = new.entry, answered != entry {
                reason = "answers \(answered); labelled \(entry)"
            } else if old.decision == .answer, old.entry == entry, new.entry != entry {
                reason = "no longer answers \(entry) (\(new.decision.rawValue)s)"
            } else {
                reason = nil
            }
        case .newTopic(let topic):
            if new.decision == .answer, let answered = new.entry, baseline.entry(answered) != nil {
                reason = "answers \(answered); labelled a new topic, \"\(topic)\""
            } else {
                reason = nil
            }
        }
        return reason.map {
            Regression(
                workOrder: message.workOrder, text: message.text, label: message.label, baseline: old, candidate: new,
                reason: $0)
        }
    }

    /// Both bases' verdicts on `texts`, in chunks decided on every core.
    private static func verdicts(
        _ texts: [String], baseline: AutoResponder, candidate: AutoResponder, progress: ((Int) -> Void)?
    ) -> ([Verdict], [Verdict]) {
        let slots = VerdictSlots(count: texts.count)
        let chunk = 1000
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        for start in stride(from: 0, to: texts.count, by: chunk) {
            let end = min(start + chunk, texts.count)
            let share = (end - start + cores - 1) / cores
            DispatchQueue.concurrentPerform(iterations: cores) { core in
                let low = start + core * share
                let high = min(end, low + share)
                guard low < high else { return }
                for position in low..<high {
                    slots.set(
                        position, Verdict(baseline.reply(to: texts[position])),
                        Verdict(candidate.reply(to: texts[position])))
                }
            }
            progress?(end)
        }
        return slots.results()
    }
}

/// The verdicts as the cores write them: each position by one core only, read after
/// `concurrentPerform` has returned, which orders the writes before the read.
private final class VerdictSlots: @unchecked Sendable {
    private let before: UnsafeMutableBufferPointer<Replay.Verdict?>
    private let after: UnsafeMutableBufferPointer<Replay.Verdict?>

    init(count: Int) {
        before = .allocate(capacity: count)
        before.initialize(repeating: nil)
        after = .allocate(capacity: count)
        after.initialize(repeating: nil)
    }

    deinit {
        before.deinitialize().deallocate()
        after.deinitialize().deallocate()
    }

    func set(_ position: Int, _ old: Replay.Verdict, _ new: Replay.Verdict) {
        before[position] = old
        after[position] = new
    }

    func results() -> ([Replay.Verdict], [Replay.Verdict]) {
        (before.map { $0! }, after.map { $0! })
    }
}
