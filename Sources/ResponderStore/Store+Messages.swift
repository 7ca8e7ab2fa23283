import Foundation
import GRDB
import ResponderCore

extension Store {
    /// Records a handled customer message in the ledger and, when it escalates, opens its work
    /// order, in one durable transaction: when this returns, both are on disk.
    ///
    /// A message whose turn is `joined` is recorded on the conversation's unresolved work
    /// order, if it still has one (`record(conversation:...)` decides that in the same
    /// transaction).
    @discardableResult
    public func record(_ message: HandledMessage) throws(StoreError) -> RecordedMessage {
        // Without a work order it is one INSERT, atomic by itself: no savepoint needed in a batch.
        let atomic = message.escalation != nil || message.messageKey != nil || message.turn == .joined
        return try write(atomic: atomic) { db in try insert(message, db) }
    }

    /// Records several messages in one transaction (one sync instead of one each): all of them
    /// or, on an error, none.
    @discardableResult
    public func record(_ messages: [HandledMessage]) throws(StoreError) -> [RecordedMessage] {
        try write { db in try messages.map { try insert($0, db) } }
    }

    /// What was recorded for the message with `messageKey` in `conversation`, if it was: a
    /// retry gets the first outcome instead of being handled again.
    public func recordedMessage(conversation: String, messageKey: String) throws(StoreError) -> StoredMessage? {
        let forms = storedForms(of: conversation)
        let match = Self.messageKeyCondition(conversations: forms, keys: storedForms(of: messageKey))
        return try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, text, decision, intent, confidence, candidates, options, locale, latency_us,
                            work_order, handling, test
                        FROM ledger WHERE kind = 'customer' AND \(match.sql)
                        """,
                    arguments: match.arguments)
            else { return nil }
            return StoredMessage(
                ledgerID: row["id"], text: row["text"], decision: Decision(rawValue: row["decision"]) ?? .escalate,
                intent: row["intent"], confidence: row["confidence"],
                candidates: (row["candidates"] as String?).flatMap(JSONColumn.decoded) ?? [],
                options: (row["options"] as String?).flatMap(JSONColumn.decoded) ?? [], locale: row["locale"],
                latencyMicroseconds: row["latency_us"],
                workOrder: try (row["work_order"] as Int64?).flatMap { try fetchWorkOrder(db, WorkOrderID($0)) },
                turn: ConversationTurn(stored: row["handling"]),
                conversationWorkOrder: try openWorkOrder(
                    db, conversations: forms, at: .distantFuture, test: row["test"]))
        }
    }

    /// The earlier record of the message with `messageKey` in the conversation stored under
    /// `conversations` (its stored forms), if it was recorded before.
    func recordedDuplicate(conversations: [String], messageKey: String, _ db: Database) throws -> RecordedMessage? {
        let match = Self.messageKeyCondition(conversations: conversations, keys: storedForms(of: messageKey))
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT id, work_order FROM ledger WHERE kind = 'customer' AND \(match.sql)",
                arguments: match.arguments)
        else { return nil }
        let workOrder = try (row["work_order"] as Int64?).flatMap { try fetchWorkOrder(db, WorkOrderID($0)) }
        return RecordedMessage(ledgerID: row["id"], workOrder: workOrder, isDuplicate: true)
    }

    /// Inserts `message` (and its work order, or its follow-up on the conversation's open one).
    ///
    /// - Parameters:
    ///   - open: the conversation's unresolved work order when the caller has read it already
    ///     (`.some(nil)`: it has none); nil reads it when a message joins.
    ///   - checkedDuplicate: the caller has looked for an earlier record of the message's key.
    func insert(
        _ message: HandledMessage, _ db: Database, open: WorkOrder?? = nil, checkedDuplicate: Bool = false
    ) throws -> RecordedMessage {
        let conversations = storedForms(of: message.conversation)
        if !checkedDuplicate, let key = message.messageKey,
            let duplicate = try recordedDuplicate(conversations: conversations, messageKey: key, db)
        {
            return duplicate
        }
        var message = message
        message.conversation = conversations[0]
        message.messageKey = message.messageKey.map(pseudonymised)
        // A channel may name the customer ("whatsapp:+8613800138000"): its personal data too.
        message.channel = pseudonymised(message.channel)
        var joined: WorkOrder? = nil
        if message.turn == .joined {
            joined =
                try open
                ?? openWorkOrder(db, conversations: conversations, at: message.receivedAt, test: message.isTest)
            guard joined != nil else {
                throw StoreError.invalidValue(
                    field: "turn", message: "conversation \(message.conversation) has no unresolved work order to join")
            }
        }
        let customer = message.customer.map(pseudonymised)
        let received = message.receivedAt.storedMilliseconds
        let text = redacted(message.text)
        let subject = message.escalation?.subject.map(redacted) ?? text
        let candidates = JSONColumn.text(message.candidates)
        let options = message.options.isEmpty ? nil : JSONColumn.text(message.options)
        var workOrderID: Int64? = nil
        if let escalation = message.escalation {
            try db.cachedStatement(
                sql: """
                    INSERT INTO work_order (conversation, customer, channel, locale, text, group_id, priority,
                        routing_reason, decision, status, candidates, created_at, sla_due_at, kb_version, test)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    message.conversation, customer, message.channel, message.locale, subject,
                    escalation.routing.group, escalation.routing.priority.rawValue,
                    escalation.routing.reason.rawValue, message.decision.rawValue, candidates, received,
                    escalation.slaDue?.storedMilliseconds, message.knowledgeBaseVersion, message.isTest,
                ])
            workOrderID = db.lastInsertedRowID
        } else if let joined {
            workOrderID = joined.id.number
            try followUp(joined, at: message.receivedAt, raisingTo: message.raisedPriority, db)
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO ledger (kind, conversation, channel, customer, received_at, responded_at, responder,
                    latency_us, decision, intent, confidence, candidates, options, locale, work_order, kb_version,
                    message_key, text, test, handling)
                VALUES ('customer', ?, ?, ?, ?, ?, 'bot', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                message.conversation, message.channel, customer, received,
                received + Int64(message.latencyMicroseconds / 1000), message.latencyMicroseconds,
                message.decision.rawValue, message.intent, message.confidence, candidates, options, message.locale,
                workOrderID, message.knowledgeBaseVersion, message.messageKey, text, message.isTest,
                message.turn.stored,
            ])
        let ledgerID = db.lastInsertedRowID
        let workOrder = try workOrderID.flatMap { try fetchWorkOrder(db, WorkOrderID($0)) }
        return RecordedMessage(ledgerID: ledgerID, workOrder: workOrder, isDuplicate: false)
    }
}
