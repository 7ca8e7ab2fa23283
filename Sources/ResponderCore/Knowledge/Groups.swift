import PCRE2

/// How urgent a work order is.
public enum Priority: String, Sendable, CaseIterable, Codable, Comparable {
    case low, normal, high, urgent

    private var rank: Int { Priority.allCases.firstIndex(of: self)! }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rank < rhs.rank }
}

/// A PCRE2 pattern from the knowledge base, compiled, with where it was written.
public struct SourcePattern: Sendable {
    /// The compiled pattern.
    public let pattern: Pattern
    /// How much a match counts (1 = the standard strong evidence).
    public let weight: Double
    /// Where the pattern's text starts in its file.
    public let location: SourceLocation
}

/// A word or phrase with a weight, as written in the base.
public struct SourceKeyword: Sendable, Equatable {
    /// The keyword as written.
    public let text: String
    /// How much it counts (1 = as much as one example question).
    public let weight: Double
    /// Where it was written.
    public let location: SourceLocation
}

/// A specialist group that escalated messages are routed to.
public struct SupportGroup: Sendable {
    /// Stable id, e.g. `billing`.
    public let id: String
    /// Display name.
    public let name: String
    /// First-response target, in business time.
    public let firstResponse: ResponseTarget
    /// Words that route a message here.
    public let keywords: [SourceKeyword]
    /// Patterns that route a message here.
    public let patterns: [SourcePattern]
    /// Where the group is defined.
    public let location: SourceLocation
}

/// A rule that raises a work order's priority when a message contains certain words or patterns.
public struct PriorityRule: Sendable {
    /// The priority it assigns.
    public let priority: Priority
    /// Words that trigger it.
    public let keywords: [SourceKeyword]
    /// Patterns that trigger it.
    public let patterns: [SourcePattern]
    /// Where the rule is defined.
    public let location: SourceLocation
}

/// A rule for messages arriving on one channel (e.g. `phone`): a group and/or a priority.
public struct ChannelRule: Sendable {
    /// The channel name it applies to.
    public let channel: String
    /// The group it routes to, if any.
    public let group: String?
    /// The priority it assigns, if any.
    public let priority: Priority?
    /// Where the rule is defined.
    public let location: SourceLocation
}

/// `groups.yaml`: the specialist groups and the rules that route and prioritise work orders.
public struct GroupsConfig: Sendable {
    /// All groups, in file order.
    public var groups: [SupportGroup]
    /// The group that takes what no rule routes elsewhere.
    public var defaultGroup: String
    /// Priority rules, in file order.
    public var priorityRules: [PriorityRule]
    /// Channel rules, in file order.
    public var channelRules: [ChannelRule]

    /// The group with `id`, if any.
    public func group(_ id: String) -> SupportGroup? { groups.first { $0.id == id } }

    /// A single `general` group with a 4-hour target: what applies without `groups.yaml`.
    public static func fallback(file: String) -> GroupsConfig {
        GroupsConfig(
            groups: [
                SupportGroup(
                    id: "general", name: "General", firstResponse: .businessTime(seconds: 4 * 3600), keywords: [],
                    patterns: [],
                    location: .file(file))
            ], defaultGroup: "general", priorityRules: [], channelRules: [])
    }
}
