import Foundation
import ResponderCore
import ResponderStore

extension EngineSession {
    /// What to add to the session's base next: the period's messages it did not serve well
    /// (escalated, clarified, answered below the low-confidence floor, or rated 1-2; bounds as for
    /// `report`, without them every message) grouped into topics of at least `minSize`.
    ///
    /// The low-confidence floor is halfway from the answer threshold to certainty; a topic's
    /// nearest entry is a near miss from half the threshold up.
    ///
    /// - Parameter progress: told how many ledger rows have been read, for long periods.
    public func suggestions(
        from: String? = nil, to: String? = nil, minSize: Int = 3, progress: ((Int) -> Void)? = nil
    ) throws(EngineError) -> Suggestions {
        let (start, end) = try bounds(from: from, to: to)
        let responder = responder(for: base)
        let threshold = responder.policy.threshold
        let messages = try withStore { store throws(StoreError) in
            try store.minedMessages(from: start, to: end, lowConfidence: (1 + threshold) / 2, progress: progress)
        }
        return Suggestions(messages: messages, responder: responder, minSize: minSize, nearMiss: threshold / 2)
    }
}
