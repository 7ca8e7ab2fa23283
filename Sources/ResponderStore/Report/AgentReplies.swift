import GRDB

/// Every agent reply from a time on, by work order, in time order: read in one pass, so that a
/// report finds each waiting message's next reply by a binary search instead of one query per
/// message.
struct AgentReplies {
    private var replies: [Int64: [(at: Int64, agent: String?)]] = [:]

    /// The replies sent at or after `since` (milliseconds), from the ledger.
    init(_ db: Database, since: Int64) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT work_order, responded_at, agent FROM ledger
                WHERE kind = 'agent' AND work_order IS NOT NULL AND responded_at >= ?
                ORDER BY work_order, responded_at, id
                """,
            arguments: [since])
        while let row = try rows.next() {
            replies[row[0], default: []].append((row[1], row[2]))
        }
    }

    /// The first reply to `workOrder` at or after `time`, if any.
    func next(to workOrder: Int64, after time: Int64) -> (at: Int64, agent: String?)? {
        guard let list = replies[workOrder] else { return nil }
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].at < time { low = middle + 1 } else { high = middle }
        }
        return low < list.count ? list[low] : nil
    }
}
