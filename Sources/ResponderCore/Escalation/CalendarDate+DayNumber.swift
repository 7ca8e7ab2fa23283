/// Integer civil-date arithmetic (proleptic Gregorian calendar) for the business calendar's hot path:
/// no Foundation `Calendar`, no allocation.
extension CalendarDate {
    /// Seconds in a civil day (time-zone offsets are added separately).
    static let secondsPerDay = 86_400

    /// Days since 1970-01-01 (negative before it).
    var dayNumber: Int { CalendarDate.dayNumber(year: year, month: month, day: day) }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9  // March = 0, so leap days come last
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The weekday of a day number, as an index 0 (Monday) to 6 (Sunday); 1970-01-01 was a Thursday.
    static func weekdayIndex(ofDayNumber dayNumber: Int) -> Int {
        floorMod(dayNumber + 3, 7)
    }

    /// The local day number that a count of local seconds since 1970-01-01 00:00 falls on.
    static func dayNumber(ofLocalSeconds seconds: Int) -> Int {
        floorDiv(seconds, secondsPerDay)
    }

    /// Division rounding towards negative infinity (for instants before 1970).
    static func floorDiv(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    /// The remainder that goes with `floorDiv`: always in `0..<divisor`.
    static func floorMod(_ value: Int, _ divisor: Int) -> Int {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
