import Foundation
import ResponderCore

/// Instants as commands and the protocol print and read them.
public enum Timestamp {
    /// ISO 8601 with the offset of `timeZone`: `2026-11-23T09:20:00+08:00`.
    public static func format(_ date: Date, in timeZone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Parses ISO 8601 with an offset or `Z`, with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

extension Timestamp {
    /// The start of `date` in `timeZone` (with `next`, of the day after): how `--from`/`--to`
    /// dates are read. Nil when the day does not exist there.
    public static func startOfDay(_ date: CalendarDate, in timeZone: TimeZone, next: Bool) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day + (next ? 1 : 0)))
    }
}
