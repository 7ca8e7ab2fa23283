import Foundation

/// Business-hours arithmetic in the support desk's time zone: when an SLA falls due, and how much
/// business time passed between two instants.
///
/// Opening intervals are local wall-clock times per weekday; holidays (local dates) are closed all day.
/// Durations are real elapsed seconds, so a 00:00-24:00 day lasts 23 hours on a spring-forward day and
/// 25 on a fall-back day. A wall-clock opening or closing time means the first instant at which the
/// local clock reads that time or later:
/// - a time inside a spring-forward gap is the end of the gap (02:30 on 2026-03-08 in New York is
///   03:00 EDT), so an interval lying wholly inside the gap is empty that day;
/// - a time that a fall-back repeats is its first occurrence (01:30 on 2026-11-01 in New York is
///   01:30 EDT): 00:00-01:30 closes at 01:30 EDT, while 01:00-02:00 lasts two real hours that night.
///
/// Instants are handled to the millisecond. Local-time conversion assumes that a zone changes its UTC
/// offset at most once within any two days, as every zone's rules have done for many decades.
///
/// `Sendable` because it is immutable: a `TimeZone` (itself `Sendable`) and arrays of integers.
public struct BusinessCalendar: Sendable {
    /// The zone of the opening hours.
    let zone: TimeZone
    /// Every weekday's merged opening intervals in seconds after local midnight, Monday's first.
    let openings: [Range<Int>]
    /// Where each weekday's intervals start in `openings`, indexed 0 (Monday) to 7 (the end).
    let weekdayStarts: [Int]
    /// Holidays as day numbers (days since 1970-01-01).
    let holidays: Set<Int>
    /// The zone's UTC offset from `fixedSince` on, when it has no transition after that instant: then
    /// conversions need no `TimeZone` call at all (Asia/Shanghai, UTC).
    let fixedOffset: Int?

    /// 2025-01-01T00:00:00Z, after which many zones have a fixed offset.
    static let fixedSince = 1_735_689_600
    /// How many days `due` looks ahead before it gives up (a calendar whose open days are all holidays).
    static let searchDays = 5 * 366

    /// nil when `timeZone` is not a known IANA zone.
    public init?(timeZone: String, hours: BusinessHours, holidays: [CalendarDate]) {
        guard let zone = TimeZone(identifier: timeZone) else { return nil }
        self.init(zone: zone, hours: hours, holidays: holidays)
    }

    /// From a loaded base's settings.
    public init(settings: Settings) {
        self.init(zone: settings.timeZone, hours: settings.businessHours, holidays: settings.holidays)
    }

    /// Builds the calendar; intervals are clamped to 00:00-24:00, and overlapping or touching ones joined.
    init(zone: TimeZone, hours: BusinessHours, holidays: [CalendarDate]) {
        self.zone = zone
        var openings: [Range<Int>] = []
        var weekdayStarts = [0]
        for weekday in BusinessHours.Weekday.allCases {
            openings += Self.merged(hours.intervals[weekday] ?? [])
            weekdayStarts.append(openings.count)
        }
        self.openings = openings
        self.weekdayStarts = weekdayStarts
        self.holidays = Set(holidays.map(\.dayNumber))
        let since = Date(timeIntervalSince1970: TimeInterval(Self.fixedSince))
        fixedOffset = zone.nextDaylightSavingTimeTransition(after: since) == nil ? zone.secondsFromGMT(for: since) : nil
    }

    /// True when no weekday has any opening interval (then `due` returns nil).
    public var isAlwaysClosed: Bool { openings.isEmpty }

    /// The instant when `seconds` of business time have elapsed after `start`. Time before the next opening
    /// does not count (a message at 17:50 Friday with 30 minutes and Mon-Fri 09:00-18:00 is due 09:20 Monday).
    /// If the budget runs out exactly at a closing time, that closing time is the answer
    /// (17:30 + 30m = 18:00 the same day).
    /// `seconds == 0` returns `start` if open, else the next opening. nil when the calendar is always closed.
    ///
    /// Negative `seconds` count as 0. Also nil when the budget does not run out within about five years
    /// (a calendar whose open days are all holidays).
    public func due(after start: Date, businessSeconds seconds: Int) -> Date? {
        guard !isAlwaysClosed else { return nil }
        let begin = Self.milliseconds(start)
        // Clamped (against overflow) to more than the walk below can cover, so a larger budget still gives nil.
        var remaining = min(max(seconds, 0), (Self.searchDays + 2) * CalendarDate.secondsPerDay) * 1000
        var walker = OpeningWalker(
            self, from: CalendarDate.floorDiv(begin, 1000), until: .max, days: Self.searchDays)
        while let range = walker.next() {
            let low = max(range.lowerBound * 1000, begin)
            let high = range.upperBound * 1000
            guard high > low else { continue }
            if remaining <= high - low {
                let end = low + remaining
                return end == begin ? start : Self.date(milliseconds: end)
            }
            remaining -= high - low
        }
        return nil
    }

    /// When a first response with `target` falls due for a message received at `start`.
    public func due(after start: Date, target: ResponseTarget) -> Date? {
        switch target {
        case .businessTime(let seconds): due(after: start, businessSeconds: seconds)
        case .businessDays(let days): due(after: start, businessDays: days)
        }
    }

    /// `days` business days after `start`, at the same local time of day: the `days`-th open day
    /// after `start`'s local day, at that time brought into the day's opening hours (before
    /// opening: the opening; in a break: the end of the break; after closing: the closing). A
    /// message on Friday at 10:00 with `1` is due Monday 10:00; one on Saturday, Monday at the
    /// same time; one on Tuesday at 20:00 (after an 18:00 close), Wednesday at 18:00. nil when the
    /// calendar is always closed or no such day comes within about five years.
    public func due(after start: Date, businessDays days: Int) -> Date? {
        guard !isAlwaysClosed, days > 0 else { return days > 0 ? nil : start }
        let instant = CalendarDate.floorDiv(Self.milliseconds(start), 1000)
        let local = instant + offset(at: instant)
        var day = CalendarDate.floorDiv(local, CalendarDate.secondsPerDay)
        let timeOfDay = local - day * CalendarDate.secondsPerDay
        let lastDay = day + Self.searchDays
        for _ in 0..<days {
            guard let next = openDay(after: day, through: lastDay) else { return nil }
            day = next
        }
        let weekday = CalendarDate.weekdayIndex(ofDayNumber: day)
        let intervals = openings[weekdayStarts[weekday]..<weekdayStarts[weekday + 1]]
        var second = intervals.last?.upperBound ?? timeOfDay
        if let interval = intervals.first(where: { $0.upperBound > timeOfDay }) {
            second = max(interval.lowerBound, timeOfDay)
        }
        return Date(
            timeIntervalSince1970: TimeInterval(firstInstant(atLocal: day * CalendarDate.secondsPerDay + second)))
    }

    /// Seconds of business time in [from, to); 0 when to <= from.
    ///
    /// Rounded down to whole seconds; the time is counted to the millisecond.
    public func businessSeconds(from: Date, to: Date) -> Int {
        let begin = Self.milliseconds(from)
        let end = Self.milliseconds(to)
        guard end > begin, !isAlwaysClosed else { return 0 }
        var walker = OpeningWalker(
            self, from: CalendarDate.floorDiv(begin, 1000), until: CalendarDate.floorDiv(end, 1000) + 1, days: nil)
        var total = 0
        while let range = walker.next() {
            let low = max(range.lowerBound * 1000, begin)
            let high = min(range.upperBound * 1000, end)
            if high > low { total += high - low }
        }
        return total / 1000
    }

    /// Whether `instant` falls within opening hours.
    public func isOpen(at instant: Date) -> Bool {
        guard !isAlwaysClosed else { return false }
        let moment = Self.milliseconds(instant)
        let second = CalendarDate.floorDiv(moment, 1000)
        var walker = OpeningWalker(self, from: second, until: second + 1, days: 2)
        while let range = walker.next() {
            // Ranges come in order, so once one starts later, none holds the instant.
            if range.lowerBound * 1000 > moment { return false }
            if moment < range.upperBound * 1000 { return true }
        }
        return false
    }
}

extension BusinessCalendar {
    /// Clamps minute intervals to one day, joins overlapping or touching ones, and converts them to seconds.
    static func merged(_ intervals: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for interval in intervals.map({ $0.clamped(to: 0..<1440) }).filter({ !$0.isEmpty })
            .sorted(by: { $0.lowerBound < $1.lowerBound })
        {
            if let last = merged.last, interval.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, interval.upperBound)
            } else {
                merged.append(interval)
            }
        }
        return merged.map { ($0.lowerBound * 60)..<($0.upperBound * 60) }
    }

    /// Whether the local day `dayNumber` has opening hours and is not a holiday.
    func isOpen(day dayNumber: Int) -> Bool {
        let weekday = CalendarDate.weekdayIndex(ofDayNumber: dayNumber)
        return weekdayStarts[weekday + 1] > weekdayStarts[weekday] && !holidays.contains(dayNumber)
    }

    /// The first open day after `dayNumber` and not after `lastDay`, if any.
    func openDay(after dayNumber: Int, through lastDay: Int) -> Int? {
        var candidate = dayNumber + 1
        while candidate <= lastDay {
            if isOpen(day: candidate) { return candidate }
            candidate += 1
        }
        return nil
    }

    /// The zone's UTC offset in seconds at `instant` (seconds since 1970).
    func offset(at instant: Int) -> Int {
        if let fixedOffset, instant >= Self.fixedSince { return fixedOffset }
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
    }

    /// The first instant at which the local clock reads `local` (seconds since 1970-01-01 00:00 local
    /// time) or later: the end of a spring-forward gap for a time inside it, the first occurrence of a
    /// time that a fall-back repeats.
    func firstInstant(atLocal local: Int) -> Int {
        let day = CalendarDate.secondsPerDay
        // The offsets in force well before and well after the instant (offsets span -12 h to +14 h).
        let before = offset(at: local - day)
        let after = offset(at: local + day)
        if before == after { return local - before }
        let early = local - before
        let late = local - after
        switch (offset(at: early) == before, offset(at: late) == after) {
        case (true, true): return min(early, late)  // a fall-back repeats the time: its first occurrence
        case (true, false): return early
        case (false, true): return late
        case (false, false):
            // A spring-forward gap: find the transition, the first instant whose local time is later.
            var low = min(early, late)
            var high = max(early, late)
            while high - low > 1 {
                let middle = low + (high - low) / 2
                if middle + offset(at: middle) >= local { high = middle } else { low = middle }
            }
            return high
        }
    }

    /// `date` in whole milliseconds since 1970.
    static func milliseconds(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The date `milliseconds` after 1970.
    static func date(milliseconds: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
}

/// Yields a calendar's opening ranges as instants (seconds since 1970), in order, one local day at a
/// time from the local day that contains a start instant; ranges of that first day may lie before it.
///
/// Asks the zone for its offset about once per open day: a day whose offset is the same at both of its
/// midnights maps wall-clock times by plain subtraction; only transition days take `firstInstant`.
private struct OpeningWalker {
    private let calendar: BusinessCalendar
    /// It enters no day that starts at or after this instant...
    private let until: Int
    /// ...nor any day after this one.
    private let lastDay: Int
    private var day: Int
    /// The first instant of `day`, its UTC offset, and whether that offset holds all day.
    private var dayStart = 0
    private var offset: Int
    private var uniform = true
    /// The first instant of the next day and its UTC offset; `entered` says whether they are known.
    private var dayEnd = 0
    private var endOffset: Int
    private var entered = false
    /// The next and end positions of `day`'s intervals in `calendar.openings`.
    private var index = 0
    private var endIndex = 0

    /// Starts on the local day of `instant`; `days` bounds how many days after it are visited (nil: no bound).
    init(_ calendar: BusinessCalendar, from instant: Int, until: Int, days: Int?) {
        self.calendar = calendar
        self.until = until
        let offset = calendar.offset(at: instant)
        let today = CalendarDate.dayNumber(ofLocalSeconds: instant + offset)
        day = today
        lastDay = days.map { today + $0 } ?? .max
        self.offset = offset
        endOffset = offset
        guard calendar.isOpen(day: today) else { return }
        let midnight = today * CalendarDate.secondsPerDay - offset
        // `instant` is less than two days after a day before `midnight`: the same offset at both means
        // none changed in between, so the clock first reads today's midnight at `midnight`.
        if calendar.offset(at: midnight - CalendarDate.secondsPerDay) == offset {
            enter(today, start: midnight, offset: offset)
        } else {
            let start = calendar.firstInstant(atLocal: today * CalendarDate.secondsPerDay)
            enter(today, start: start, offset: calendar.offset(at: start))
        }
    }

    /// The next opening range, or nil past `until` or `lastDay`.
    mutating func next() -> Range<Int>? {
        while index == endIndex {
            guard advance() else { return nil }
        }
        let interval = calendar.openings[index]
        index += 1
        let low = instant(interval.lowerBound)
        return low..<max(low, instant(interval.upperBound))
    }

    /// The instant of `seconds` after local midnight on `day`.
    private func instant(_ seconds: Int) -> Int {
        let local = day * CalendarDate.secondsPerDay + seconds
        if uniform { return max(dayStart, local - offset) }  // `dayStart` is later when midnight is in a gap
        if seconds == 0 { return dayStart }
        if seconds == CalendarDate.secondsPerDay { return dayEnd }
        return max(dayStart, calendar.firstInstant(atLocal: local))
    }

    /// Moves to the next open day; false when there is none before the limits.
    private mutating func advance() -> Bool {
        guard let target = calendar.openDay(after: day, through: lastDay) else { return false }
        if entered && target == day + 1 {
            guard dayEnd < until else { return false }
            enter(target, start: dayEnd, offset: endOffset)
            return true
        }
        // Skipping closed days: guess midnight with the last known offset; it holds when the offset is
        // the same there and a day earlier (so no fall-back just before makes midnight occur earlier).
        let local = target * CalendarDate.secondsPerDay
        let guess = local - endOffset
        var start = guess
        var startOffset = endOffset
        if calendar.offset(at: guess) != endOffset
            || calendar.offset(at: guess - CalendarDate.secondsPerDay) != endOffset
        {
            start = calendar.firstInstant(atLocal: local)
            startOffset = calendar.offset(at: start)
        }
        guard start < until else { return false }
        enter(target, start: start, offset: startOffset)
        return true
    }

    /// Makes `target` (an open day) the current day, starting at `start`, and finds where it ends.
    private mutating func enter(_ target: Int, start: Int, offset: Int) {
        day = target
        dayStart = start
        self.offset = offset
        entered = true
        let nextMidnight = (target + 1) * CalendarDate.secondsPerDay
        let guess = nextMidnight - offset
        let offsetAtGuess = calendar.offset(at: guess)
        uniform = offsetAtGuess == offset
        if uniform {
            dayEnd = guess
            endOffset = offset
        } else {
            dayEnd = calendar.firstInstant(atLocal: nextMidnight)
            endOffset = calendar.offset(at: dayEnd)
        }
        let weekday = CalendarDate.weekdayIndex(ofDayNumber: target)
        index = calendar.weekdayStarts[weekday]
        endIndex = calendar.weekdayStarts[weekday + 1]
    }
}
