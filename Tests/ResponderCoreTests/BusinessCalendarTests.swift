import Foundation
import Testing

@testable import ResponderCore

/// The instant an ISO-8601 string with an explicit offset names.
private func at(_ text: String) -> Date {
    guard let date = ISO8601DateFormatter().date(from: text) else { fatalError("bad ISO-8601 date \(text)") }
    return date
}

/// Opening hours from `settings.yaml`-style keys, e.g. `["mon-fri": ["09:00-12:00", "13:00-18:00"]]`.
private func hours(_ spec: [String: [String]]) -> BusinessHours {
    var intervals: [BusinessHours.Weekday: [Range<Int>]] = [:]
    for (days, texts) in spec {
        for day in BusinessHours.days(from: days)! {
            intervals[day, default: []] += texts.map { BusinessHours.interval(from: $0)! }
        }
    }
    return BusinessHours(intervals: intervals)
}

private func calendar(
    _ zone: String, _ spec: [String: [String]] = ["mon-fri": ["09:00-18:00"]], holidays: [String] = []
) -> BusinessCalendar {
    BusinessCalendar(timeZone: zone, hours: hours(spec), holidays: holidays.map { CalendarDate($0)! })!
}

extension BusinessCalendar {
    /// `due(after:businessSeconds:)` from an ISO-8601 start.
    fileprivate func due(_ start: String, _ seconds: Int) -> Date? { due(after: at(start), businessSeconds: seconds) }

    /// `businessSeconds(from:to:)` between ISO-8601 instants.
    fileprivate func seconds(_ from: String, _ to: String) -> Int { businessSeconds(from: at(from), to: at(to)) }

    /// `isOpen(at:)` of an ISO-8601 instant.
    fileprivate func isOpen(_ instant: String) -> Bool { isOpen(at: at(instant)) }
}

private let hour = 3600
private let everyDay = ["mon-sun": ["00:00-24:00"]]

@Suite("BusinessCalendar")
struct BusinessCalendarTests {
    let office = calendar("Asia/Shanghai")
    let lunch = calendar("Asia/Shanghai", ["mon-fri": ["09:00-12:00", "13:00-18:00"]])

    // MARK: due

    @Test func issueExampleFridayEveningIsDueMondayMorning() {
        #expect(office.due("2026-11-20T17:50:00+08:00", 1800) == at("2026-11-23T09:20:00+08:00"))
    }

    @Test func timeBeforeOpeningDoesNotCount() {
        #expect(office.due("2026-11-23T07:00:00+08:00", 1800) == at("2026-11-23T09:30:00+08:00"))
    }

    @Test func startingExactlyAtOpening() {
        let opening = at("2026-11-23T09:00:00+08:00")
        #expect(office.due(after: opening, businessSeconds: 1800) == at("2026-11-23T09:30:00+08:00"))
        #expect(office.due(after: opening, businessSeconds: 0) == opening)
        #expect(office.due("2026-11-23T08:59:59+08:00", 0) == opening)
    }

    @Test func lunchBreakDoesNotCount() {
        #expect(lunch.due("2026-11-23T11:45:00+08:00", 1800) == at("2026-11-23T13:15:00+08:00"))
        #expect(lunch.due("2026-11-23T12:30:00+08:00", 1800) == at("2026-11-23T13:30:00+08:00"))
        // Running out exactly when lunch starts answers the closing time, not the reopening.
        #expect(lunch.due("2026-11-23T11:30:00+08:00", 1800) == at("2026-11-23T12:00:00+08:00"))
        #expect(lunch.due("2026-11-23T12:00:00+08:00", 0) == at("2026-11-23T13:00:00+08:00"))
    }

    @Test func endingExactlyAtClosingAnswersTheClosingTime() {
        #expect(office.due("2026-11-23T17:30:00+08:00", 1800) == at("2026-11-23T18:00:00+08:00"))
        // Closing time itself is closed: nothing left to count answers the next opening.
        #expect(office.due("2026-11-23T18:00:00+08:00", 0) == at("2026-11-24T09:00:00+08:00"))
    }

    @Test func budgetsSpanningSeveralWorkingDays() {
        // One day of business time is 2 2/3 working days of nine hours.
        #expect(office.due("2026-11-23T09:00:00+08:00", 86_400) == at("2026-11-25T15:00:00+08:00"))
        #expect(office.due("2026-11-26T10:00:00+08:00", 86_400) == at("2026-11-30T16:00:00+08:00"))
        // A whole working week ends at Friday's closing time.
        #expect(office.due("2026-11-23T09:00:00+08:00", 5 * 9 * hour) == at("2026-11-27T18:00:00+08:00"))
    }

    @Test func weekendStartsCountFromMonday() {
        #expect(office.due("2026-11-21T10:00:00+08:00", hour) == at("2026-11-23T10:00:00+08:00"))
        #expect(office.due("2026-11-22T23:59:59+08:00", 60) == at("2026-11-23T09:01:00+08:00"))
    }

    @Test func holidayFridaySkipsToMonday() {
        let calendar = calendar("Asia/Shanghai", holidays: ["2026-11-20"])
        #expect(calendar.due("2026-11-19T17:30:00+08:00", hour) == at("2026-11-23T09:30:00+08:00"))
        #expect(!calendar.isOpen("2026-11-20T10:00:00+08:00"))
    }

    @Test func holidayMondayAfterTheWeekend() {
        let calendar = calendar("Asia/Shanghai", holidays: ["2026-11-23"])
        #expect(calendar.due("2026-11-20T17:50:00+08:00", 1800) == at("2026-11-24T09:20:00+08:00"))
    }

    @Test func saturdayOnlyShortHours() {
        let saturdays = calendar("Asia/Shanghai", ["sat": ["10:00-12:00"]])
        #expect(saturdays.due("2026-11-23T09:00:00+08:00", 3 * hour) == at("2026-12-05T11:00:00+08:00"))
        let withSaturday = calendar("Asia/Shanghai", ["mon-fri": ["09:00-18:00"], "sat": ["10:00-12:00"]])
        #expect(withSaturday.due("2026-11-20T17:30:00+08:00", hour) == at("2026-11-21T10:30:00+08:00"))
    }

    @Test func theSameInstantFallsDueDifferentlyByZone() {
        let message = at("2026-11-20T09:00:00Z")  // Friday 17:00 in Shanghai, 10:00 in Berlin
        #expect(office.due(after: message, businessSeconds: 2 * hour) == at("2026-11-23T10:00:00+08:00"))
        #expect(
            calendar("Europe/Berlin").due(after: message, businessSeconds: 2 * hour) == at("2026-11-20T12:00:00+01:00"))
    }

    @Test func adjacentIntervalsChainAcrossMidnight() {
        let calendar = calendar("UTC", ["mon-tue": ["00:00-24:00"]])
        #expect(calendar.due("2026-11-23T23:00:00Z", 2 * hour) == at("2026-11-24T01:00:00Z"))
        #expect(calendar.due("2026-11-23T23:00:00Z", hour) == at("2026-11-24T00:00:00Z"))
        #expect(calendar.due("2026-11-24T23:00:00Z", 2 * hour) == at("2026-11-30T01:00:00Z"))
    }

    @Test func overlappingAndUnsortedIntervalsAreJoined() {
        let hours = BusinessHours(intervals: [.monday: [600..<720, 540..<660, 720..<780, 1500..<1600]])
        let calendar = BusinessCalendar(timeZone: "UTC", hours: hours, holidays: [])!
        #expect(calendar.openings == [(540 * 60)..<(780 * 60)])
        #expect(calendar.seconds("2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z") == 4 * hour)
    }

    @Test func subsecondStartsAreKept() {
        let start = at("2026-11-23T10:00:00+08:00").addingTimeInterval(0.25)
        #expect(office.due(after: start, businessSeconds: 0) == start)
        #expect(office.due(after: start, businessSeconds: 60) == start.addingTimeInterval(60))
        #expect(office.businessSeconds(from: start, to: start.addingTimeInterval(1.5)) == 1)
    }

    @Test func negativeBudgetsCountAsZero() {
        #expect(office.due("2026-11-21T10:00:00+08:00", -5) == at("2026-11-23T09:00:00+08:00"))
    }

    // MARK: isOpen

    @Test func openingHoursIncludeOpeningAndExcludeClosing() {
        #expect(office.isOpen("2026-11-23T09:00:00+08:00"))
        #expect(office.isOpen("2026-11-23T17:59:59+08:00"))
        #expect(!office.isOpen("2026-11-23T08:59:59+08:00"))
        #expect(!office.isOpen("2026-11-23T18:00:00+08:00"))
        #expect(!office.isOpen("2026-11-21T12:00:00+08:00"))
        #expect(!lunch.isOpen("2026-11-23T12:30:00+08:00"))
        #expect(calendar("UTC", everyDay).isOpen("2026-11-23T00:00:00Z"))
    }

    // MARK: businessSeconds

    @Test func businessSecondsInsideOneInterval() {
        #expect(office.seconds("2026-11-23T10:00:00+08:00", "2026-11-23T11:30:00+08:00") == 5400)
    }

    @Test func businessSecondsAcrossANightAndAWeekend() {
        #expect(office.seconds("2026-11-23T17:00:00+08:00", "2026-11-24T10:00:00+08:00") == 2 * hour)
        #expect(office.seconds("2026-11-20T17:00:00+08:00", "2026-11-23T10:00:00+08:00") == 2 * hour)
        #expect(lunch.seconds("2026-11-23T11:00:00+08:00", "2026-11-23T14:00:00+08:00") == 2 * hour)
        #expect(office.seconds("2026-11-21T00:00:00+08:00", "2026-11-22T23:59:59+08:00") == 0)
        #expect(office.seconds("2026-11-01T00:00:00+08:00", "2026-12-01T00:00:00+08:00") == 21 * 9 * hour)
    }

    @Test func businessSecondsIsZeroUnlessToIsLater() {
        let instant = at("2026-11-23T10:00:00+08:00")
        #expect(office.businessSeconds(from: instant, to: instant) == 0)
        #expect(office.businessSeconds(from: instant, to: instant.addingTimeInterval(-3600)) == 0)
    }

    @Test(arguments: [
        calendar("Asia/Shanghai", ["mon-fri": ["09:00-12:00", "13:00-18:00"]], holidays: ["2026-03-11"]),
        calendar("Asia/Shanghai", ["sat": ["10:00-12:00"]]),
        calendar("Europe/Berlin", ["mon-fri": ["08:00-20:00"], "sun": ["01:30-02:30"]]),
        calendar("America/New_York", everyDay),
        calendar("America/New_York", ["mon-fri": ["09:00-17:00"], "sun": ["01:00-04:00"], "sat": ["02:30-24:00"]]),
    ])
    func businessSecondsOfTheDueTimeIsTheBudget(calendar: BusinessCalendar) throws {
        // Starts every 37 minutes from 2026-03-01 over three weeks, across the March transitions of both zones.
        let first = at("2026-03-01T00:00:00Z")
        for step in 0..<(21 * 24 * 60 / 37) {
            let start = first.addingTimeInterval(TimeInterval(step * 37 * 60))
            for budget in [0, 1, 59, 1800, 5 * hour, 9 * hour, 86_400, 200_000] {
                let due = try #require(calendar.due(after: start, businessSeconds: budget))
                #expect(due >= start)
                #expect(calendar.businessSeconds(from: start, to: due) == budget, "start \(start), budget \(budget)")
                if budget == 0 {
                    #expect(calendar.isOpen(at: due))
                    #expect((due == start) == calendar.isOpen(at: start))
                } else {
                    #expect(calendar.isOpen(at: due.addingTimeInterval(-1)))
                }
            }
        }
    }

    /// Checks every minute of two weeks around Berlin's spring-forward against Foundation's `Calendar`.
    @Test func agreesMinuteByMinuteWithFoundation() {
        let berlin = calendar(
            "Europe/Berlin", ["mon-fri": ["09:00-12:00", "13:00-18:00"], "sat": ["10:00-14:00"]],
            holidays: ["2026-04-03"])
        var reference = Calendar(identifier: .gregorian)
        reference.timeZone = TimeZone(identifier: "Europe/Berlin")!
        let first = at("2026-03-22T00:00:00+01:00")
        var expectedTotal = 0
        for minute in 0..<(14 * 24 * 60) {
            let instant = first.addingTimeInterval(TimeInterval(minute * 60))
            let parts = reference.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: instant)
            let clock = parts.hour! * 60 + parts.minute!
            let open: Bool
            switch parts.weekday! {
            case 2...6: open = (540..<720).contains(clock) || (780..<1080).contains(clock)
            case 7: open = (600..<840).contains(clock)
            default: open = false
            }
            let expected = open && !(parts.month == 4 && parts.day == 3)
            #expect(berlin.isOpen(at: instant) == expected, "\(instant)")
            if expected { expectedTotal += 60 }
            if minute % 997 == 0 {
                #expect(berlin.businessSeconds(from: first, to: instant.addingTimeInterval(60)) == expectedTotal)
            }
        }
    }

    // MARK: Daylight saving time

    @Test func springForwardAndFallBackDaysInNewYork() {
        let newYork = calendar("America/New_York", everyDay)
        #expect(newYork.seconds("2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00") == 23 * hour)
        #expect(newYork.seconds("2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00") == 25 * hour)
        #expect(newYork.due("2026-03-08T00:00:00-05:00", 23 * hour) == at("2026-03-09T00:00:00-04:00"))
        #expect(newYork.due("2026-11-01T00:00:00-04:00", 25 * hour) == at("2026-11-02T00:00:00-05:00"))
        // Only Sundays open: the day's own interval is 23 or 25 real hours long.
        let sundays = calendar("America/New_York", ["sun": ["00:00-24:00"]])
        #expect(sundays.seconds("2026-03-02T00:00:00-05:00", "2026-03-16T00:00:00-04:00") == 47 * hour)
        #expect(sundays.seconds("2026-10-26T00:00:00-04:00", "2026-11-09T00:00:00-05:00") == 49 * hour)
    }

    @Test func daysAfterAClosedTransitionDayStartAtTheirOwnMidnight() {
        let mondays = calendar("America/New_York", ["mon": ["00:00-24:00"]])
        #expect(mondays.due("2026-03-07T12:00:00-05:00", 0) == at("2026-03-09T00:00:00-04:00"))
        #expect(mondays.due("2026-10-31T12:00:00-04:00", 0) == at("2026-11-02T00:00:00-05:00"))
        #expect(mondays.seconds("2026-03-06T00:00:00-05:00", "2026-03-10T12:00:00-04:00") == 24 * hour)
    }

    @Test func berlinOfficeAcrossTheLastSundayOfMarch() {
        let berlin = calendar("Europe/Berlin")
        #expect(berlin.due("2026-03-27T17:00:00+01:00", 2 * hour) == at("2026-03-30T10:00:00+02:00"))
        #expect(berlin.seconds("2026-03-27T09:00:00+01:00", "2026-03-30T18:00:00+02:00") == 18 * hour)
        #expect(berlin.isOpen("2026-03-30T07:00:00Z"))  // 09:00 CEST
        #expect(!berlin.isOpen("2026-03-30T16:30:00Z"))  // 18:30 CEST, 17:30 in winter time
        #expect(berlin.due("2026-10-23T17:00:00+02:00", 2 * hour) == at("2026-10-26T10:00:00+01:00"))
    }

    @Test func intervalsTouchingTheSpringForwardGap() {
        // 02:00-03:00 does not exist on 2026-03-08 in New York: a time in the gap means 03:00 EDT.
        let across = calendar("America/New_York", ["sun": ["01:00-04:00"]])
        #expect(across.seconds("2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00") == 2 * hour)
        #expect(across.due("2026-03-08T01:30:00-05:00", hour) == at("2026-03-08T03:30:00-04:00"))
        #expect(across.isOpen("2026-03-08T01:59:59-05:00"))
        #expect(across.isOpen("2026-03-08T03:00:00-04:00"))

        let startsInGap = calendar("America/New_York", ["sun": ["02:30-04:00"]])
        #expect(startsInGap.due("2026-03-08T00:00:00-05:00", 0) == at("2026-03-08T03:00:00-04:00"))
        #expect(startsInGap.seconds("2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00") == hour)
        #expect(!startsInGap.isOpen("2026-03-08T06:59:59Z"))

        let endsInGap = calendar("America/New_York", ["sun": ["00:00-02:30"]])
        #expect(endsInGap.seconds("2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00") == 2 * hour)
        #expect(endsInGap.due("2026-03-08T01:00:00-05:00", hour) == at("2026-03-08T03:00:00-04:00"))

        let insideGap = calendar("America/New_York", ["sun": ["02:00-03:00"]])
        #expect(insideGap.seconds("2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00") == 0)
        #expect(insideGap.due("2026-03-08T00:00:00-05:00", 0) == at("2026-03-15T02:00:00-04:00"))
    }

    @Test func repeatedFallBackTimesMeanTheirFirstOccurrence() {
        let day = (from: at("2026-11-01T00:00:00-04:00"), to: at("2026-11-02T00:00:00-05:00"))
        let closesInOverlap = calendar("America/New_York", ["sun": ["00:00-01:30"]])
        #expect(closesInOverlap.businessSeconds(from: day.from, to: day.to) == 3 * hour / 2)
        #expect(closesInOverlap.isOpen("2026-11-01T01:15:00-04:00"))
        #expect(!closesInOverlap.isOpen("2026-11-01T01:15:00-05:00"))
        let coversOverlap = calendar("America/New_York", ["sun": ["01:00-02:00"]])
        #expect(coversOverlap.businessSeconds(from: day.from, to: day.to) == 2 * hour)
        #expect(coversOverlap.isOpen("2026-11-01T01:15:00-05:00"))
        #expect(coversOverlap.due(after: day.from, businessSeconds: 0) == at("2026-11-01T01:00:00-04:00"))
    }

    @Test func offsetsAgreeWithFoundation() {
        let zones = ["Asia/Shanghai", "UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Tehran"]
        for zone in zones {
            let calendar = calendar(zone)
            let foundation = TimeZone(identifier: zone)!
            for instant in stride(from: 1_704_067_200, to: 1_893_456_000, by: 6 * hour + 7) {  // 2024 to 2030
                let expected = foundation.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
                #expect(calendar.offset(at: instant) == expected, "\(zone) at \(instant)")
            }
        }
        #expect(calendar("Asia/Shanghai").fixedOffset == 8 * hour)
        #expect(calendar("America/New_York").fixedOffset == nil)
    }

    // MARK: Degenerate calendars

    @Test func alwaysClosedCalendar() {
        for hours in [BusinessHours(intervals: [:]), BusinessHours(intervals: [.monday: []])] {
            let closed = BusinessCalendar(timeZone: "Asia/Shanghai", hours: hours, holidays: [])!
            #expect(closed.isAlwaysClosed)
            #expect(closed.due("2026-11-23T10:00:00+08:00", 60) == nil)
            #expect(closed.seconds("2026-11-23T00:00:00+08:00", "2026-12-23T00:00:00+08:00") == 0)
            #expect(!closed.isOpen("2026-11-23T10:00:00+08:00"))
        }
        #expect(!office.isAlwaysClosed)
    }

    @Test func calendarOfOnlyHolidaysGivesUp() {
        // Open on Mondays only, and every Monday for six years is a holiday.
        var holidays: [String] = []
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        for week in 0..<(6 * 53) {
            let monday = gregorian.date(byAdding: .day, value: 7 * week, to: at("2026-11-23T00:00:00Z"))!
            let parts = gregorian.dateComponents([.year, .month, .day], from: monday)
            holidays.append(String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!))
        }
        let calendar = calendar("UTC", ["mon": ["09:00-18:00"]], holidays: holidays)
        #expect(!calendar.isAlwaysClosed)
        #expect(calendar.due("2026-11-20T10:00:00Z", 60) == nil)
        #expect(calendar.seconds("2026-11-20T10:00:00Z", "2030-11-20T10:00:00Z") == 0)
    }

    @Test func budgetsBeyondTheSearchHorizonGiveNil() {
        let always = calendar("UTC", everyDay)
        #expect(always.due("2026-11-23T10:00:00Z", 4 * 365 * 86_400) == at("2030-11-22T10:00:00Z"))
        #expect(always.due("2026-11-23T10:00:00Z", 10 * 365 * 86_400) == nil)
        #expect(always.due("2026-11-23T10:00:00Z", .max) == nil)
    }

    @Test func unknownZonesAreRejected() {
        #expect(BusinessCalendar(timeZone: "Mars/Olympus_Mons", hours: .officeHours, holidays: []) == nil)
        #expect(BusinessCalendar(timeZone: "", hours: .officeHours, holidays: []) == nil)
    }

    @Test func settingsSupplyZoneHoursAndHolidays() {
        var settings = Settings.defaults
        settings.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        settings.holidays = [CalendarDate("2026-11-23")!]
        let fromSettings = BusinessCalendar(settings: settings)
        #expect(fromSettings.due("2026-11-20T17:50:00+08:00", 1800) == at("2026-11-24T09:20:00+08:00"))
        settings.timeZone = .gmt
        let utc = BusinessCalendar(settings: settings)
        #expect(utc.due("2026-11-20T08:00:00Z", 0) == at("2026-11-20T09:00:00Z"))
    }

    // MARK: Civil dates

    @Test func dayNumbersAndWeekdays() {
        #expect(CalendarDate("1970-01-01")!.dayNumber == 0)
        #expect(CalendarDate("1969-12-31")!.dayNumber == -1)
        #expect(CalendarDate("2000-03-01")!.dayNumber == 11_017)
        #expect(CalendarDate.weekdayIndex(ofDayNumber: 0) == 3)  // Thursday
        #expect(CalendarDate.weekdayIndex(ofDayNumber: -1) == 2)  // Wednesday
        #expect(CalendarDate.weekdayIndex(ofDayNumber: CalendarDate("2026-11-23")!.dayNumber) == 0)  // Monday
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        for day in stride(from: -25_567, to: 47_482, by: 97) {  // 1900 to 2100
            let date = Date(timeIntervalSince1970: TimeInterval(day * 86_400))
            let parts = gregorian.dateComponents([.year, .month, .day, .weekday], from: date)
            #expect(CalendarDate.dayNumber(year: parts.year!, month: parts.month!, day: parts.day!) == day)
            #expect(CalendarDate.weekdayIndex(ofDayNumber: day) == (parts.weekday! + 5) % 7)
        }
    }
}

@Suite("Business-day targets (first_response: 1bd)")
struct BusinessDayTargetTests {
    private let shanghai = calendar(
        "Asia/Shanghai", ["mon-fri": ["09:00-12:00", "13:00-18:00"]], holidays: ["2026-11-24"])

    private func due(_ start: String, days: Int = 1) -> Date? {
        shanghai.due(after: at(start), target: .businessDays(days))
    }

    @Test("1bd is the next business day at the same time of day")
    func nextBusinessDaySameTime() {
        // Friday 2026-11-20 10:00 -> Monday 10:00.
        #expect(due("2026-11-20T10:00:00+08:00") == at("2026-11-23T10:00:00+08:00"))
        // Saturday: the next business day is Monday.
        #expect(due("2026-11-21T11:30:00+08:00") == at("2026-11-23T11:30:00+08:00"))
        // Monday -> Wednesday: Tuesday 24th is a holiday.
        #expect(due("2026-11-23T15:00:00+08:00") == at("2026-11-25T15:00:00+08:00"))
        #expect(due("2026-11-23T15:00:00+08:00", days: 2) == at("2026-11-26T15:00:00+08:00"))
    }

    @Test("A time outside that day's hours is brought into them")
    func broughtIntoOpeningHours() {
        #expect(due("2026-11-25T07:00:00+08:00") == at("2026-11-26T09:00:00+08:00"), "before opening")
        #expect(due("2026-11-25T12:30:00+08:00") == at("2026-11-26T13:00:00+08:00"), "in the lunch break")
        #expect(due("2026-11-25T20:00:00+08:00") == at("2026-11-26T18:00:00+08:00"), "after closing")
    }

    @Test("first_response reads 1bd as business days and 1d as 24 business hours")
    func parsing() {
        #expect(ResponseTarget("1bd") == .businessDays(1))
        #expect(ResponseTarget("3bd") == .businessDays(3))
        #expect(ResponseTarget("1d") == .businessTime(seconds: 86_400))
        #expect(ResponseTarget("1h30m") == .businessTime(seconds: 5_400))
        for bad in ["0bd", "bd", "1.5bd", "1 bd", "-1bd", "1b", "x"] { #expect(ResponseTarget(bad) == nil, "\(bad)") }
    }

    @Test("A calendar that never opens has no business-day due time")
    func neverOpen() {
        let closed = BusinessCalendar(timeZone: "UTC", hours: BusinessHours(intervals: [:]), holidays: [])!
        #expect(closed.due(after: at("2026-11-20T10:00:00Z"), target: .businessDays(1)) == nil)
    }
}
