import Foundation
import ResponderCore
import ResponderStore

extension EngineSession {
    /// Handles a customer message: answers, clarifies or escalates it, and records it (with the
    /// work order it opens) when the session has a store. A retry of a recorded message (same
    /// conversation and message key) returns the first outcome in full and records nothing.
    ///
    /// - Parameter explain: attach the matcher's evidence to each candidate.
    public func handle(_ message: CustomerMessage, explain: Bool = false) throws(EngineError) -> MessageOutcome {
        try validate(message)
        let receivedAt = try eventTime(message.receivedAt)
        if let key = message.messageKey, let store,
            let stored = try storeCall({ () throws(StoreError) in
                try store.recordedMessage(conversation: message.conversation, messageKey: key)
            })
        {
            return retried(stored)
        }
        let (outcome, record) = triage.handle(
            message.text, locale: message.locale, conversation: message.conversation, customer: message.customer,
            channel: message.channel, isTest: message.isTest, messageKey: message.messageKey,
            receivedAt: receivedAt, startedAt: message.startedAt, explain: explain)
        let recorded = try store.map { store throws(EngineError) in
            try storeCall { () throws(StoreError) in try store.record(record) }
        }
        return MessageOutcome(
            outcome, recorded: recorded, latencyMicroseconds: record.latencyMicroseconds, timeZone: timeZone,
            explained: explain)
    }

    /// What the engine would do with `text` (arriving on `channel`), with the matcher's
    /// evidence, recording nothing.
    public func explain(_ text: String, locale: String? = nil, channel: String? = nil) throws(EngineError)
        -> MessageOutcome
    {
        let message = CustomerMessage(text: text, conversation: "explain", locale: locale)
        try validate(message)
        let startedAt = ContinuousClock.now
        let outcome = triage.handle(text, locale: locale, channel: channel, receivedAt: clock.now(), explain: true)
        let latency = Int((ContinuousClock.now - startedAt) / .microseconds(1))
        return MessageOutcome(
            outcome, recorded: nil, latencyMicroseconds: latency, timeZone: timeZone, explained: true)
    }

    private func validate(_ message: CustomerMessage) throws(EngineError) {
        if message.text.allSatisfy(\.isWhitespace) {
            throw EngineError.invalidArgument(field: "text", problem: "must not be empty")
        }
        if let locale = message.locale, !base.settings.locales.contains(locale) {
            throw EngineError.invalidArgument(
                field: "locale",
                problem:
                    "expected one of the knowledge base's locales (\(base.settings.locales.joined(separator: ", "))), got '\(locale)'"
            )
        }
    }

    /// A retry's outcome: the first one, as recorded.
    private func retried(_ stored: StoredMessage) -> MessageOutcome {
        let answer =
            stored.decision == .answer
            ? stored.intent.flatMap { base.entry($0) }?.answer(
                locale: stored.locale, fallback: base.settings.defaultLocale) : nil
        return MessageOutcome(
            decision: stored.decision, intent: stored.decision == .answer ? stored.intent : nil,
            confidence: stored.confidence, answer: answer, locale: stored.locale,
            candidates: stored.candidates.map {
                MessageOutcome.Candidate(intent: $0.intent, confidence: $0.confidence, detail: nil)
            },
            options: stored.options.map { MessageOutcome.Option(intent: $0.intent, question: $0.question) },
            escalateTo: stored.decision == .answer ? stored.intent.flatMap { base.entry($0)?.escalate } : nil,
            escalation: nil, workOrder: stored.workOrder, isDuplicate: true,
            latencyMicroseconds: stored.latencyMicroseconds, reply: nil, timeZone: timeZone, isExplained: false)
    }
}
