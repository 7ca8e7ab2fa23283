import Foundation
import GRDB
import ResponderCore

/// A customer message the knowledge base did not serve well: escalated, handed off or clarified,
/// answered with low confidence, or answered and rated 1 or 2. What `kb suggest` groups into
/// topics.
public struct MinedMessage: Sendable, Equatable {
    /// Why a message is mined.
    public enum Reason: String, Sendable, CaseIterable {
        /// Escalated or handed off to a person.
        case escalated
        /// The customer was asked to choose between entries.
        case clarified
        /// Answered, with a confidence below the floor asked for.
        case lowConfidence = "low-confidence"
        /// Answered, and rated 1 or 2.
        case lowRating = "low-rating"
    }

    /// The ledger row's id.
    public let ledgerID: Int64
    /// When it arrived.
    public let receivedAt: Date
    /// The customer's text as stored (redacted).
    public let text: String
    /// Why it is mined (the first that applies, in the order of `Reason`).
    public let reason: Reason
    /// The best candidate when it was handled, and its confidence.
    public let intent: String?
    /// See `intent`.
    public let confidence: Double?
    /// The work order it opened, its group, and the agent's label on it.
    public let workOrder: WorkOrderID?
    /// See `workOrder`.
    public let group: String?
    /// See `workOrder`.
    public let label: WorkOrderLabel?
    /// The first agent reply on that work order (as stored, redacted), if any.
    public let agentReply: String?

    /// Creates a mined message.
    public init(
        ledgerID: Int64, receivedAt: Date, text: String, reason: Reason, intent: String?, confidence: Double?,
        workOrder: WorkOrderID?, group: String?, label: WorkOrderLabel?, agentReply: String?
    ) {
        self.ledgerID = ledgerID
        self.receivedAt = receivedAt
        self.text = text
        self.reason = reason
        self.intent = intent
        self.confidence = confidence
        self.workOrder = workOrder
        self.group = group
        self.label = label
        self.agentReply = agentReply
    }
}

extension Store {
    /// The period's customer messages the base did not serve well, oldest first: escalated or
    /// handed off, clarified, answered below `lowConfidence`, or answered and rated 1-2 (the
    /// latest rating). Test traffic, follow-ups that joined an open work order and picks that
    /// answered a clarification ("2") are left out: they mean something only in their
    /// conversation. Each comes with its work order's group and label and the first agent reply.
    ///
    /// - Parameter progress: called with the number of rows read so far, every 50,000 rows.
    public func minedMessages(
        from: Date?, to: Date?, lowConfidence: Double, progress: ((Int) -> Void)? = nil
    ) throws(StoreError) -> [MinedMessage] {
        try read { db in
            let range: StatementArguments = [
                from?.storedMilliseconds ?? Int64.min, to?.storedMilliseconds ?? Int64.max,
            ]
            // An agent reply's received_at is its work order's creation: the replies to the work
            // orders this period's messages opened are found down the same time index.
            var replies: [Int64: String] = [:]
            let replyRows = try ColumnScan(
                db,
                sql: """
                    SELECT work_order, text FROM ledger
                    WHERE kind = 'agent' AND test = 0 AND received_at >= ? AND received_at < ?
                        AND work_order IS NOT NULL AND text IS NOT NULL
                    ORDER BY responded_at DESC, id DESC
                    """,
                arguments: range)
            while try replyRows.next() { replies[replyRows.int64(0)] = replyRows.string(1) }

            let rows = try ColumnScan(
                db,
                sql: """
                    SELECT l.id, l.received_at, l.text, l.decision, l.intent, l.confidence, l.work_order,
                        w.group_id, w.label_entry, w.label_topic,
                        (SELECT score FROM rating r WHERE r.message = l.id AND r.test = 0
                            ORDER BY r.rated_at DESC, r.id DESC LIMIT 1)
                    FROM ledger l LEFT JOIN work_order w ON w.id = l.work_order
                    WHERE l.kind = 'customer' AND l.test = 0 AND l.received_at >= ? AND l.received_at < ?
                        AND l.text IS NOT NULL AND l.handling IS NOT 'joined'
                        AND coalesce(l.handling, '') NOT GLOB 'picked:*'
                    ORDER BY l.received_at, l.id
                    """,
                arguments: range)
            var mined: [MinedMessage] = []
            var read = 0
            while try rows.next() {
                read += 1
                if read % 50_000 == 0 { progress?(read) }
                guard let decision = Decision(rawValue: rows.string(3)) else { continue }
                let confidence = rows.optionalDouble(5)
                let rating = rows.optionalInt64(10)
                let reason: MinedMessage.Reason
                switch decision {
                case .escalate, .handoff: reason = .escalated
                case .clarify: reason = .clarified
                case .answer where (confidence ?? 0) < lowConfidence: reason = .lowConfidence
                case .answer where (rating ?? 5) <= 2: reason = .lowRating
                default: continue
                }
                let workOrder = rows.optionalInt64(6)
                let label =
                    rows.optionalString(8).map(WorkOrderLabel.entry)
                    ?? rows.optionalString(9).map(WorkOrderLabel.newTopic)
                mined.append(
                    MinedMessage(
                        ledgerID: rows.int64(0), receivedAt: Date(storedMilliseconds: rows.int64(1)),
                        text: rows.string(2), reason: reason, intent: rows.optionalString(4), confidence: confidence,
                        workOrder: workOrder.map(WorkOrderID.init), group: rows.optionalString(7), label: label,
                        agentReply: workOrder.flatMap { replies[$0] }))
            }
            return mined
        }
    }
}
