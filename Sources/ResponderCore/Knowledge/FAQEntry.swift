/// One example phrasing of an entry.
public struct ExampleQuestion: Sendable, Equatable {
    /// The text as written.
    public let text: String
    /// Its locale, when the author grouped questions by locale.
    public let locale: String?
    /// Where it was written.
    public let location: SourceLocation
}

/// A FAQ entry: what customers ask, and what the engine answers.
public struct FAQEntry: Sendable {
    /// Stable id, unique across the base; the intent name in results.
    public let id: String
    /// Answers by locale; a single-language answer is stored under the default locale.
    public let answers: [String: String]
    /// Where each answer is written, by locale.
    public let answerLocations: [String: SourceLocation]
    /// Example phrasings: the main signal for matching.
    public let questions: [ExampleQuestion]
    /// Author-weighted keywords.
    public let keywords: [SourceKeyword]
    /// Patterns whose match is strong evidence for this entry.
    public let patterns: [SourcePattern]
    /// The specialist group that owns this topic: escalated messages whose best candidates are this
    /// entry are routed there. From the entry's `group`, else its file's; nil when neither says.
    public let group: String?
    /// Where `group` is written (in the entry or at the top of its file).
    public let groupLocation: SourceLocation?
    /// A group to open a work order for even when the entry answers (e.g. a complaint).
    public let escalate: String?
    /// Where `escalate` is written.
    public let escalateLocation: SourceLocation?
    /// Free-form tags.
    public let tags: [String]
    /// Where the entry starts.
    public let location: SourceLocation
    /// Keys the entry lacks because it has a misspelling of them (`questons`), reported as an
    /// `unknown-key`: lint does not report what follows from their absence (no questions, no answer).
    let misspeltKeys: Set<String>

    /// The answer in `locale`, else in `fallback`, else any answer.
    public func answer(locale: String?, fallback: String) -> String? {
        if let locale, let text = answers[locale] { return text }
        return answers[fallback] ?? answers.sorted { $0.key < $1.key }.first?.value
    }
}
