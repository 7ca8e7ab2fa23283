import Foundation
import GRDB
import ResponderCore

extension Store {
    /// The work order `id`.
    public func workOrder(_ id: WorkOrderID) throws(StoreError) -> WorkOrder {
        try read { db in
            guard let workOrder = try fetchWorkOrder(db, id) else { throw StoreError.unknownWorkOrder(id.description) }
            return workOrder
        }
    }

    /// Work orders in queue order: unresolved before resolved; then those past their SLA due
    /// time, most overdue first; then by priority, SLA due time and age.
    ///
    /// - Parameters:
    ///   - group: only this group's; nil for all.
    ///   - statuses: only those with one of these statuses; nil for all.
    ///   - limit: at most this many; nil for every one.
    ///   - now: what "overdue" is measured against.
    public func workOrders(
        group: String? = nil, statuses: Set<WorkOrderStatus>? = nil, limit: Int? = nil, now: Date = Date()
    ) throws(StoreError) -> [WorkOrder] {
        try read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let group {
                conditions.append("group_id = ?")
                arguments += [group]
            }
            if let statuses {
                let names = WorkOrderStatus.allCases.filter(statuses.contains).map { "'\($0.rawValue)'" }
                conditions.append("status IN (\(names.joined(separator: ", ")))")
            }
            let rank = Priority.allCases.reversed().enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }
            var sql = "SELECT * FROM work_order"
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += """
                 ORDER BY status = 'resolved',
                    CASE WHEN status != 'resolved' AND sla_due_at < ? THEN sla_due_at END IS NULL,
                    CASE WHEN status != 'resolved' AND sla_due_at < ? THEN sla_due_at END,
                    CASE priority \(rank.joined(separator: " ")) END, sla_due_at IS NULL, sla_due_at, id
                """
            arguments += [now.storedMilliseconds, now.storedMilliseconds]
            if let limit {
                sql += " LIMIT ?"
                arguments += [limit]
            }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(WorkOrder.init(row:))
        }
    }

    /// The agents' replies to `id`, oldest first.
    public func replies(to id: WorkOrderID) throws(StoreError) -> [AgentReply] {
        try read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT agent, text, responded_at FROM ledger WHERE kind = 'agent' AND work_order = ? ORDER BY responded_at, id",
                arguments: [id.number]
            ).map {
                AgentReply(
                    workOrder: id, agent: $0["agent"], text: $0["text"],
                    at: Date(storedMilliseconds: $0["responded_at"]))
            }
        }
    }

    /// Gives `id` to `agent`: open becomes assigned; an assigned or responded work order changes hands
    /// and keeps its status. Not possible once resolved.
    @discardableResult
    public func assign(_ id: WorkOrderID, to agent: String, at time: Date = Date()) throws(StoreError) -> WorkOrder {
        try requireNonEmpty(agent, field: "agent")
        return try transition(id, .assign) { db, _, status in
            try db.execute(
                sql: "UPDATE work_order SET agent = ?, assigned_at = ?, status = ? WHERE id = ?",
                arguments: [agent, time.storedMilliseconds, status.rawValue, id.number])
        }
    }

    /// Records `agent`'s reply to `id` at `time` in the ledger: the earliest reply is the work
    /// order's first response, also when replies are imported out of order. The work order becomes responded (and the agent's, if nobody had it).
    /// Not possible once resolved, nor dated before the work order was created.
    @discardableResult
    public func reply(
        to id: WorkOrderID, agent: String, text: String, at time: Date = Date()
    ) throws(StoreError) -> WorkOrder {
        try requireNonEmpty(agent, field: "agent")
        try requireNonEmpty(text, field: "text")
        return try transition(id, .reply) { db, workOrder, status in
            guard time >= workOrder.createdAt else {
                throw StoreError.invalidValue(
                    field: "at",
                    message: "\(iso8601(time)) is before \(id) was created (\(iso8601(workOrder.createdAt)))")
            }
            let at = time.storedMilliseconds
            try db.execute(
                sql: """
                    INSERT INTO ledger (kind, conversation, channel, customer, received_at, responded_at, responder,
                        agent, work_order, text, test)
                    VALUES ('agent', ?, ?, ?, ?, ?, 'human', ?, ?, ?, ?)
                    """,
                arguments: [
                    workOrder.conversation, workOrder.channel, workOrder.customer,
                    workOrder.createdAt.storedMilliseconds, at, agent, id.number, redacted(text), workOrder.isTest,
                ])
            try db.execute(
                sql: """
                    UPDATE work_order SET status = ?,
                        agent = coalesce(agent, ?), assigned_at = coalesce(assigned_at, ?),
                        first_response_at = min(coalesce(first_response_at, ?), ?)
                    WHERE id = ?
                    """,
                arguments: [status.rawValue, agent, at, at, at, id.number])
        }
    }

    /// Marks `id` resolved at `time`. Only a responded work order can be (an agent replies
    /// first), and not before its first response.
    ///
    /// - Parameter label: what would have answered its message; replaces an earlier label (from
    ///   before a reopen). Without one, an earlier label stays.
    @discardableResult
    public func resolve(_ id: WorkOrderID, at time: Date = Date(), label: WorkOrderLabel? = nil) throws(StoreError)
        -> WorkOrder
    {
        try transition(id, .resolve) { db, workOrder, status in
            guard workOrder.firstResponseAt != nil else {
                throw StoreError.impossibleTransition(
                    id, action: WorkOrderAction.resolve.rawValue, status: workOrder.status,
                    hint: "an agent must reply to it first")
            }
            if let first = workOrder.firstResponseAt, time < first {
                throw StoreError.invalidValue(
                    field: "at", message: "\(iso8601(time)) is before \(id)'s first response (\(iso8601(first)))")
            }
            try db.execute(
                sql: "UPDATE work_order SET status = ?, resolved_at = ? WHERE id = ?",
                arguments: [status.rawValue, time.storedMilliseconds, id.number])
            if let label {
                let (entry, topic): (String?, String?) =
                    switch label {
                    case .entry(let entry): (entry, nil)
                    case .newTopic(let topic): (nil, topic)
                    }
                try db.execute(
                    sql: "UPDATE work_order SET label_entry = ?, label_topic = ? WHERE id = ?",
                    arguments: [entry, topic, id.number])
            }
        }
    }

    /// The messages that opened the work orders agents labelled (test traffic left out), oldest
    /// first, with their stored (redacted) text and label: what `export labelled` writes and
    /// `replay` checks. A work order opened by a pick ("2") has the clarified question's text
    /// (its subject), not the pick's.
    public func labelledMessages(from: Date? = nil, to: Date? = nil) throws(StoreError) -> [LabelledMessage] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT w.id, CASE WHEN l.handling GLOB 'picked:*' THEN NULL ELSE l.text END, w.text,
                        l.received_at, w.label_entry, w.label_topic
                    FROM work_order w
                    LEFT JOIN ledger l ON l.work_order = w.id AND l.kind = 'customer'
                        AND coalesce(l.handling, '') != 'joined'
                    WHERE w.test = 0 AND (w.label_entry IS NOT NULL OR w.label_topic IS NOT NULL)
                        AND w.created_at >= ? AND w.created_at < ?
                    ORDER BY w.created_at, w.id
                    """,
                arguments: [from?.storedMilliseconds ?? Int64.min, to?.storedMilliseconds ?? Int64.max]
            ).map { row in
                LabelledMessage(
                    workOrder: WorkOrderID(row[0]), text: row[1] ?? row[2],
                    label: (row[4] as String?).map(WorkOrderLabel.entry) ?? .newTopic(row[5]))
            }
        }
    }

    /// Reopens a resolved work order: it is open again (keeping its agent and first response).
    @discardableResult
    public func reopen(_ id: WorkOrderID) throws(StoreError) -> WorkOrder {
        try transition(id, .reopen) { db, _, status in
            try db.execute(
                sql:
                    "UPDATE work_order SET status = ?, resolved_at = NULL, reopen_count = reopen_count + 1 WHERE id = ?",
                arguments: [status.rawValue, id.number])
        }
    }

    /// Loads `id`, checks `action` against `WorkOrderStatus.transitions`, lets `change` update
    /// it to the status the table gives, and returns the work order as it is afterwards. A
    /// refusal (`StoreError.impossibleTransition`, or an error `change` throws) changes nothing.
    private func transition(
        _ id: WorkOrderID, _ action: WorkOrderAction, _ change: (Database, WorkOrder, WorkOrderStatus) throws -> Void
    ) throws(StoreError) -> WorkOrder {
        try write { db in
            guard let workOrder = try fetchWorkOrder(db, id) else { throw StoreError.unknownWorkOrder(id.description) }
            guard let status = workOrder.status.after(action) else {
                throw StoreError.impossibleTransition(
                    id, action: action.rawValue, status: workOrder.status, hint: refusalHint(action, workOrder))
            }
            try change(db, workOrder, status)
            return try fetchWorkOrder(db, id)!
        }
    }

    /// What to do instead, when `action` is not possible from `workOrder`'s status.
    private func refusalHint(_ action: WorkOrderAction, _ workOrder: WorkOrder) -> String {
        switch action {
        case .assign, .reply:
            "reopen it first"
        case .resolve:
            workOrder.status == .resolved
                ? "it was resolved at \(iso8601(workOrder.resolvedAt ?? workOrder.createdAt))"
                : "an agent must reply to it first"
        case .reopen:
            "only a resolved work order can be reopened"
        case .followUp:
            "the bot answers the conversation again once its work order is resolved"
        }
    }

    private func requireNonEmpty(_ value: String, field: String) throws(StoreError) {
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw StoreError.invalidValue(field: field, message: "must not be empty")
        }
    }

    func fetchWorkOrder(_ db: Database, _ id: WorkOrderID) throws -> WorkOrder? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM work_order WHERE id = ?"), arguments: [id.number])
            .map(WorkOrder.init(row:))
    }
}

extension Store {
    /// `2026-11-23T17:20:00+08:00`: an instant in an error message, in the desk's time zone.
    func iso8601(_ date: Date) -> String {
        Timestamp.format(date, in: timeZone)
    }
}

extension WorkOrder {
    init(row: Row) {
        let candidates = (row["candidates"] as String?).flatMap {
            try? JSONDecoder().decode([CandidateScore].self, from: Data($0.utf8))
        }
        let date: (String) -> Date? = { column in (row[column] as Int64?).map(Date.init(storedMilliseconds:)) }
        self.init(
            id: WorkOrderID(row["id"]), conversation: row["conversation"], customer: row["customer"],
            channel: row["channel"], locale: row["locale"], text: row["text"], group: row["group_id"],
            priority: Priority(rawValue: row["priority"]) ?? .normal,
            routingReason: Routing.Reason(rawValue: row["routing_reason"]) ?? .defaultGroup,
            decision: Decision(rawValue: row["decision"]) ?? .escalate,
            status: WorkOrderStatus(rawValue: row["status"]) ?? .open, candidates: candidates ?? [],
            agent: row["agent"], createdAt: date("created_at")!, assignedAt: date("assigned_at"),
            firstResponseAt: date("first_response_at"), resolvedAt: date("resolved_at"), slaDue: date("sla_due_at"),
            reopenCount: row["reopen_count"], knowledgeBaseVersion: row["kb_version"], isTest: row["test"],
            label: (row["label_entry"] as String?).map(WorkOrderLabel.entry)
                ?? (row["label_topic"] as String?).map(WorkOrderLabel.newTopic))
    }
}
