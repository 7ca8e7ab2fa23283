import Foundation
import GRDB
import ResponderCore

extension Store {
    /// Records a customer message of `conversation` as `handle` makes it from what the
    /// conversation's history says (its open work order, the bot's last turn, the bot's failures
    /// in a row), all in one durable transaction: two processes recording messages of one
    /// conversation at once each see the other's whole turn or none of it. A retry of a recorded
    /// `messageKey` returns the first record without calling `handle`.
    ///
    /// - Parameters:
    ///   - receivedAt: when the message arrived; only the history before it counts (an import of
    ///     past traffic joins the work order that was open then, not one opened later).
    ///   - isTest: test traffic, whose history is its own: a test message never joins a real
    ///     work order, nor a real one a test work order.
    ///   - clarifyWindow: how far apart, in seconds, failures still count as in a row.
    @discardableResult
    public func record(
        conversation: String, messageKey: String?, receivedAt: Date, isTest: Bool = false,
        clarifyWindow: TimeInterval, _ handle: (ConversationContext) -> HandledMessage
    ) throws(StoreError) -> RecordedMessage {
        let forms = storedForms(of: conversation)
        // Reads first, then one INSERT for most messages: inside a batch, a savepoint only when
        // the message writes more than one row (a work order, or a follow-up on one), so that a
        // refused change undoes only itself.
        return try write(atomic: false) { db in
            if let messageKey, let duplicate = try recordedDuplicate(conversations: forms, messageKey: messageKey, db) {
                return duplicate
            }
            let (context, open) = try self.context(
                db, conversations: forms, before: receivedAt, test: isTest, clarifyWindow: clarifyWindow)
            let message = handle(context)
            let insertion = { () throws -> RecordedMessage in
                try self.insert(message, db, open: .some(open), checkedDuplicate: true)
            }
            var recorded: RecordedMessage
            if message.escalation != nil || message.turn == .joined {
                var result: RecordedMessage?
                try db.inSavepoint {
                    result = try insertion()
                    return .commit
                }
                recorded = result!
            } else {
                recorded = try insertion()
            }
            if recorded.conversationWorkOrder == nil { recorded.conversationWorkOrder = open }
            return recorded
        }
    }

    /// What `conversation`'s history says about a message arriving at `time`, and its
    /// unresolved work order.
    func context(
        _ db: Database, conversations: [String], before time: Date, test: Bool, clarifyWindow: TimeInterval
    ) throws -> (ConversationContext, WorkOrder?) {
        let open = try openWorkOrder(db, conversations: conversations, at: time, test: test)
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT decision, options, locale, received_at, work_order, handling, text FROM ledger
                    WHERE kind = 'customer' AND conversation IN (\(placeholders(conversations.count)))
                        AND received_at <= ? AND test = ?
                    ORDER BY received_at DESC, id DESC LIMIT 20
                    """),
            arguments: StatementArguments(conversations) + [time.storedMilliseconds, test])
        var context = ConversationContext(
            openWorkOrder: open.map { .init(id: $0.id.description, priority: $0.priority) })
        guard let last = rows.first else { return (context, open) }
        let options: [ClarifyOption] = (last["options"] as String?).flatMap(JSONColumn.decoded) ?? []
        context.lastTurn = ConversationContext.BotTurn(
            decision: Decision(rawValue: last["decision"]) ?? .escalate,
            options: options.map { ($0.intent, $0.question) }, locale: last["locale"],
            at: Date(storedMilliseconds: last["received_at"]), text: last["text"])
        // Failures in a row: clarifications that opened no work order, each within the window of
        // the next (and the latest of this message).
        var next = time.storedMilliseconds
        let window = Int64(clarifyWindow * 1000)
        for row in rows {
            let received: Int64 = row["received_at"]
            guard (row["decision"] as String) == Decision.clarify.rawValue, (row["work_order"] as Int64?) == nil,
                next - received <= window
            else { break }
            context.failures += 1
            next = received
        }
        return (context, open)
    }

    /// The conversation's work order that was unresolved at `time` (the newest, should there be
    /// several), among test or real traffic as `test` says. For a live message, `time` is now:
    /// its unresolved work order; for an imported one, the one open when it arrived.
    func openWorkOrder(_ db: Database, conversations: [String], at time: Date, test: Bool) throws -> WorkOrder? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT * FROM work_order WHERE conversation IN (\(placeholders(conversations.count)))
                        AND created_at <= ? AND (resolved_at IS NULL OR resolved_at > ?) AND test = ?
                    ORDER BY id DESC LIMIT 1
                    """),
            arguments: StatementArguments(conversations) + [time.storedMilliseconds, time.storedMilliseconds, test]
        ).map(WorkOrder.init(row:))
    }

    /// Records the customer's follow-up on `workOrder`: a responded one goes back to its agent,
    /// and it takes `priority` when that is higher.
    func followUp(_ workOrder: WorkOrder, at time: Date, raisingTo priority: Priority?, _ db: Database) throws {
        // An imported message from before the agent's latest reply asks nothing new of them.
        let lastReply = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT max(responded_at) FROM ledger WHERE work_order = ? AND kind = 'agent'"),
            arguments: [workOrder.id.number])
        let isNews = lastReply.map { time.storedMilliseconds > $0 } ?? true
        let status = isNews ? workOrder.status.after(.followUp) ?? workOrder.status : workOrder.status
        let raised = priority.map { max($0, workOrder.priority) } ?? workOrder.priority
        guard status != workOrder.status || raised != workOrder.priority else { return }
        try db.execute(
            sql: "UPDATE work_order SET status = ?, priority = ? WHERE id = ?",
            arguments: [status.rawValue, raised.rawValue, workOrder.id.number])
    }

    /// `count` SQL placeholders: `?, ?, ?`.
    func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}

extension Store {
    /// `conversation`'s work orders and its latest `limit` turns.
    public func conversation(_ conversation: String, limit: Int = 200) throws(StoreError) -> ConversationRecord {
        let forms = storedForms(of: conversation)
        return try read { db in
            let workOrders = try Row.fetchAll(
                db,
                sql: "SELECT * FROM work_order WHERE conversation IN (\(placeholders(forms.count))) ORDER BY id",
                arguments: StatementArguments(forms)
            ).map(WorkOrder.init(row:))
            let turns = try fetchTurns(
                db, where: "conversation IN (\(placeholders(forms.count)))", StatementArguments(forms), limit: limit)
            let last = try Int64.fetchOne(
                db,
                sql: """
                    SELECT max(received_at) FROM ledger
                    WHERE kind = 'customer' AND conversation IN (\(placeholders(forms.count)))
                    """,
                arguments: StatementArguments(forms))
            return ConversationRecord(
                workOrders: workOrders, turns: turns, lastMessageAt: last.map(Date.init(storedMilliseconds:)))
        }
    }

    /// The turns an agent working `id` needs, oldest first: up to `context` of the conversation's
    /// messages before the work order opened (since its previous work order was resolved, and
    /// in the day before), then every turn of the conversation until it was resolved (while it
    /// is not, until the conversation's next work order, if any, opened).
    public func turns(of id: WorkOrderID, context: Int = 10) throws(StoreError) -> [StoredTurn] {
        try read { db in
            guard let workOrder = try fetchWorkOrder(db, id) else { throw StoreError.unknownWorkOrder(id.description) }
            let created = workOrder.createdAt.storedMilliseconds
            let previous = try Int64.fetchOne(
                db,
                sql: "SELECT max(resolved_at) FROM work_order WHERE conversation = ? AND id < ? AND resolved_at <= ?",
                arguments: [workOrder.conversation, id.number, created])
            let since = max(previous.map { $0 + 1 } ?? Int64.min, created - 86_400_000)
            let before = try fetchTurns(
                db,
                where: "kind = 'customer' AND conversation = ? AND received_at >= ? AND received_at < ?",
                [workOrder.conversation, since, created], limit: context)
            // Until it was resolved, or (reopened) until the conversation's next work order opened.
            let next = try Int64.fetchOne(
                db, sql: "SELECT min(created_at) FROM work_order WHERE conversation = ? AND id > ?",
                arguments: [workOrder.conversation, id.number])
            let until = workOrder.resolvedAt?.storedMilliseconds ?? next.map { $0 - 1 } ?? Int64.max
            let during = try fetchTurns(
                db,
                where: """
                    conversation = ? AND ((kind = 'customer' AND received_at >= ? AND received_at <= ?)
                        OR (kind = 'agent' AND work_order = ?))
                    """,
                [workOrder.conversation, created, until, id.number], limit: nil)
            return before + during
        }
    }

    /// Ledger rows matching `condition` as turns, oldest first; the latest `limit` when given.
    private func fetchTurns(
        _ db: Database, where condition: String, _ arguments: StatementArguments, limit: Int?
    ) throws -> [StoredTurn] {
        // Customer messages are placed at their arrival, agent replies at their sending.
        var sql = """
            SELECT kind, CASE kind WHEN 'agent' THEN responded_at ELSE received_at END AS at, text, agent,
                decision, intent, options, locale, latency_us, work_order, handling
            FROM ledger WHERE \(condition) ORDER BY at DESC, id DESC
            """
        var arguments = arguments
        if let limit {
            sql += " LIMIT ?"
            arguments += [limit]
        }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).reversed().map { row in
            let options: [ClarifyOption] = (row["options"] as String?).flatMap(JSONColumn.decoded) ?? []
            let isAgent = (row["kind"] as String) == "agent"
            return StoredTurn(
                author: isAgent ? .agent : .customer, at: Date(storedMilliseconds: row["at"]), text: row["text"],
                agent: row["agent"], decision: isAgent ? nil : (row["decision"] as String?).flatMap(Decision.init),
                intent: row["intent"], options: options, locale: row["locale"],
                latencyMicroseconds: isAgent ? nil : row["latency_us"],
                workOrder: (row["work_order"] as Int64?).map(WorkOrderID.init),
                turn: ConversationTurn(stored: row["handling"]))
        }
    }
}
