/// Groups that no route can choose.
enum GroupChecks {
    static func check(_ base: KnowledgeBase) -> [Diagnostic] {
        let config = base.groups
        var reachable: Set<String> = [config.defaultGroup]
        for entry in base.entries {
            if let group = entry.group { reachable.insert(group) }
            if let group = entry.escalate { reachable.insert(group) }
        }
        for rule in config.channelRules {
            if let group = rule.group { reachable.insert(group) }
        }
        return config.groups.filter { group in
            !reachable.contains(group.id) && group.keywords.isEmpty && group.patterns.isEmpty
        }.map { group in
            Diagnostic(
                .unreachableGroup, at: group.location,
                "group '\(group.id)' can never get a work order: it has no keywords or patterns, no entry names it (group or escalate), no channel rule routes to it and it is not the default group"
            )
        }
    }
}
