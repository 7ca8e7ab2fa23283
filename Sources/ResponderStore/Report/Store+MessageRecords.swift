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
        try read { db in try Self.messageRecords(db, from: from, to: to, withText: withText, progress: progress) }
    }

    /// `messageRecords(from:to:withText:progress:)` within a read of `db`.
    ///
    /// The ledger is read alone, down its time index, and the work orders its messages refer to
    /// in one pass of their own: joining them row by row would cost more than both.
    ///
    /// - Parameters:
    ///   - lookups: the replies and ratings, when already read for an earlier period.
    ///   - capacity: room for this many records (more will follow); by default, the period's.
    static func messageRecords(
        _ db: Database, from: Date?, to: Date?, withText: Bool = false, progress: ((Int) -> Void)? = nil,
        lookups: RecordLookups? = nil, capacity: Int? = nil
    ) throws -> [MessageRecord] {
        let since = from?.storedMilliseconds ?? Int64.min
        let lookups = try lookups ?? RecordLookups(db, since: since)
        let (replies, ratings) = (lookups.replies, lookups.ratings)
        let range: StatementArguments = [since, to?.storedMilliseconds ?? Int64.max]
        // The decision and two flags come packed in one integer (see `MessageFlags`): a column
        // read costs more than the arithmetic.
        let rows = try ColumnScan(
            db,
            sql: """
                SELECT id, received_at, latency_us, work_order,
                    \(MessageFlags.sql(decision: "decision", handling: "handling", workOrder: "work_order")),
                    channel, intent, \(withText ? "conversation, text" : "NULL, NULL")
                FROM ledger
                WHERE kind = 'customer' AND test = 0 AND received_at >= ? AND received_at < ?
                ORDER BY received_at, id
                """,
            arguments: range)
        var records: [MessageRecord] = []
        // Counted first (an upper bound, from the time index alone), so that the array is never
        // copied as it grows.
        records.reserveCapacity(try capacity ?? customerMessages(db, from: from, to: to))
        var firstWorkOrder = Int64.max
        while try rows.next() {
            let id = rows.int64(0)
            let received = rows.int64(1)
            let latency = Int(rows.int64(2))
            let workOrder = rows.optionalInt64(3)
            let flags = MessageFlags(rows.int64(4))
            if let workOrder { firstWorkOrder = min(firstWorkOrder, workOrder) }
            let waitsForAgent = (flags.decision == .escalate || flags.decision == .handoff) && workOrder != nil
            let reply = waitsForAgent ? workOrder.flatMap { replies.next(to: $0, after: received) } : nil
            let rating = ratings[id]
            records.append(
                MessageRecord(
                    ledgerID: id, receivedAt: Date(storedMilliseconds: received), channel: rows.string(5),
                    decision: flags.decision, joined: flags.joined, picked: flags.picked,
                    intent: rows.optionalString(6), latencyMicroseconds: latency, workOrderNumber: workOrder,
                    opened: flags.opened,
                    responseSeconds: waitsForAgent
                        ? reply.map { Double($0.at - received) / 1000 } : Double(latency) / 1_000_000,
                    responder: reply?.agent, rating: rating?.score,
                    ratingTargetsWorkOrder: rating?.byWorkOrder ?? false,
                    texts: withText
                        ? MessageRecord.Texts(conversation: rows.optionalString(7), text: rows.optionalString(8)) : nil)
            )
            if records.count % 50_000 == 0 { progress?(records.count) }
        }
        guard firstWorkOrder != Int64.max else { return records }
        let workOrders = try WorkOrderFacts(db, from: firstWorkOrder)
        for index in records.indices {
            guard let number = records[index].workOrder?.number, let facts = workOrders[number] else { continue }
            records[index].attach(facts)
        }
        return records
    }
}

/// What message records are completed with: each waiting message's response is its work
/// order's next agent reply; each message's rating, its latest. Both read in one pass each, not
/// one query a message, and once for several periods.
struct RecordLookups {
    let replies: AgentReplies
    let ratings: [Int64: (score: Int, byWorkOrder: Bool)]

    /// The replies sent from `since` (stored milliseconds) on, and every rating.
    init(_ db: Database, since: Int64) throws {
        replies = try AgentReplies(db, since: since)
        var ratings: [Int64: (score: Int, byWorkOrder: Bool)] = [:]
        let rows = try ColumnScan(
            db,
            sql: "SELECT message, score, target GLOB 'work-order:*' FROM rating WHERE test = 0 ORDER BY rated_at, id")
        while try rows.next() { ratings[rows.int64(0)] = (Int(rows.int64(1)), rows.bool(2)) }
        self.ratings = ratings
    }
}

/// What a message record needs of the work orders from one id on, by id (ids are dense: an
/// array, not a dictionary).
struct WorkOrderFacts {
    /// One work order's, shared by the records of its messages.
    final class Facts: Sendable {
        let group: String?
        let routingReason: String?
        let status: WorkOrderStatus?
        let slaDue: Date?
        /// Seconds from creation to the first agent reply.
        let firstResponseSeconds: Double?

        init(
            group: String?, routingReason: String?, status: WorkOrderStatus?, slaDue: Date?,
            firstResponseSeconds: Double?
        ) {
            self.group = group
            self.routingReason = routingReason
            self.status = status
            self.slaDue = slaDue
            self.firstResponseSeconds = firstResponseSeconds
        }
    }

    private let first: Int64
    private var facts: [Facts?] = []

    init(_ db: Database, from first: Int64) throws {
        self.first = first
        let rows = try ColumnScan(
            db,
            sql: """
                SELECT id, group_id, routing_reason, status, sla_due_at, first_response_at - created_at
                FROM work_order WHERE id >= ? ORDER BY id
                """,
            arguments: [first])
        while try rows.next() {
            let offset = Int(rows.int64(0) - first)
            while facts.count < offset { facts.append(nil) }
            facts.append(
                Facts(
                    group: rows.string(1), routingReason: rows.string(2),
                    status: WorkOrderStatus(rawValue: rows.string(3)),
                    slaDue: rows.optionalInt64(4).map(Date.init(storedMilliseconds:)),
                    firstResponseSeconds: rows.optionalInt64(5).map { Double($0) / 1000 }))
        }
    }

    subscript(id: Int64) -> Facts? {
        let offset = Int(id - first)
        return offset >= 0 && offset < facts.count ? facts[offset] : nil
    }
}

extension Store {
    /// The stored (redacted) texts and the conversations of the customer messages `ids`, by id.
    public func messageTexts(_ ids: [Int64]) throws(StoreError) -> [Int64: (conversation: String, text: String?)] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            var texts: [Int64: (conversation: String, text: String?)] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT id, conversation, text FROM ledger WHERE id IN (\(placeholders(ids.count)))",
                arguments: StatementArguments(ids))
            {
                texts[row[0]] = (row[1], row[2])
            }
            return texts
        }
    }

    /// How many customer messages arrived in `[from, to)`, test ones included: an upper bound
    /// read from the time index alone.
    static func customerMessages(_ db: Database, from: Date?, to: Date?) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT count(*) FROM ledger WHERE kind = 'customer' AND received_at >= ? AND received_at < ?",
            arguments: [from?.storedMilliseconds ?? Int64.min, to?.storedMilliseconds ?? Int64.max]) ?? 0
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

/// A message's decision, whether it joined or opened a work order, and whether it picked an
/// option of a clarification, packed by SQL into one integer: decision in bits 0-2, joined in
/// bit 3, opened in bit 4, picked in bit 5.
struct MessageFlags {
    let decision: Decision
    let joined: Bool
    let opened: Bool
    let picked: Bool

    init(_ packed: Int64) {
        let decisions = Decision.allCases
        let index = Int(packed & 7)
        // A decision this version does not know reads as an escalation (a person looked at it).
        decision = index < decisions.count ? decisions[index] : .escalate
        joined = packed & 8 != 0
        opened = packed & 16 != 0
        picked = packed & 32 != 0
    }

    /// The SQL expression that packs them, from the named columns. (SQLite gives `|` and `<<`
    /// the same precedence: every shift is in parentheses.)
    static func sql(decision: String, handling: String, workOrder: String) -> String {
        let decisions = Decision.allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ")
        return """
            (CASE \(decision) \(decisions) ELSE 7 END) | (coalesce(\(handling) = 'joined', 0) << 3) \
            | ((\(workOrder) IS NOT NULL AND coalesce(\(handling), '') != 'joined') << 4) \
            | (coalesce(\(handling) GLOB 'picked:*', 0) << 5)
            """
    }
}
