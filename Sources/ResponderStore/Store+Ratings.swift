import Foundation
import GRDB

/// What a CSAT rating is about.
public enum RatingTarget: Sendable, Equatable {
    /// The conversation's latest customer message and its response.
    case conversation(String)
    /// A work order and its human response.
    case workOrder(WorkOrderID)
}

extension Store {
    /// Records a CSAT score (1-5) for a conversation or a work order; rating the same one again
    /// replaces the earlier score. A conversation's rating judges its latest customer message at
    /// the time of rating; reports count one rating per message (the latest), so rating a
    /// conversation and its work order does not count that message twice.
    /// - Throws: `StoreError.notResponded` for a work order no agent has replied to yet: its
    ///   rating would judge a response that has not happened. A conversation can always be rated.
    public func rate(
        _ target: RatingTarget, score: Int, comment: String? = nil, at time: Date = Date()
    ) throws(StoreError) {
        guard (1...5).contains(score) else {
            throw StoreError.invalidValue(field: "score", message: "\(score) is not a rating from 1 to 5")
        }
        try write { db in
            let row: Row?
            let key: String
            switch target {
            case .conversation(let given):
                // A store with rows from before HMAC pseudonyms may hold the conversation under
                // its legacy pseudonym too: its latest message in either form is rated, and a
                // rating under the legacy form is replaced like one under today's.
                let conversations = storedForms(of: given)
                key = "conversation:" + conversations[0]
                row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, conversation, work_order, test FROM ledger
                        WHERE +kind = 'customer' -- by conversation, not by kind: a scan otherwise
                            AND conversation IN (\(databaseQuestionMarks(count: conversations.count)))
                        ORDER BY received_at DESC, id DESC LIMIT 1
                        """,
                    arguments: StatementArguments(conversations))
                if row == nil { throw StoreError.unknownConversation(given) }
                for legacy in conversations.dropFirst() {
                    try db.execute(sql: "DELETE FROM rating WHERE target = ?", arguments: ["conversation:" + legacy])
                }
            case .workOrder(let id):
                key = "work-order:\(id.number)"
                row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, conversation, work_order, test FROM ledger
                        WHERE kind = 'customer' AND work_order = ? AND coalesce(handling, '') != 'joined'
                        ORDER BY id LIMIT 1
                        """,
                    arguments: [id.number])
                if row == nil { throw StoreError.unknownWorkOrder(id.description) }
                let firstResponse = try Int64.fetchOne(
                    db, sql: "SELECT first_response_at FROM work_order WHERE id = ?", arguments: [id.number])
                if firstResponse == nil { throw StoreError.notResponded(id) }
            }
            guard let row else { return }
            try db.execute(
                sql: """
                    INSERT INTO rating (target, conversation, work_order, message, score, comment, rated_at, test)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(target) DO UPDATE SET
                        work_order = excluded.work_order, message = excluded.message, score = excluded.score,
                        comment = excluded.comment, rated_at = excluded.rated_at, test = excluded.test
                    """,
                arguments: [
                    key, row["conversation"] as String, row["work_order"] as Int64?, row["id"] as Int64, score,
                    comment.map(redacted), time.storedMilliseconds, row["test"] as Bool,
                ])
        }
    }
}
