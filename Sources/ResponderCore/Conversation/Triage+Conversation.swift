import Foundation

extension Triage {
    /// Continues a conversation with a message that `outcome` is the engine's handling of on
    /// its own, given what `context` says of the conversation so far. In order:
    ///
    /// 1. A reply to the bot's clarification (within the clarification window) that picks one of
    ///    its options, by number or position or by words that match that option's entry much
    ///    better than the others', is answered with that entry.
    /// 2. While the conversation has an unresolved work order, the message joins it (decision
    ///    `handoff`): no canned answer, an acknowledgement if the base has one, and the work
    ///    order's priority raised when the priority rules rate the message higher.
    /// 3. A clarification that would make `handoffAfter` in a row hands the conversation to a
    ///    person instead (decision `handoff`, a work order opened).
    ///
    /// Anything else is `outcome` unchanged.
    public func resolve(
        _ outcome: TriageOutcome, text: String, channel: String?, receivedAt: Date, in context: ConversationContext
    ) -> TriageOutcome {
        let text = Matcher.cut(text, to: responder.matcher.options.maximumMessageLength)
        let settings = base.settings.conversation
        if let clarification = context.lastTurn, clarification.decision == .clarify,
            receivedAt.timeIntervalSince(clarification.at) <= settings.clarifyWindow,
            let (index, pick) = pickedOption(text, outcome: outcome, options: clarification.options),
            let answer = answered(
                option: index, by: pick, of: clarification, outcome: outcome, text: text, channel: channel,
                receivedAt: receivedAt, handedOff: context.openWorkOrder != nil)
        {
            return answer
        }
        let reply = outcome.reply
        if let open = context.openWorkOrder {
            let priority = router.priority(text)
            return TriageOutcome(
                reply: reply.handingOff(), escalation: nil, turn: .joined,
                acknowledgement: settings.acknowledgement(
                    locale: reply.locale, fallback: base.settings.defaultLocale, workOrder: open.id),
                raisedPriority: priority.flatMap { $0 > open.priority ? $0 : nil })
        }
        let failed = outcome.escalation == nil && reply.decision != .answer
        if failed, settings.handoffAfter > 0, context.failures + 1 >= settings.handoffAfter {
            let handoff = reply.handingOff()
            return TriageOutcome(
                reply: handoff,
                escalation: escalation(text, reply: reply, channel: channel, entryGroup: nil, receivedAt: receivedAt),
                turn: .handedOff(failures: context.failures + 1))
        }
        return outcome
    }

    /// The option `text` picks among `options`, and how; nil when it picks none.
    ///
    /// By words: the message on its own points at the option's entry more than at any other
    /// entry of the base (it is the best candidate), and either it is confident enough to be
    /// answered or the entry scores at least twice any other option's. Weak evidence ("still no
    /// reply?") picks nothing, and neither does a question about something else.
    func pickedOption(_ text: String, outcome: TriageOutcome, options: [(intent: String, question: String)])
        -> (Int, OptionPick)?
    {
        if let index = OptionChoice.index(in: text, count: options.count) { return (index, .number) }
        // "option 3" of two options names a position that is not there: no words to weigh.
        if OptionChoice.index(in: text, count: Int(Int32.max)) != nil { return nil }
        let offered = options.map(\.intent)
        let reply = outcome.reply
        guard let top = reply.match.top, let index = offered.firstIndex(of: top.intent) else { return nil }
        if reply.decision == .answer { return (index, .words) }
        let entries = offered.compactMap { base.index(of: $0) }
        guard entries.count == offered.count else { return nil }
        let scores = responder.matcher.scores(text, entries: entries)
        let others = scores.indices.filter { $0 != index }.map { scores[$0] }.max() ?? 0
        return scores[index] > 0 && scores[index] >= 2 * others ? (index, .words) : nil
    }

    /// The answer with the entry of `clarification`'s option `index`: in the locale of the
    /// pick's words ("第一个", "the second one"), or of the clarification when the pick has no
    /// letters ("2"); opening the entry's work order if it escalates, unless the conversation
    /// already has one. The work order shows, and is routed and prioritised by, the question
    /// clarified and the option chosen, not "2". Nil when the entry is no longer in the base.
    private func answered(
        option index: Int, by pick: OptionPick, of clarification: ConversationContext.BotTurn,
        outcome: TriageOutcome, text: String, channel: String?, receivedAt: Date, handedOff: Bool
    ) -> TriageOutcome? {
        let (intent, question) = clarification.options[index]
        guard let entry = base.entry(intent) else { return nil }
        let hasLetters = text.unicodeScalars.contains { $0.properties.isAlphabetic }
        let locale =
            hasLetters
            ? outcome.reply.locale
            : (clarification.locale.flatMap { base.settings.locales.contains($0) ? $0 : nil } ?? outcome.reply.locale)
        // The customer chose: the chosen entry is the one candidate, certain. (The candidates of
        // "2" or "the first one" on their own mean nothing.)
        let chosen = Candidate(
            intent: intent, entryIndex: base.index(of: intent) ?? 0, confidence: 1,
            score: outcome.reply.match.candidates.first { $0.intent == intent }?.score ?? 0, features: nil,
            contributions: [], calibration: nil)
        let reply = Reply(
            decision: .answer, intent: intent, confidence: 1,
            answer: entry.answer(locale: locale, fallback: base.settings.defaultLocale), options: [], locale: locale,
            escalateTo: entry.escalate, match: MatchResult(candidates: [chosen], unknownTerms: []))
        let subject = clarification.text.map { "\($0) (chose: \(question))" } ?? question
        let opens = entry.escalate.flatMap { group -> Escalation? in
            guard !handedOff else { return nil }
            var escalation = escalation(
                Matcher.cut(subject, to: responder.matcher.options.maximumMessageLength), reply: reply,
                channel: channel, entryGroup: group, receivedAt: receivedAt)
            escalation.subject = subject
            return escalation
        }
        return TriageOutcome(reply: reply, escalation: opens, turn: .picked(option: index, by: pick))
    }
}

extension Reply {
    /// This reply turned into a handoff: no answer, no options, the ranking kept.
    fileprivate func handingOff() -> Reply {
        Reply(
            decision: .handoff, intent: nil, confidence: confidence, answer: nil, options: [], locale: locale,
            escalateTo: nil, match: match)
    }
}
