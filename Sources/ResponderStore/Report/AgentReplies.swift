import GRDB

/// Every agent reply from a time on, in order of work order and time: read in one pass, so that
/// a report finds each waiting message's next reply by a binary search instead of one query per
/// message. Kept as flat arrays, not a dictionary of lists: a million-row ledger's replies are
/// read in a fraction of the time.
struct AgentReplies {
    private var workOrders: [Int64] = []
    private var times: [Int64] = []
    private var agents: [String?] = []

    /// The replies sent at or after `since` (milliseconds), from the ledger.
    init(_ db: Database, since: Int64) throws {
        let rows = try ColumnScan(
            db,
            sql: """
                SELECT work_order, responded_at, agent FROM ledger
                WHERE kind = 'agent' AND work_order IS NOT NULL AND responded_at >= ?
                ORDER BY work_order, responded_at, id
                """,
            arguments: [since])
        while try rows.next() {
            workOrders.append(rows.int64(0))
            times.append(rows.int64(1))
            agents.append(rows.optionalString(2))
        }
    }

    /// The first reply to `workOrder` at or after `time`, if any.
    func next(to workOrder: Int64, after time: Int64) -> (at: Int64, agent: String?)? {
        // The first reply not before (workOrder, time).
        var low = 0
        var high = workOrders.count
        while low < high {
            let middle = (low + high) / 2
            if (workOrders[middle], times[middle]) < (workOrder, time) { low = middle + 1 } else { high = middle }
        }
        guard low < workOrders.count, workOrders[low] == workOrder else { return nil }
        return (times[low], agents[low])
    }
}
