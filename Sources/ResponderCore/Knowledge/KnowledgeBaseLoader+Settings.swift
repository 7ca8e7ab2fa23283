import Foundation
import Yams

extension KnowledgeBaseLoader {
    static let settingsKeys = [
        "locales", "default_locale", "answer_threshold", "ambiguity_margin", "time_zone", "business_hours",
        "holidays", "redact", "lint", "conversation", "targets",
    ]
    static let lintKeys = ["min_questions", "common_keyword_share"]
    static let conversationKeys = ["clarify_window", "handoff_after", "acknowledgement"]

    /// Parses `settings.yaml`; missing keys take `Settings.defaults`.
    static func parseSettings(_ text: String, reader: YAMLReader) -> Settings? {
        guard let root = reader.parse(text) else { return nil }
        var settings = Settings.defaults
        if reader.isNull(root) { return settings }
        guard let fields = reader.mapping(root, "settings.yaml", allowed: settingsKeys) else { return nil }
        for (key, field) in fields { settings.locations[key] = reader.location(field.key) }
        settings.rejectedKeys = reader.misspeltKeys(of: root)
        // Reads `key` when it is given; a value that is not taken makes the key rejected.
        func read(
            _ key: String, in fields: [String: (key: Node, value: Node)], prefix: String = "", _ take: (Node) -> Bool
        ) {
            guard let node = fields[key]?.value else { return }
            if !take(node) { settings.rejectedKeys.insert(prefix + key) }
        }

        read("locales", in: fields) { node in
            let locales = reader.strings(node, "locales").map(\.text)
            guard !locales.isEmpty else {
                reader.report(.emptyValue, at: reader.location(node), "locales must name at least one locale")
                return false
            }
            settings.locales = locales
            settings.defaultLocale = locales[0]
            return true
        }
        read("default_locale", in: fields) { node in
            guard let locale = reader.string(node, "default_locale") else { return false }
            guard settings.locales.contains(locale) else {
                reader.report(
                    .unknownLocale, at: reader.location(node),
                    "default_locale '\(locale)' is not one of locales (\(settings.locales.joined(separator: ", ")))")
                return false
            }
            settings.defaultLocale = locale
            return true
        }
        read("answer_threshold", in: fields) { node in
            guard let value = reader.number(node, "answer_threshold", in: 0...1) else { return false }
            settings.answerThreshold = value
            return true
        }
        read("ambiguity_margin", in: fields) { node in
            guard let value = reader.number(node, "ambiguity_margin", in: 0...1) else { return false }
            settings.ambiguityMargin = value
            return true
        }
        read("time_zone", in: fields) { node in
            guard let zone = reader.string(node, "time_zone") else { return false }
            guard let timeZone = TimeZone(identifier: zone) else {
                reader.report(
                    .invalidTimeZone, at: reader.location(node),
                    "unknown time zone '\(zone)'; use an IANA name such as Asia/Shanghai or Europe/Berlin")
                return false
            }
            settings.timeZone = timeZone
            return true
        }
        read("business_hours", in: fields) { node in
            guard let hours = parseBusinessHours(node, reader: reader) else { return false }
            settings.businessHours = hours
            return true
        }
        read("holidays", in: fields) { node in
            var valid = true
            settings.holidays = reader.strings(node, "holidays").compactMap { (text, item) -> CalendarDate? in
                guard let date = CalendarDate(text) else {
                    reader.report(
                        .invalidDate, at: reader.location(item), "holiday '\(text)' is not a date YYYY-MM-DD")
                    valid = false
                    return nil
                }
                return date
            }
            return valid
        }
        read("redact", in: fields) { node in
            guard let value = reader.bool(node, "redact") else { return false }
            settings.redact = value
            return true
        }
        read("lint", in: fields) { node in
            guard let lint = reader.mapping(node, "lint", allowed: lintKeys) else {
                settings.rejectedKeys.formUnion(lintKeys.map { "lint." + $0 })
                return true
            }
            settings.rejectedKeys.formUnion(reader.misspeltKeys(of: node).map { "lint." + $0 })
            read("min_questions", in: lint, prefix: "lint.") { node in
                guard let value = reader.integer(node, "lint.min_questions", in: 1...1000) else { return false }
                settings.lint.minimumQuestions = value
                return true
            }
            read("common_keyword_share", in: lint, prefix: "lint.") { node in
                guard let value = reader.number(node, "lint.common_keyword_share", in: 0.01...1) else { return false }
                settings.lint.commonKeywordShare = value
                return true
            }
            return true
        }
        read("conversation", in: fields) { node in
            guard let conversation = reader.mapping(node, "conversation", allowed: conversationKeys) else {
                return false
            }
            read("clarify_window", in: conversation, prefix: "conversation.") { node in
                guard let text = reader.string(node, "conversation.clarify_window") else { return false }
                guard let seconds = DurationParser.seconds(text) else {
                    reader.report(
                        .invalidDuration, at: reader.location(node),
                        "conversation.clarify_window '\(text)' is not a duration such as 10m or 1h30m")
                    return false
                }
                settings.conversation.clarifyWindow = TimeInterval(seconds)
                return true
            }
            read("handoff_after", in: conversation, prefix: "conversation.") { node in
                guard let value = reader.integer(node, "conversation.handoff_after", in: 0...100) else { return false }
                settings.conversation.handoffAfter = value
                return true
            }
            read("acknowledgement", in: conversation, prefix: "conversation.") { node in
                guard let texts = parseAcknowledgement(node, locales: settings.locales, reader: reader) else {
                    return false
                }
                settings.conversation.acknowledgement = texts
                return true
            }
            return true
        }
        read("targets", in: fields) { node in
            guard let targets = reader.mapping(node, "targets", allowed: ReportTargets.keys) else { return false }
            // Each key is a value, read by `value`, or an improvement whose baseline `value` reads.
            let target = { (key: String, value: @escaping (Node, String) -> Double?, set: (Double) -> Void) in
                read(key, in: targets, prefix: "targets.") { node in
                    if node.mapping != nil {
                        guard let improvement = parseImprovement(node, "targets.\(key)", reader: reader, value: value)
                        else { return false }
                        settings.targets.improvements[key] = improvement
                        return true
                    }
                    guard let number = value(node, "targets.\(key)") else { return false }
                    set(number)
                    return true
                }
            }
            let share = { (node: Node, what: String) in reader.number(node, what, in: 0...1) }
            let csat = { (node: Node, what: String) in reader.number(node, what, in: 1...5) }
            let duration = { (node: Node, what: String) -> Double? in
                guard let text = reader.string(node, what) else { return nil }
                guard let seconds = DurationParser.seconds(text) else {
                    reader.report(
                        .invalidDuration, at: reader.location(node),
                        "\(what) '\(text)' is not a duration such as 30s, 5m or 1h30m")
                    return nil
                }
                return Double(seconds)
            }
            target("automation_rate", share) { settings.targets.automationRate = $0 }
            target("sla_attainment", share) { settings.targets.slaAttainment = $0 }
            target("first_response_mean", duration) { settings.targets.firstResponseMean = $0 }
            target("human_first_response_mean", duration) { settings.targets.humanFirstResponseMean = $0 }
            target("csat", csat) { settings.targets.csat = $0 }
            return true
        }
        return settings
    }

    /// `conversation.acknowledgement`: one text for every locale, texts by locale, or `none`
    /// (also `false` or empty) for no acknowledgement at all.
    private static func parseAcknowledgement(_ node: Node, locales: [String], reader: YAMLReader) -> [String: String]? {
        let what = "conversation.acknowledgement"
        if reader.isNull(node) { return [:] }
        if case .scalar(let scalar) = node {
            let text = scalar.string.trimmingCharacters(in: .whitespaces)
            if ["none", "false", "no", "off", ""].contains(text.lowercased()) { return [:] }
            return ["*": text]
        }
        guard let fields = reader.mapping(node, what, allowed: []) else { return nil }
        var texts: [String: String] = [:]
        var valid = true
        for (locale, field) in fields {
            guard locales.contains(locale) else {
                reader.report(
                    .unknownLocale, at: reader.location(field.key),
                    "\(what) has a text for '\(locale)', which is not one of locales (\(locales.joined(separator: ", ")))"
                )
                valid = false
                continue
            }
            guard let text = reader.string(field.value, "\(what).\(locale)") else { return nil }
            texts[locale] = text
        }
        return valid ? texts : nil
    }

    /// `business_hours`: day keys (`mon`, `mon-fri`, `sat,sun`) to `HH:MM-HH:MM`, a list of those, or `closed`.
    private static func parseBusinessHours(_ node: Node, reader: YAMLReader) -> BusinessHours? {
        guard let fields = reader.mapping(node, "business_hours", allowed: []) else { return nil }
        var intervals: [BusinessHours.Weekday: [Range<Int>]] = [:]
        var valid = true
        for (key, field) in fields.sorted(by: { reader.location($0.value.key) < reader.location($1.value.key) }) {
            guard let days = BusinessHours.days(from: key) else {
                reader.report(
                    .invalidBusinessHours, at: reader.location(field.key),
                    "'\(key)' is not a day or day range; use mon, tue, ..., sun, e.g. mon-fri")
                valid = false
                continue
            }
            var ranges: [Range<Int>] = []
            for (text, item) in reader.strings(field.value, "hours for \(key)") where text.lowercased() != "closed" {
                guard let range = BusinessHours.interval(from: text) else {
                    reader.report(
                        .invalidBusinessHours, at: reader.location(item),
                        "'\(text)' is not an interval HH:MM-HH:MM with start before end")
                    valid = false
                    continue
                }
                ranges.append(range)
            }
            ranges.sort { $0.lowerBound < $1.lowerBound }
            if zip(ranges, ranges.dropFirst()).contains(where: { $0.upperBound > $1.lowerBound }) {
                reader.report(.invalidBusinessHours, at: reader.location(field.value), "hours for \(key) overlap")
                valid = false
            }
            for day in days { intervals[day] = ranges }
        }
        return valid ? BusinessHours(intervals: intervals) : nil
    }

    /// An improvement target, `{improve: 10%, from: YYYY-MM-DD, within: 30d, baseline: ...}`;
    /// `value` reads the baseline as the key's plain target would be read.
    static func parseImprovement(
        _ node: Node, _ what: String, reader: YAMLReader, value: (Node, String) -> Double?
    ) -> ReportTargets.Improvement? {
        guard let fields = reader.mapping(node, what, allowed: ["improve", "from", "within", "baseline"]) else {
            return nil
        }
        let missing = ["improve", "from", "within"].filter { fields[$0] == nil }
        if !missing.isEmpty {
            reader.report(
                .missingField, at: reader.location(node),
                "\(what) needs improve (e.g. 10%), from (YYYY-MM-DD) and within (e.g. 30d); "
                    + "missing: \(missing.joined(separator: ", "))")
            return nil
        }
        guard let improveNode = fields["improve"]?.value, let fromNode = fields["from"]?.value,
            let withinNode = fields["within"]?.value, let improveText = reader.string(improveNode, "\(what).improve"),
            let fromText = reader.string(fromNode, "\(what).from"),
            let withinText = reader.string(withinNode, "\(what).within")
        else { return nil }
        let percent = improveText.hasSuffix("%") ? Double(improveText.dropLast()) : nil
        guard let percent, percent > 0, percent < 100 else {
            reader.report(
                .outOfRange, at: reader.location(improveNode),
                "\(what).improve '\(improveText)' is not a percentage between 0% and 100%, such as 10%")
            return nil
        }
        guard let from = CalendarDate(fromText) else {
            reader.report(
                .invalidDate, at: reader.location(fromNode), "\(what).from '\(fromText)' is not a date YYYY-MM-DD")
            return nil
        }
        guard withinText.hasSuffix("d"), let days = Int(withinText.dropLast()), days > 0, days <= 3660 else {
            reader.report(
                .invalidDuration, at: reader.location(withinNode),
                "\(what).within '\(withinText)' is not a number of days such as 30d")
            return nil
        }
        var baseline: Double?
        if let baselineNode = fields["baseline"]?.value {
            guard let number = value(baselineNode, "\(what).baseline") else { return nil }
            baseline = number
        }
        return ReportTargets.Improvement(share: percent / 100, from: from, days: days, baseline: baseline)
    }
}
