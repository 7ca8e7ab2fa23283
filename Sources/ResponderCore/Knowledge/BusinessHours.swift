import Foundation

/// Weekly opening hours: for each weekday, the intervals (minutes after midnight) when agents work.
public struct BusinessHours: Sendable, Equatable {
    /// Days of the week, ISO order.
    public enum Weekday: Int, Sendable, CaseIterable, Comparable {
        case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

        /// The three-letter key used in `settings.yaml`.
        public var key: String {
            ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue - 1]
        }

        public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Open intervals per day, sorted, each `start..<end` in minutes after midnight.
    public var intervals: [Weekday: [Range<Int>]]

    /// Creates opening hours.
    public init(intervals: [Weekday: [Range<Int>]]) {
        self.intervals = intervals
    }

    /// 09:00-18:00, Monday to Friday.
    public static let officeHours = BusinessHours(
        intervals: Dictionary(
            uniqueKeysWithValues: Weekday.allCases.filter { $0 <= .friday }.map { ($0, [540..<1080]) }))

    /// Parses a day key: `mon`, `mon-fri`, `sat,sun`; nil when it names no day.
    public static func days(from key: String) -> [Weekday]? {
        var days: [Weekday] = []
        for part in key.lowercased().split(separator: ",") {
            let ends = part.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            guard (1...2).contains(ends.count),
                let first = Weekday.allCases.first(where: { $0.key == ends[0] }),
                let last = Weekday.allCases.first(where: { $0.key == ends[ends.count - 1] }),
                first <= last
            else { return nil }
            days.append(contentsOf: Weekday.allCases.filter { $0 >= first && $0 <= last })
        }
        return days.isEmpty ? nil : days
    }

    /// Parses `HH:MM-HH:MM` (end may be `24:00`) into minutes; nil when malformed or empty.
    public static func interval(from text: String) -> Range<Int>? {
        let ends = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard ends.count == 2, let start = minutes(ends[0]), let end = minutes(ends[1]), start < end else { return nil }
        return start..<end
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
            (0...24).contains(hours), (0...59).contains(minutes), hours * 60 + minutes <= 1440
        else { return nil }
        return hours * 60 + minutes
    }
}
