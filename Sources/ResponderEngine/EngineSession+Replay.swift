import Foundation
import ResponderCore
import ResponderStore

extension EngineSession {
    /// Replays the period's recorded customer messages (bounds as for `report`; without them,
    /// every one) through `baseline` and `candidate`, and checks the messages agents labelled
    /// in the period against both.
    ///
    /// - Parameter progress: told how many distinct texts have been decided.
    public func replay(
        candidate: KnowledgeBase, baseline: KnowledgeBase, from: String? = nil, to: String? = nil,
        progress: ((Int) -> Void)? = nil
    ) throws(EngineError) -> Replay {
        let (start, end) = try bounds(from: from, to: to)
        let (records, labelled) = try withStore { store throws(StoreError) in
            (
                try store.messageRecords(from: start, to: end, withText: true),
                try store.labelledMessages(from: start, to: end)
            )
        }
        return Replay(
            records: records, labelled: labelled, baseline: responder(for: baseline),
            candidate: responder(for: candidate), progress: progress)
    }
}
