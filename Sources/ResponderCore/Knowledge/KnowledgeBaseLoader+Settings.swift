import Foundation
import Yams

extension KnowledgeBaseLoader {
    static let settingsKeys = [
        "locales", "default_locale", "answer_threshold", "ambiguity_margin", "time_zone", "business_hours",
        "holidays", "redact", "lint",
    ]
    static let lintKeys = ["min_questions", "common_keyword_share"]

    /// Parses `settings.yaml`; missing keys take `Settings.defaults`.
    static func parseSettings(_ text: String, reader: YAMLReader) -> Settings? {
        guard let root = reader.parse(text) else { return nil }
        var settings = Settings.defaults
        if reader.isNull(root) { return settings }
        guard let fields = reader.mapping(root, "settings.yaml", allowed: settingsKeys) else { return nil }
        for (key, field) in fields { settings.locations[key] = reader.location(field.key) }

        if let node = fields["locales"]?.value {
            let locales = reader.strings(node, "locales").map(\.text)
            if locales.isEmpty {
                reader.report(.emptyValue, at: reader.location(node), "locales must name at least one locale")
            } else {
                settings.locales = locales
                settings.defaultLocale = locales[0]
            }
        }
        if let node = fields["default_locale"]?.value, let locale = reader.string(node, "default_locale") {
            if settings.locales.contains(locale) {
                settings.defaultLocale = locale
            } else {
                reader.report(
                    .unknownLocale, at: reader.location(node),
                    "default_locale '\(locale)' is not one of locales (\(settings.locales.joined(separator: ", ")))")
            }
        }
        if let node = fields["answer_threshold"]?.value, let value = reader.number(node, "answer_threshold", in: 0...1)
        {
            settings.answerThreshold = value
        }
        if let node = fields["ambiguity_margin"]?.value, let value = reader.number(node, "ambiguity_margin", in: 0...1)
        {
            settings.ambiguityMargin = value
        }
        if let node = fields["time_zone"]?.value, let zone = reader.string(node, "time_zone") {
            if TimeZone(identifier: zone) == nil {
                reader.report(
                    .invalidTimeZone, at: reader.location(node),
                    "unknown time zone '\(zone)'; use an IANA name such as Asia/Shanghai or Europe/Berlin")
            } else {
                settings.timeZone = zone
            }
        }
        if let node = fields["business_hours"]?.value, let hours = parseBusinessHours(node, reader: reader) {
            settings.businessHours = hours
        }
        if let node = fields["holidays"]?.value {
            settings.holidays = reader.strings(node, "holidays").compactMap { (text, item) -> CalendarDate? in
                guard let date = CalendarDate(text) else {
                    reader.report(.invalidDate, at: reader.location(item), "holiday '\(text)' is not a date YYYY-MM-DD")
                    return nil
                }
                return date
            }
        }
        if let node = fields["redact"]?.value, let value = reader.bool(node, "redact") {
            settings.redact = value
        }
        if let node = fields["lint"]?.value, let lint = reader.mapping(node, "lint", allowed: lintKeys) {
            if let node = lint["min_questions"]?.value,
                let value = reader.integer(node, "lint.min_questions", in: 1...1000)
            {
                settings.lint.minimumQuestions = value
            }
            if let node = lint["common_keyword_share"]?.value,
                let value = reader.number(node, "lint.common_keyword_share", in: 0.01...1)
            {
                settings.lint.commonKeywordShare = value
            }
        }
        return settings
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
}
