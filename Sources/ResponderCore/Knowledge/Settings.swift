import Foundation

/// `settings.yaml`: how the engine decides, which languages the base serves, and when humans work.
public struct Settings: Sendable, Equatable {
    /// Locales the base serves, e.g. `["en", "zh"]`; the first is the default unless `defaultLocale` says otherwise.
    public var locales: [String]
    /// The locale used when a message's locale is unknown and for single-language answers.
    public var defaultLocale: String
    /// The lowest confidence at which the engine answers by itself.
    public var answerThreshold: Double
    /// When the runner-up's confidence is within this share of the top one's (0.1: within 10%) and
    /// the two together reach `answerThreshold`, the engine asks the customer to choose (clarify)
    /// instead of answering or escalating; 0 never clarifies.
    public var ambiguityMargin: Double
    /// The support desk's time zone (an IANA zone such as `Asia/Shanghai`, parsed once by the
    /// loader): business hours, holidays, report days and every time printed are in it.
    public var timeZone: TimeZone
    /// Weekly opening hours.
    public var businessHours: BusinessHours
    /// Dates (in `timeZone`) on which nobody works.
    public var holidays: [CalendarDate]
    /// Mask personal data (e-mail, phone, card and ID numbers) before anything is stored.
    public var redact: Bool
    /// Thresholds of `responder lint`'s rules.
    public var lint: LintSettings
    /// How conversations are threaded: clarification answers, handoffs, acknowledgements.
    public var conversation = ConversationSettings()
    /// What the desk aims for; the report shows each figure against its target.
    public var targets = ReportTargets()
    /// Where the file's values came from, by key, for diagnostics.
    public var locations: [String: SourceLocation]
    /// Keys given a value that was not taken (out of range, the wrong type, or the key misspelt),
    /// e.g. `answer_threshold` or `lint.min_questions`: their defaults stand in, and lint skips the
    /// checks that read them rather than report what the author did not ask for.
    var rejectedKeys: Set<String> = []

    /// Whether `key` (e.g. `lint.min_questions`), or the mapping it belongs to (`lint`), was
    /// given a value that was not taken.
    func isRejected(_ key: String) -> Bool {
        rejectedKeys.contains(key)
            || key.split(separator: ".").dropLast().contains { rejectedKeys.contains(String($0)) }
    }

    /// The defaults that apply when `settings.yaml` or one of its keys is missing.
    public static let defaults = Settings(
        locales: ["en"], defaultLocale: "en", answerThreshold: 0.5, ambiguityMargin: 0.02,
        timeZone: .gmt, businessHours: .officeHours, holidays: [], redact: true, lint: LintSettings(),
        locations: [:])
}

/// `lint:` in `settings.yaml`: the thresholds of the lint rules that are a matter of taste.
public struct LintSettings: Sendable, Equatable {
    /// An entry with fewer example questions than this is thin (`thin-entry`).
    public var minimumQuestions = 5
    /// A keyword found in more than this share of the entries carries no signal (`common-keyword`).
    public var commonKeywordShare = 0.25

    /// The defaults.
    public init() {}
}

/// A date without a time, `YYYY-MM-DD`.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Year, e.g. 2026.
    public let year: Int
    /// Month 1-12.
    public let month: Int
    /// Day 1-31.
    public let day: Int

    /// Parses `YYYY-MM-DD`, checking that the day exists; nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String {
        let pad: (Int) -> String = { $0 < 10 ? "0\($0)" : "\($0)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
