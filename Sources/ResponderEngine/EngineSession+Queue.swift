import Foundation
import ResponderCore
import ResponderStore

/// Which work orders a list shows.
public enum WorkOrderSelection: Sendable, Equatable {
    /// Open, assigned and responded: the queue still to work (the default).
    case unresolved
    /// Every status.
    case all
    /// One status.
    case status(WorkOrderStatus)

    /// The statuses selected; nil for all.
    var statuses: Set<WorkOrderStatus>? {
        switch self {
        case .unresolved: Set(WorkOrderStatus.allCases.filter { $0 != .resolved })
        case .all: nil
        case .status(let status): [status]
        }
    }

    /// Reads `unresolved`, `all` or a status name; nil for anything else.
    public init?(name: String) {
        switch name {
        case "unresolved": self = .unresolved
        case "all": self = .all
        default:
            guard let status = WorkOrderStatus(rawValue: name) else { return nil }
            self = .status(status)
        }
    }

    /// The names `init(name:)` reads.
    public static let names = ["unresolved", "all"] + WorkOrderStatus.allCases.map(\.rawValue)
}

extension EngineSession {
    /// The work order `id`, its agents' replies and its conversation's turns.
    public func workOrder(_ id: WorkOrderID) throws(EngineError) -> WorkOrderView {
        let (workOrder, replies, turns) = try withStore { store throws(StoreError) in
            try store.snapshot { () throws(StoreError) in
                (try store.workOrder(id), try store.replies(to: id), try store.turns(of: id))
            }
        }
        return WorkOrderView(
            workOrder, replies: replies, turns: TurnView.turns(turns, base: base, timeZone: timeZone),
            timeZone: timeZone)
    }

    /// Work orders in queue order: unresolved first, overdue first, then by priority and due time.
    public func workOrders(
        _ selection: WorkOrderSelection = .unresolved, group: String? = nil, limit: Int? = nil
    ) throws(EngineError) -> [WorkOrderView] {
        let now = clock.now()
        return try withStore { store throws(StoreError) in
            try store.workOrders(group: group, statuses: selection.statuses, limit: limit, now: now)
        }.map { WorkOrderView($0, timeZone: timeZone) }
    }

    /// Gives `id` to `agent`.
    public func assign(_ id: WorkOrderID, to agent: String) throws(EngineError) -> WorkOrderView {
        let now = clock.now()
        return WorkOrderView(
            try withStore { store throws(StoreError) in try store.assign(id, to: agent, at: now) }, timeZone: timeZone)
    }

    /// Records `agent`'s reply to `id` at `at` (default now); the first is its first response.
    public func reply(to id: WorkOrderID, agent: String, text: String, at: Date? = nil) throws(EngineError)
        -> WorkOrderView
    {
        let time = try eventTime(at)
        return WorkOrderView(
            try withStore { store throws(StoreError) in try store.reply(to: id, agent: agent, text: text, at: time) },
            timeZone: timeZone)
    }

    /// Marks `id` resolved at `at` (default now), with the agent's label when given: an entry
    /// of the loaded base (an unknown one is refused with the closest ids) or a new topic's name.
    public func resolve(_ id: WorkOrderID, at: Date? = nil, label: WorkOrderLabel? = nil) throws(EngineError)
        -> WorkOrderView
    {
        let time = try eventTime(at)
        let label = try checked(label)
        return WorkOrderView(
            try withStore { store throws(StoreError) in try store.resolve(id, at: time, label: label) },
            timeZone: timeZone)
    }

    /// `label` as stored: an entry the base has, a topic name trimmed, 1-80 characters.
    private func checked(_ label: WorkOrderLabel?) throws(EngineError) -> WorkOrderLabel? {
        switch label {
        case nil: return nil
        case .entry(let entry):
            let ids = base.entries.map(\.id)
            guard !ids.isEmpty else {
                throw EngineError.invalidArgument(
                    field: "entry",
                    problem:
                        "cannot be checked: the knowledge base in use has no entries (see the warning; pass --kb DIR)")
            }
            guard ids.contains(entry) else {
                let closest = ids.sorted {
                    (Suggestion.distance(entry.lowercased(), $0.lowercased()), $0)
                        < (Suggestion.distance(entry.lowercased(), $1.lowercased()), $1)
                }.prefix(3)
                throw EngineError.invalidArgument(
                    field: "entry",
                    problem: "'\(entry)' is no entry of the knowledge base; closest: \(closest.joined(separator: ", "))"
                )
            }
            return .entry(entry)
        case .newTopic(let topic):
            let name = topic.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, name.count <= 80, !name.contains(where: \.isNewline) else {
                throw EngineError.invalidArgument(
                    field: "new_topic", problem: "expected a short name of 1 to 80 characters on one line")
            }
            return .newTopic(name)
        }
    }

    /// Reopens the resolved work order `id`.
    public func reopen(_ id: WorkOrderID) throws(EngineError) -> WorkOrderView {
        WorkOrderView(try withStore { store throws(StoreError) in try store.reopen(id) }, timeZone: timeZone)
    }

    /// Records a CSAT score for a conversation or a work order.
    public func rate(_ target: RatingTarget, score: Int, comment: String? = nil) throws(EngineError) -> RatingOutcome {
        guard (1...5).contains(score) else {
            throw EngineError.invalidArgument(field: "score", problem: "expected an integer from 1 to 5, got \(score)")
        }
        let now = clock.now()
        try withStore { store throws(StoreError) in try store.rate(target, score: score, comment: comment, at: now) }
        return RatingOutcome(target: target, score: score)
    }
}
