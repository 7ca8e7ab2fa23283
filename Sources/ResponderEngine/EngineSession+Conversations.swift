import Foundation
import ResponderCore
import ResponderStore

extension EngineSession {
    /// Where `conversation` stands, its work orders and its latest `limit` turns.
    public func conversation(_ conversation: String, limit: Int = 200) throws(EngineError) -> ConversationView {
        let record = try withStore { store throws(StoreError) in try store.conversation(conversation, limit: limit) }
        let current = record.workOrders.last { $0.status != .resolved } ?? record.workOrders.last
        let state: ConversationState
        if let current, current.status != .resolved {
            state = ConversationState(workOrder: current)
        } else if let current, let resolved = current.resolvedAt, let last = record.lastMessageAt, resolved >= last {
            state = .resolved
        } else {
            state = record.lastMessageAt == nil ? .new : .bot
        }
        return ConversationView(
            conversation: conversation, state: state, workOrder: current, workOrders: record.workOrders.map(\.id),
            turns: TurnView.turns(record.turns, base: base, timeZone: timeZone), timeZone: timeZone)
    }
}
