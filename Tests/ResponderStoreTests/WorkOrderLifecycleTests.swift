import Foundation
import ResponderCore
import Testing

@testable import ResponderStore

@Suite("Work-order lifecycle")
struct WorkOrderLifecycleTests {
    private func openOrder(_ store: Store) throws -> WorkOrderID {
        try #require(
            try store.record(message("c1", at: "2026-11-23T10:00:00Z", group: "billing", due: "2026-11-23T10:30:00Z"))
                .workOrder?.id)
    }

    @Test("An escalation opens an open work order with its routing, SLA and candidates")
    func escalationOpensWorkOrder() throws {
        let temporary = try TemporaryStore()
        let recorded = try temporary.store.record(
            message("c1", at: "2026-11-23T10:00:00Z", group: "billing", due: "2026-11-23T10:30:00Z"))
        let workOrder = try #require(recorded.workOrder)
        #expect(workOrder.status == .open)
        #expect(workOrder.group == "billing")
        #expect(workOrder.slaDue == at("2026-11-23T10:30:00Z"))
        #expect(workOrder.createdAt == at("2026-11-23T10:00:00Z"))
        #expect(workOrder.candidates == [CandidateScore(intent: "some-intent", confidence: 0.4)])
        #expect(try temporary.store.workOrder(workOrder.id) == workOrder)
        #expect(!recorded.isDuplicate)
    }

    @Test("An answered message is recorded without a work order")
    func answerOpensNothing() throws {
        let temporary = try TemporaryStore()
        let recorded = try temporary.store.record(message("c1", at: "2026-11-23T10:00:00Z", decision: .answer))
        #expect(recorded.workOrder == nil)
        #expect(try temporary.store.workOrders().isEmpty)
    }

    @Test("open -> assigned -> responded -> resolved -> reopened")
    func fullLifecycle() throws {
        let store = try TemporaryStore().store
        let id = try openOrder(store)
        #expect(try store.assign(id, to: "alice", at: at("2026-11-23T10:05:00Z")).status == .assigned)
        let replied = try store.reply(to: id, agent: "alice", text: "On it", at: at("2026-11-23T10:10:00Z"))
        #expect(replied.status == .responded)
        #expect(replied.firstResponseAt == at("2026-11-23T10:10:00Z"))
        let again = try store.reply(to: id, agent: "alice", text: "Done", at: at("2026-11-23T10:20:00Z"))
        #expect(again.firstResponseAt == at("2026-11-23T10:10:00Z"), "the first response stays the first")
        let resolved = try store.resolve(id, at: at("2026-11-23T10:30:00Z"))
        #expect(resolved.status == .resolved)
        #expect(resolved.resolvedAt == at("2026-11-23T10:30:00Z"))
        let reopened = try store.reopen(id)
        #expect(reopened.status == .open)
        #expect(reopened.resolvedAt == nil)
        #expect(reopened.reopenCount == 1)
        #expect(reopened.agent == "alice")
        #expect(try store.replies(to: id).map(\.text) == ["On it", "Done"])
    }

    @Test("Replies imported out of order: the earliest is the first response")
    func outOfOrderReplies() throws {
        let store = try TemporaryStore().store
        let id = try openOrder(store)
        try store.reply(to: id, agent: "alice", text: "second", at: at("2026-11-23T11:30:00Z"))
        let replied = try store.reply(to: id, agent: "alice", text: "first", at: at("2026-11-23T10:10:00Z"))
        #expect(replied.firstResponseAt == at("2026-11-23T10:10:00Z"))
        #expect(try store.replies(to: id).map(\.text) == ["first", "second"])
    }

    @Test("Replying to an open work order gives it to the replying agent")
    func replyAssigns() throws {
        let store = try TemporaryStore().store
        let id = try openOrder(store)
        let replied = try store.reply(to: id, agent: "bob", text: "Hello", at: at("2026-11-23T10:01:00Z"))
        #expect(replied.agent == "bob")
        #expect(replied.status == .responded)
    }

    @Test(
        "Impossible transitions name the current status and change nothing",
        arguments: [
            ("resolve an open", WorkOrderStatus.open),
            ("resolve an assigned", .assigned),
            ("reopen an open", .open),
            ("reopen a responded", .responded),
            ("resolve a resolved", .resolved),
            ("assign a resolved", .resolved),
            ("reply to a resolved", .resolved),
        ])
    func impossibleTransitions(_ action: String, _ status: WorkOrderStatus) throws {
        let store = try TemporaryStore().store
        let id = try openOrder(store)
        if status != .open { try store.assign(id, to: "alice", at: at("2026-11-23T10:01:00Z")) }
        if status == .responded || status == .resolved {
            try store.reply(to: id, agent: "alice", text: "Hi", at: at("2026-11-23T10:02:00Z"))
        }
        if status == .resolved { try store.resolve(id, at: at("2026-11-23T10:03:00Z")) }
        let before = try store.workOrder(id)
        #expect(before.status == status)
        let error = #expect(throws: StoreError.self) {
            switch action {
            case let verb where verb.hasPrefix("resolve"): try store.resolve(id)
            case let verb where verb.hasPrefix("reopen"): try store.reopen(id)
            case let verb where verb.hasPrefix("assign"): try store.assign(id, to: "carol")
            default: try store.reply(to: id, agent: "carol", text: "late")
            }
        }
        guard case .impossibleTransition(let failedID, _, let current, _) = error else {
            Issue.record("expected an impossible transition, got \(String(describing: error))")
            return
        }
        #expect(failedID == id)
        #expect(current == status)
        #expect(error?.description.contains("it is \(status.rawValue)") == true)
        #expect(try store.workOrder(id) == before)
        #expect(try store.replies(to: id).count == (status == .open || status == .assigned ? 0 : 1))
    }

    @Test(
        "Every store call follows the one transition table on the status",
        arguments: WorkOrderStatus.allCases)
    func transitionTable(_ status: WorkOrderStatus) throws {
        #expect(WorkOrderStatus.open.allows(.assign) && WorkOrderStatus.responded.allows(.resolve))
        #expect(!WorkOrderStatus.resolved.allows(.reply) && !WorkOrderStatus.open.allows(.reopen))
        for action in WorkOrderAction.allCases {
            let store = try TemporaryStore().store
            let id = try openOrder(store)
            if status != .open { try store.assign(id, to: "alice", at: at("2026-11-23T10:01:00Z")) }
            if status == .responded || status == .resolved {
                try store.reply(to: id, agent: "alice", text: "Hi", at: at("2026-11-23T10:02:00Z"))
            }
            if status == .resolved { try store.resolve(id, at: at("2026-11-23T10:03:00Z")) }
            #expect(try store.workOrder(id).status == status)
            let time = at("2026-11-23T10:04:00Z")
            let result = Result { () throws(StoreError) -> WorkOrder in
                switch action {
                case .assign: return try store.assign(id, to: "bob", at: time)
                case .reply: return try store.reply(to: id, agent: "bob", text: "Hello", at: time)
                case .resolve: return try store.resolve(id, at: time)
                case .reopen: return try store.reopen(id)
                case .followUp:
                    // The customer writing again: a message joining the conversation's open work order.
                    // A resolved one has nothing to join: the store refuses the message.
                    do throws(StoreError) {
                        try store.record(
                            HandledMessage(
                                conversation: "c1", channel: "chat", text: "any news?", receivedAt: time,
                                latencyMicroseconds: 10, decision: .handoff, intent: nil, confidence: 0,
                                knowledgeBaseVersion: "test", turn: .joined))
                    } catch {
                        guard case .invalidValue = error else { throw error }
                        throw StoreError.impossibleTransition(id, action: action.rawValue, status: status, hint: "")
                    }
                    return try store.workOrder(id)
                }
            }
            switch result {
            case .success(let workOrder):
                #expect(workOrder.status == status.after(action), "\(action) from \(status)")
            case .failure(.impossibleTransition(_, let name, let current, _)):
                // Resolving an assigned work order is allowed once an agent has replied; this
                // one's agent has not.
                let unanswered = status == .assigned && action == .resolve
                #expect(!status.allows(action) || unanswered, "\(action) from \(status) was refused")
                #expect(name == action.rawValue && current == status)
            case .failure(let error):
                Issue.record("\(action) from \(status): \(error)")
            }
        }
    }

    @Test("Reassigning keeps the status; a reply dated before creation is refused")
    func reassignAndEarlyReply() throws {
        let store = try TemporaryStore().store
        let id = try openOrder(store)
        try store.reply(to: id, agent: "alice", text: "Hi", at: at("2026-11-23T10:02:00Z"))
        let reassigned = try store.assign(id, to: "bob")
        #expect(reassigned.status == .responded)
        #expect(reassigned.agent == "bob")
        #expect(throws: StoreError.self) {
            try store.reply(to: id, agent: "bob", text: "Early", at: at("2026-11-23T09:00:00Z"))
        }
        #expect(try store.replies(to: id).count == 1)
    }

    @Test("Times in error messages are in the desk's time zone, like every other output")
    func errorTimesInTheDeskTimeZone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("responder-tz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(
            path: folder.appendingPathComponent("s.sqlite").path, redactor: nil,
            timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let id = try openOrder(store)
        do {
            try store.reply(to: id, agent: "bob", text: "Early", at: at("2026-11-23T09:00:00Z"))
            Issue.record("a reply before creation was accepted")
        } catch {
            #expect(
                error.description
                    == "at: 2026-11-23T17:00:00+08:00 is before WO-000001 was created (2026-11-23T18:00:00+08:00)")
        }
    }

    @Test("Unknown work orders are errors, not empty results")
    func unknownWorkOrder() throws {
        let store = try TemporaryStore().store
        #expect(throws: StoreError.unknownWorkOrder("WO-000042")) { try store.workOrder(WorkOrderID(42)) }
        #expect(throws: StoreError.unknownWorkOrder("WO-000042")) { try store.resolve(WorkOrderID(42)) }
    }

    @Test("Lists filter by group and status, overdue then most urgent first, resolved last, and honour the limit")
    func listing() throws {
        let store = try TemporaryStore().store
        var urgent = message("c2", at: "2026-11-23T10:05:00Z", group: "billing", due: "2026-11-23T12:00:00Z")
        urgent.escalation?.routing = Routing(group: "billing", priority: .urgent, reason: .groupRules)
        let first = try #require(
            try store.record(message("c1", at: "2026-11-23T10:00:00Z", group: "billing", due: "2026-11-23T11:00:00Z"))
                .workOrder?.id)
        let second = try #require(try store.record(urgent).workOrder?.id)
        let third = try #require(
            try store.record(message("c3", at: "2026-11-23T10:10:00Z", group: "technical", due: nil)).workOrder?.id)
        try store.assign(third, to: "alice")
        let beforeAnyDue = at("2026-11-23T10:30:00Z")
        #expect(try store.workOrders(now: beforeAnyDue).map(\.id) == [second, first, third])
        #expect(try store.workOrders(group: "billing", now: beforeAnyDue).map(\.id) == [second, first])
        #expect(try store.workOrders(statuses: [.assigned]).map(\.id) == [third])
        #expect(try store.workOrders(limit: 1, now: beforeAnyDue).map(\.id) == [second])
        // Past its due time, the normal-priority work order breaches first and comes first.
        let firstOverdue = at("2026-11-23T11:30:00Z")
        #expect(try store.workOrders(now: firstOverdue).map(\.id) == [first, second, third])
        // Resolved work orders come last, whatever their priority.
        try store.reply(to: second, agent: "bob", text: "Refunded.", at: at("2026-11-23T10:20:00Z"))
        try store.resolve(second, at: at("2026-11-23T10:25:00Z"))
        #expect(try store.workOrders(now: beforeAnyDue).map(\.id) == [first, third, second])
        #expect(try store.workOrders(statuses: [.open, .assigned, .responded]).map(\.id).contains(second) == false)
        #expect(first < second && second < third)
    }

    @Test("Work-order ids print as WO- and six digits and parse back")
    func identifiers() {
        #expect(WorkOrderID(42).description == "WO-000042")
        #expect(WorkOrderID(1_234_567).description == "WO-1234567")
        #expect(WorkOrderID("WO-000042") == WorkOrderID(42))
        #expect(WorkOrderID("wo-42") == WorkOrderID(42))
        #expect(WorkOrderID("42") == WorkOrderID(42))
        for bad in ["", "WO-", "WO-x1", "-3", "0", "WO-1.5", "9999999999999999999999"] {
            #expect(WorkOrderID(bad) == nil, "\(bad)")
        }
    }
}
