import Foundation
import JSONRPC
import ResponderStore

/// Work orders and agent replies as JSON: `tickets --json` and the protocol's `work_order.*`.
public enum WorkOrderJSON {
    /// Every field of `workOrder`, times in `timeZone`.
    public static func json(_ workOrder: WorkOrder, timeZone: TimeZone) -> JSONValue {
        let time: (Date?) -> JSONValue = { .optional($0.map { Timestamp.format($0, in: timeZone) }) }
        return .object([
            ("id", .string(workOrder.id.description)),
            ("status", .string(workOrder.status.rawValue)),
            ("group", .string(workOrder.group)),
            ("priority", .string(workOrder.priority.rawValue)),
            ("routing_reason", .string(workOrder.routingReason.rawValue)),
            ("decision", .string(workOrder.decision.rawValue)),
            ("conversation", .string(workOrder.conversation)),
            ("customer", .optional(workOrder.customer)),
            ("channel", .string(workOrder.channel)),
            ("locale", .optional(workOrder.locale)),
            ("text", .string(workOrder.text)),
            (
                "candidates",
                .array(
                    workOrder.candidates.map {
                        .object([("intent", .string($0.intent)), ("confidence", .rounded($0.confidence))])
                    })
            ),
            ("agent", .optional(workOrder.agent)),
            ("created", time(workOrder.createdAt)),
            ("assigned", time(workOrder.assignedAt)),
            ("first_response", time(workOrder.firstResponseAt)),
            ("resolved", time(workOrder.resolvedAt)),
            ("sla_due", time(workOrder.slaDue)),
            ("reopen_count", .number(Double(workOrder.reopenCount))),
            ("kb_version", .string(workOrder.knowledgeBaseVersion)),
            ("test", .bool(workOrder.isTest)),
        ])
    }

    public static func json(_ reply: AgentReply, timeZone: TimeZone) -> JSONValue {
        .object([
            ("agent", .string(reply.agent)), ("text", .string(reply.text)),
            ("at", .string(Timestamp.format(reply.at, in: timeZone))),
        ])
    }

    /// `workOrder`'s fields and its agents' `replies`: `tickets show --json` and `work_order.get`.
    public static func json(_ workOrder: WorkOrder, replies: [AgentReply], timeZone: TimeZone) -> JSONValue {
        guard case .object(var fields) = json(workOrder, timeZone: timeZone) else { return .null }
        fields.append(("replies", .array(replies.map { json($0, timeZone: timeZone) })))
        return .object(fields)
    }
}
