/// One match of a `Pattern` in a subject string.
public struct PatternMatch: Sendable, Equatable {
    /// The matched range in the subject.
    public let range: Range<String.Index>
    /// The matched text.
    public let text: String
    /// The matched range as UTF-8 byte offsets into the subject.
    public let utf8Range: Range<Int>
}
