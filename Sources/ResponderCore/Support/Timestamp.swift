import Foundation

/// Instants as the whole program prints and reads them: commands, the protocol, the REPL, logs
/// and the store's error messages all go through this one formatter.
public enum Timestamp {
    /// ISO 8601 to the second with the offset of `timeZone`: `2026-11-23T09:20:00+08:00`, or
    /// `...Z` when the offset is zero.
    public static func format(_ date: Date, in timeZone: TimeZone) -> String {
        format(date, in: timeZone, separator: "T", offset: true)
    }

    /// The local date and time of `date` in `timeZone`, `separator` between them, with the
    /// offset (as `format`) or without it: `2026-11-23 09:20:00` is how spreadsheets read a time.
    public static func format(_ date: Date, in timeZone: TimeZone, separator: String, offset withOffset: Bool)
        -> String
    {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let offset = timeZone.secondsFromGMT(for: date)
        let local = seconds + offset
        let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let secondOfDay = local - days * 86400
        let (year, month, day) = civil(fromDays: days)
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))\(separator)"
        text += "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if !withOffset { return text }
        if offset == 0 { return text + "Z" }
        let minutes = abs(offset) / 60
        return text + (offset < 0 ? "-" : "+") + "\(pad(minutes / 60, 2)):\(pad(minutes % 60, 2))"
    }

    /// Year, month and day of a count of days since 1970-01-01 (proleptic Gregorian).
    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Parses ISO 8601 with an offset or `Z`, with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        (try? withFraction.parse(text)) ?? (try? wholeSeconds.parse(text))
    }

    private static let wholeSeconds = Date.ISO8601FormatStyle()
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
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

extension Timestamp {
    /// A report period's end as written: an ISO 8601 time exactly, or a date `YYYY-MM-DD` in
    /// `timeZone` meaning the start of that day (with `endOfDay`, of the next, so that the day
    /// is included). Nil for anything else.
    public static func periodBound(_ text: String, endOfDay: Bool, in timeZone: TimeZone) -> Date? {
        if let time = parse(text) { return time }
        return CalendarDate(text).flatMap { startOfDay($0, in: timeZone, next: endOfDay) }
    }
}
