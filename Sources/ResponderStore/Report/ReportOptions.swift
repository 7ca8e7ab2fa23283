import Foundation
import ResponderCore

/// What a report covers and how it counts.
public struct ReportOptions: Sendable {
    /// Messages received from this instant on; nil from the start.
    public var from: Date?
    /// Messages received before this instant; nil to the end.
    public var to: Date?
    /// Business hours, for business-time first responses.
    public var calendar: BusinessCalendar
    /// Upper bounds (inclusive, seconds, ascending) of the first-response buckets; one more,
    /// open-ended bucket follows the last.
    public var bucketBounds: [Int]
    /// Group ids in the order to list them (groups.yaml's); others follow by name.
    public var groupOrder: [String]
    /// "Now", for deciding whether an unanswered work order is already past its SLA.
    public var now: Date

    /// The seed buckets: within a minute, one to five minutes, longer.
    public static let standardBucketBounds = [60, 300]

    /// Creates options.
    public init(
        from: Date? = nil, to: Date? = nil, calendar: BusinessCalendar, bucketBounds: [Int] = standardBucketBounds,
        groupOrder: [String] = [], now: Date = Date()
    ) {
        self.from = from
        self.to = to
        self.calendar = calendar
        self.bucketBounds = bucketBounds
        self.groupOrder = groupOrder
        self.now = now
    }

    /// The bounds in `text`, ascending durations separated by commas (`1m,5m`, `30s,2m,1h`);
    /// nil when it is not that.
    public static func bucketBounds(parsing text: String) -> [Int]? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let bounds = parts.compactMap { DurationParser.seconds($0) }
        guard !parts.isEmpty, bounds.count == parts.count, zip(bounds, bounds.dropFirst()).allSatisfy({ $0 < $1 })
        else { return nil }
        return bounds
    }

    /// `<= 1 min`, `1-5 min`, `> 5 min` for the bounds 60 and 300.
    public static func bucketLabels(_ bounds: [Int]) -> [String] {
        guard let first = bounds.first, let last = bounds.last else { return ["all"] }
        var labels = ["<= \(duration(first))"]
        for (lower, upper) in zip(bounds, bounds.dropFirst()) {
            let (lowerValue, lowerUnit) = amount(lower)
            let (upperValue, upperUnit) = amount(upper)
            labels.append(
                lowerUnit == upperUnit
                    ? "\(lowerValue)-\(upperValue) \(upperUnit)" : "\(duration(lower))-\(duration(upper))")
        }
        labels.append("> \(duration(last))")
        return labels
    }

    private static func duration(_ seconds: Int) -> String {
        let (value, unit) = amount(seconds)
        return "\(value) \(unit)"
    }

    private static func amount(_ seconds: Int) -> (Int, String) {
        if seconds >= 3600, seconds % 3600 == 0 { return (seconds / 3600, "h") }
        if seconds >= 60, seconds % 60 == 0 { return (seconds / 60, "min") }
        return (seconds, "s")
    }
}
