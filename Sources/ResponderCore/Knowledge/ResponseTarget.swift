import Foundation

/// A group's first-response target (`first_response:` in groups.yaml), counted in business time.
public enum ResponseTarget: Sendable, Equatable, CustomStringConvertible {
    /// Seconds of business time: `30m`, `4h`, `1h30m`. A day is 24 hours of business time, so
    /// `1d` with 9-hour business days is about two and a half working days.
    case businessTime(seconds: Int)
    /// Business days: `1bd` is the next business day at the same time of day (brought into
    /// that day's opening hours), what a support lead usually means by "next business day".
    case businessDays(Int)

    /// Reads `30m`, `4h`, `1d`, `1h30m` or `2bd`; nil for anything else (or zero).
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("bd") {
            let digits = trimmed.dropLast(2)
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let days = Int(digits),
                days > 0
            else { return nil }
            self = .businessDays(days)
        } else if let seconds = DurationParser.seconds(trimmed) {
            self = .businessTime(seconds: seconds)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .businessTime(let seconds): "\(seconds)s"
        case .businessDays(let days): "\(days)bd"
        }
    }
}
