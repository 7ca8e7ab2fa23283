import Foundation
import GRDB
import ResponderCore

extension Store {
    /// The period's customer messages, oldest first, test traffic left out, each with its
    /// response, work order and latest rating: what the dashboard and the CSV export are made
    /// from. `withText` also brings each message's stored (redacted) text.
    ///
    /// - Parameter progress: called with the number of rows read so far, every 50,000 rows.
    public func messageRecords(
        from: Date?, to: Date?, withText: Bool = false, progress: ((Int) -> Void)? = nil
    ) throws(StoreError) -> [MessageRecord] {
        try read { db in
            let since = from?.storedMilliseconds ?? Int64.min
            // Each waiting message's response is the work order's next agent reply; each
            // message's rating, its latest. Both read in one pass each, not one query a message.
            let replies = try AgentReplies(db, since: since)
            var ratings: [Int64: Int] = [:]
            let ratingRows = try Row.fetchCursor(
                db, sql: "SELECT message, score FROM rating WHERE test = 0 ORDER BY rated_at, id")
            while let row = try ratingRows.next() { ratings[row[0]] = row[1] }
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT l.id, l.received_at, l.conversation, l.channel, l.decision, l.handling = 'joined', l.intent,
                        l.latency_us, l.work_order, w.group_id, w.routing_reason, w.status, w.resolved_at, w.sla_due_at,
                        l.work_order IS NOT NULL AND coalesce(l.handling, '') != 'joined',
                        w.first_response_at - w.created_at, \(withText ? "l.text" : "NULL")
                    FROM ledger l LEFT JOIN work_order w ON w.id = l.work_order
                    WHERE l.kind = 'customer' AND l.test = 0 AND l.received_at >= ? AND l.received_at < ?
                    ORDER BY l.received_at, l.id
                    """,
                arguments: [since, to?.storedMilliseconds ?? Int64.max])
            var records: [MessageRecord] = []
            while let row = try rows.next() {
                let id: Int64 = row[0]
                let received: Int64 = row[1]
                let decision = Decision(rawValue: row[4]) ?? .escalate
                let latency: Int = row[7]
                let workOrder: Int64? = row[8]
                let waitsForAgent = (decision == .escalate || decision == .handoff) && workOrder != nil
                let reply = waitsForAgent ? workOrder.flatMap { replies.next(to: $0, after: received) } : nil
                let opened = (row[14] as Bool?) ?? false
                records.append(
                    MessageRecord(
                        ledgerID: id, receivedAt: Date(storedMilliseconds: received), conversation: row[2],
                        channel: row[3], decision: decision, joined: (row[5] as Bool?) ?? false, intent: row[6],
                        latencyMicroseconds: latency, workOrder: workOrder.map(WorkOrderID.init), opened: opened,
                        group: row[9], routingReason: row[10],
                        status: (row[11] as String?).flatMap(WorkOrderStatus.init),
                        resolvedAt: (row[12] as Int64?).map(Date.init(storedMilliseconds:)),
                        slaDue: (row[13] as Int64?).map(Date.init(storedMilliseconds:)),
                        responseSeconds: waitsForAgent
                            ? reply.map { Double($0.at - received) / 1000 } : Double(latency) / 1_000_000,
                        responder: reply?.agent, rating: ratings[id],
                        firstAgentReplySeconds: opened ? (row[15] as Int64?).map { Double($0) / 1000 } : nil,
                        text: row[16]))
                if records.count % 50_000 == 0 { progress?(records.count) }
            }
            return records
        }
    }
}
extension Store {
    /// The stored (redacted) texts of the customer messages `ids`, by id.
    public func messageTexts(_ ids: [Int64]) throws(StoreError) -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            var texts: [Int64: String] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT id, text FROM ledger WHERE id IN (\(placeholders(ids.count))) AND text IS NOT NULL",
                arguments: StatementArguments(ids))
            {
                texts[row[0]] = row[1]
            }
            return texts
        }
    }

    /// When the first and the last customer message (test traffic left out) arrived; nil
    /// without any.
    public func messageSpan() throws(StoreError) -> (first: Date, last: Date)? {
        // One end at a time, each walking the index by time from its side and stopping at the
        // first real message: min and max together, with the test filter, read every row.
        try read { db in
            let end = { (order: String) in
                try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT received_at FROM ledger WHERE kind = 'customer' AND test = 0
                        ORDER BY received_at \(order) LIMIT 1
                        """)
            }
            guard let first = try end("ASC"), let last = try end("DESC") else { return nil }
            return (Date(storedMilliseconds: first), Date(storedMilliseconds: last))
        }
    }
}
