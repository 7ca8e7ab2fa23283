/// Where a work order is in its life: open -> assigned -> responded -> resolved, and reopen.
public enum WorkOrderStatus: String, Sendable, Codable, CaseIterable {
    /// Waiting for an agent.
    case open
    /// An agent has taken it but not replied yet.
    case assigned
    /// An agent has replied.
    case responded
    /// Done; `reopen` brings it back.
    case resolved
}

/// What an agent can do to a work order; `WorkOrderStatus.transitions` says from which status.
public enum WorkOrderAction: String, Sendable, CaseIterable {
    /// Give it to an agent.
    case assign
    /// Record an agent's reply.
    case reply = "reply to"
    /// Mark it done.
    case resolve
    /// Bring a resolved one back.
    case reopen
    /// The customer wrote again in the conversation: the work order waits for its agent again.
    case followUp = "follow up"
}

extension WorkOrderStatus {
    /// The one table of the work-order life cycle: for each status, the actions it allows and
    /// the status each leads to. An action not listed under a status is refused from it.
    ///
    /// Assigning changes hands without going back (a responded work order stays responded);
    /// only a responded one can be resolved (an agent replies first); reopening brings a
    /// resolved one back to open. A customer's follow-up sends a responded one back to its
    /// agent (assigned: it needs their reply again); a resolved one takes none (the bot answers
    /// the conversation again). An assigned one can be resolved only once an agent has replied
    /// (a follow-up such as "thanks, bye" need not be answered): `Store.resolve` checks that.
    public static let transitions: [WorkOrderStatus: [WorkOrderAction: WorkOrderStatus]] = [
        .open: [.assign: .assigned, .reply: .responded, .followUp: .open],
        .assigned: [.assign: .assigned, .reply: .responded, .resolve: .resolved, .followUp: .assigned],
        .responded: [.assign: .responded, .reply: .responded, .resolve: .resolved, .followUp: .assigned],
        .resolved: [.reopen: .open],
    ]

    /// Whether `action` is possible from this status.
    public func allows(_ action: WorkOrderAction) -> Bool { after(action) != nil }

    /// The status `action` leads to from this one; nil when it is not possible.
    public func after(_ action: WorkOrderAction) -> WorkOrderStatus? { Self.transitions[self]?[action] }
}
