import Yams

extension KnowledgeBaseLoader {
    static let groupsKeys = ["default_group", "groups", "priority_rules", "channel_rules"]
    static let groupKeys = ["id", "name", "first_response", "keywords", "patterns"]

    /// Parses `groups.yaml`.
    static func parseGroups(_ text: String, reader: YAMLReader) -> GroupsConfig? {
        guard let root = reader.parse(text),
            let fields = reader.mapping(root, "groups.yaml", allowed: groupsKeys)
        else { return nil }
        var groups: [SupportGroup] = []
        if let node = reader.require("groups", in: fields, of: "groups.yaml", at: root),
            let items = reader.sequence(node, "groups")
        {
            for item in items {
                guard let group = parseGroup(item, reader: reader) else { continue }
                if let first = groups.first(where: { $0.id == group.id }) {
                    reader.report(
                        .duplicateID, at: group.location,
                        "group id '\(group.id)' is already used at \(first.location)")
                    continue
                }
                groups.append(group)
            }
        }
        let known = groups.map(\.id)
        func checkGroup(_ node: Node, _ what: String) -> String? {
            guard let id = reader.string(node, what) else { return nil }
            guard known.contains(id) else {
                let hint = Suggestion.closest(to: id, in: known).map { "; did you mean '\($0)'?" } ?? ""
                reader.report(
                    .unknownGroup, at: reader.location(node), "\(what) '\(id)' is not a group in groups.yaml\(hint)")
                return nil
            }
            return id
        }

        var defaultGroup = groups.first?.id ?? "general"
        if let node = reader.require("default_group", in: fields, of: "groups.yaml", at: root),
            let id = checkGroup(node, "default_group")
        {
            defaultGroup = id
        }

        var priorityRules: [PriorityRule] = []
        for item in fields["priority_rules"].flatMap({ reader.sequence($0.value, "priority_rules") }) ?? [] {
            guard let rule = reader.mapping(item, "a priority rule", allowed: ["priority", "keywords", "patterns"]),
                let priorityNode = reader.require("priority", in: rule, of: "a priority rule", at: item),
                let priority = parsePriority(priorityNode, reader: reader)
            else { continue }
            let keywords = rule["keywords"].map { reader.keywords($0.value, "keywords") } ?? []
            let patterns = rule["patterns"].map { reader.patterns($0.value, "patterns") } ?? []
            if keywords.isEmpty, patterns.isEmpty {
                reader.report(.missingField, at: reader.location(item), "a priority rule needs keywords or patterns")
            }
            priorityRules.append(
                PriorityRule(
                    priority: priority, keywords: keywords, patterns: patterns, location: reader.location(item)))
        }

        var channelRules: [ChannelRule] = []
        for item in fields["channel_rules"].flatMap({ reader.sequence($0.value, "channel_rules") }) ?? [] {
            guard let rule = reader.mapping(item, "a channel rule", allowed: ["channel", "group", "priority"]),
                let channelNode = reader.require("channel", in: rule, of: "a channel rule", at: item),
                let channel = reader.string(channelNode, "channel")
            else { continue }
            let group = rule["group"].flatMap { checkGroup($0.value, "group") }
            let priority = rule["priority"].flatMap { parsePriority($0.value, reader: reader) }
            if rule["group"] == nil, rule["priority"] == nil {
                reader.report(.missingField, at: reader.location(item), "a channel rule needs a group or a priority")
            }
            channelRules.append(
                ChannelRule(channel: channel, group: group, priority: priority, location: reader.location(item)))
        }
        return GroupsConfig(
            groups: groups, defaultGroup: defaultGroup, priorityRules: priorityRules, channelRules: channelRules)
    }

    private static func parseGroup(_ node: Node, reader: YAMLReader) -> SupportGroup? {
        guard let fields = reader.mapping(node, "a group", allowed: groupKeys),
            let idNode = reader.require("id", in: fields, of: "a group", at: node),
            let id = parseIdentifier(idNode, "group id", reader: reader)
        else { return nil }
        var target = ResponseTarget.businessTime(seconds: 0)
        if let targetNode = reader.require("first_response", in: fields, of: "group '\(id)'", at: node),
            let text = reader.string(targetNode, "first_response")
        {
            if let parsed = ResponseTarget(text) {
                target = parsed
            } else {
                reader.report(
                    .invalidDuration, at: reader.location(targetNode),
                    "first_response '\(text)' is not a duration such as 30m, 4h, 1d or 1bd")
            }
        }
        let name = fields["name"].flatMap { reader.string($0.value, "name") } ?? id
        let keywords = fields["keywords"].map { reader.keywords($0.value, "keywords of group '\(id)'") } ?? []
        let patterns = fields["patterns"].map { reader.patterns($0.value, "patterns of group '\(id)'") } ?? []
        return SupportGroup(
            id: id, name: name, firstResponse: target, keywords: keywords, patterns: patterns,
            location: reader.location(node))
    }

    private static func parsePriority(_ node: Node, reader: YAMLReader) -> Priority? {
        guard let text = reader.string(node, "priority") else { return nil }
        guard let priority = Priority(rawValue: text.lowercased()) else {
            reader.report(
                .invalidPriority, at: reader.location(node),
                "priority '\(text)' must be one of low, normal, high, urgent")
            return nil
        }
        return priority
    }

    /// An id: letters, digits, `.`, `_` and `-`, starting with a letter or digit.
    static func parseIdentifier(_ node: Node, _ what: String, reader: YAMLReader) -> String? {
        guard let id = reader.string(node, what) else { return nil }
        let valid = id.unicodeScalars.enumerated().allSatisfy { index, scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || (index > 0 && (scalar == "." || scalar == "_" || scalar == "-")))
        }
        guard valid else {
            reader.report(
                .invalidID, at: reader.location(node),
                "\(what) '\(id)' may use only ASCII letters, digits, '.', '_' and '-', starting with a letter or digit")
            return nil
        }
        return id
    }
}
