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
        // Matching is the costly part: done before the store's transaction, which only adds
        // what the conversation's history changes.
        let triage = self.triage
        let matched = triage.handle(
            message.text, locale: message.locale, channel: message.channel, receivedAt: receivedAt, explain: explain)
        var outcome = matched
        var latency = 0
        let version = base.version
        let record = { (context: ConversationContext) -> HandledMessage in
            outcome = triage.resolve(
                matched, text: message.text, channel: message.channel, receivedAt: receivedAt, in: context)
            latency = Int((ContinuousClock.now - message.startedAt) / .microseconds(1))
            return HandledMessage(
                outcome, text: message.text, conversation: message.conversation, customer: message.customer,
                channel: message.channel, receivedAt: receivedAt, latencyMicroseconds: latency,
                knowledgeBaseVersion: version, isTest: message.isTest, messageKey: message.messageKey)
        }
        guard let store else {
            _ = record(.new)
            return MessageOutcome(
                outcome, recorded: nil, latencyMicroseconds: latency, timeZone: timeZone, explained: explain)
        }
        let recorded = try storeCall { () throws(StoreError) in
            try store.record(
                conversation: message.conversation, messageKey: message.messageKey, receivedAt: receivedAt,
                isTest: message.isTest, clarifyWindow: base.settings.conversation.clarifyWindow, record)
        }
        if recorded.isDuplicate, let key = message.messageKey,
            let stored = try storeCall({ () throws(StoreError) in
                try store.recordedMessage(conversation: message.conversation, messageKey: key)
            })
        {
            return retried(stored)  // another process recorded it first
        }
        return MessageOutcome(
            outcome, recorded: recorded, latencyMicroseconds: latency, timeZone: timeZone, explained: explain)
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
            escalation: nil, workOrder: stored.workOrder, isRecorded: true, conversationWorkOrder: nil,
            isDuplicate: true, turn: stored.turn,
            acknowledgement: stored.turn == .joined ? acknowledgement(stored) : nil,
            latencyMicroseconds: stored.latencyMicroseconds, reply: nil, timeZone: timeZone, isExplained: false)
    }

    /// The acknowledgement a retried message joining a work order was sent.
    private func acknowledgement(_ stored: StoredMessage) -> String? {
        guard let workOrder = stored.workOrder else { return nil }
        let settings = base.settings
        return settings.conversation.acknowledgement(
            locale: stored.locale ?? settings.defaultLocale, fallback: settings.defaultLocale,
            workOrder: workOrder.id.description)
    }
}
