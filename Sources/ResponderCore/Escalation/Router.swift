/// Where an escalated message goes, how urgent it is, and why.
public struct Routing: Sendable, Equatable {
    /// What decided the group, in the order the router tries them.
    public enum Reason: String, Sendable, Codable {
        /// The answered entry says `escalate: GROUP`.
        case entryEscalation = "entry-escalation"
        /// The group's own keywords or patterns matched the message.
        case groupRules = "group-rules"
        /// The groups of the best candidate entries.
        case candidates
        /// A channel rule.
        case channel
        /// Nothing else applied.
        case defaultGroup = "default-group"
    }

    /// The group id.
    public let group: String
    /// The work order's priority.
    public let priority: Priority
    /// What decided the group.
    public let reason: Reason

    /// Creates a routing.
    public init(group: String, priority: Priority, reason: Reason) {
        self.group = group
        self.priority = priority
        self.reason = reason
    }
}

/// Routes escalated messages to a specialist group with a priority, from `groups.yaml` and the
/// entries' `group`s.
///
/// The group is, in order: the answered entry's `escalate` group; the group whose keywords and
/// patterns score highest on the message; the group the best candidate entries belong to
/// (confidences summed per group over the top three, when the best candidate has at least
/// `minimumCandidateConfidence`);
/// the channel rule's group; the default group. The priority is the highest of the matching
/// priority rules' and the channel rule's; `normal` when none applies.
public struct Router: Sendable {
    /// The least confidence of the best candidate for the candidates' groups to decide the
    /// route: below it (less than one chance in four that the best entry is what the message is
    /// about) the matcher knows too little about the message to pick a specialist.
    public static let minimumCandidateConfidence = 0.25
    /// How many of the best candidates vote for their groups.
    public static let votingCandidates = 3

    private let config: GroupsConfig
    private let groupRules: [(id: String, rule: EvidenceRule)]
    private let priorityRules: [(priority: Priority, rule: EvidenceRule)]
    private let entryGroups: [String?]
    private let patternScore: Double

    /// A router for `base`'s groups, rules and entries.
    public init(base: KnowledgeBase, options: MatcherOptions = .standard) {
        config = base.groups
        groupRules = base.groups.groups.map { ($0.id, EvidenceRule(keywords: $0.keywords, patterns: $0.patterns)) }
        priorityRules = base.groups.priorityRules.map {
            ($0.priority, EvidenceRule(keywords: $0.keywords, patterns: $0.patterns))
        }
        entryGroups = base.entries.map(\.group)
        patternScore = options.patternScore
    }

    /// Routes `text`, which got `reply`, from `channel` (nil or unknown channels have no rule).
    /// `entryGroup` is the group an entry asked for (`escalate:`), which wins over every rule.
    public func route(_ text: String, reply: Reply, channel: String?, entryGroup: String? = nil) -> Routing {
        let units = KeywordPhrase.units(of: text)
        let channelRule = channel.flatMap { name in config.channelRules.first { $0.channel == name } }
        let (group, reason) = chooseGroup(
            text, units: units, match: reply.match, entryGroup: entryGroup ?? reply.escalateTo,
            channelRule: channelRule)
        var priority = self.priority(text, units: units)
        if let channelPriority = channelRule?.priority {
            priority = max(priority ?? channelPriority, channelPriority)
        }
        return Routing(group: group, priority: priority ?? .normal, reason: reason)
    }

    /// The highest priority among the priority rules that match `text`; nil when none does.
    public func priority(_ text: String) -> Priority? {
        priority(text, units: KeywordPhrase.units(of: text))
    }

    private func priority(_ text: String, units: [String]) -> Priority? {
        priorityRules.filter { $0.rule.score(units: units, text: text, patternScore: patternScore) > 0 }.map(\.priority)
            .max()
    }

    private func chooseGroup(
        _ text: String, units: [String], match: MatchResult, entryGroup: String?, channelRule: ChannelRule?
    ) -> (String, Routing.Reason) {
        if let group = entryGroup { return (group, .entryEscalation) }
        var best: (id: String, score: Double)? = nil
        for (id, rule) in groupRules {
            // Strictly greater: on a tie the group listed first in groups.yaml wins.
            let score = rule.score(units: units, text: text, patternScore: patternScore)
            if score > best?.score ?? 0 { best = (id, score) }
        }
        if let best { return (best.id, .groupRules) }
        if let group = candidatesGroup(match) { return (group, .candidates) }
        if let group = channelRule?.group { return (group, .channel) }
        return (config.defaultGroup, .defaultGroup)
    }

    private func candidatesGroup(_ match: MatchResult) -> String? {
        guard let best = match.top, best.confidence >= Self.minimumCandidateConfidence else { return nil }
        var votes: [(id: String, confidence: Double)] = []
        for candidate in match.candidates.prefix(Self.votingCandidates) {
            guard let group = entryGroups[candidate.entryIndex] else { continue }
            if let index = votes.firstIndex(where: { $0.id == group }) {
                votes[index].confidence += candidate.confidence
            } else {
                votes.append((group, candidate.confidence))
            }
        }
        // On a tie the group of the better candidate, which was added first, wins.
        guard let highest = votes.map(\.confidence).max() else { return nil }
        return votes.first { $0.confidence == highest }?.id
    }
}
