/// The engine's answer to one message: the matcher's ranking plus the decision and what to say.
public struct Reply: Sendable {
    /// Answer, clarify or escalate.
    public let decision: Decision
    /// The answered entry's id; nil unless `decision` is `answer`.
    public let intent: String?
    /// The top candidate's confidence (0 when there is none).
    public let confidence: Double
    /// The answer text in the customer's locale; nil unless `decision` is `answer`.
    public let answer: String?
    /// For `clarify`: the entries to offer, each with an example question in the customer's locale.
    public let options: [(intent: String, question: String)]
    /// The locale the reply is in.
    public let locale: String
    /// A group the answered entry also escalates to (e.g. complaints), if any.
    public let escalateTo: String?
    /// The ranked candidates, with contributions when explained.
    public let match: MatchResult
}

/// Matches messages against a knowledge base and decides what to do with each.
///
/// Immutable and `Sendable`: build one per knowledge base and share it.
public struct AutoResponder: Sendable {
    /// The matcher (and through it the base).
    public let matcher: Matcher
    /// The decision policy from the base's settings, unless overridden.
    public let policy: DecisionPolicy

    /// Builds the matcher for `base`.
    public init(base: KnowledgeBase, policy: DecisionPolicy? = nil, options: MatcherOptions = .standard) {
        self.matcher = Matcher(base: base, options: options)
        self.policy = policy ?? DecisionPolicy(base.settings)
    }

    /// Decides with a matcher built before (e.g. read from a cache).
    public init(matcher: Matcher, policy: DecisionPolicy? = nil) {
        self.matcher = matcher
        self.policy = policy ?? DecisionPolicy(matcher.base.settings)
    }

    /// The knowledge base.
    public var base: KnowledgeBase { matcher.base }

    /// Decides what to do with `text`; `locale` nil detects it from the text.
    public func reply(to text: String, locale: String? = nil, explain: Bool = false) -> Reply {
        let match = matcher.match(text, explain: explain)
        let decision = policy.decide(match.candidates)
        let settings = base.settings
        let locale = locale ?? LocaleDetector.detect(text, locales: settings.locales, fallback: settings.defaultLocale)
        let top = match.top.map { base.entries[$0.entryIndex] }
        var options: [(intent: String, question: String)] = []
        if decision == .clarify, let best = match.top {
            // Offer the top candidates that are within the margin of the best one (two or three).
            options = match.candidates.prefix(3).filter {
                best.confidence - $0.confidence < policy.margin * best.confidence
            }
            .map { candidate in
                let entry = base.entries[candidate.entryIndex]
                let question = entry.questions.first { $0.locale == locale } ?? entry.questions[0]
                return (candidate.intent, question.text)
            }
        }
        return Reply(
            decision: decision,
            intent: decision == .answer ? top?.id : nil,
            confidence: match.top?.confidence ?? 0,
            answer: decision == .answer ? top?.answer(locale: locale, fallback: settings.defaultLocale) : nil,
            options: options,
            locale: locale,
            escalateTo: decision == .answer ? top?.escalate : nil,
            match: match)
    }
}
