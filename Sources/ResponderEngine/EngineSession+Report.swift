import Foundation
import ResponderCore
import ResponderStore

extension EngineSession {
    /// The report for a period, its bounds as written by a user: a date `YYYY-MM-DD` is a day in
    /// the desk's time zone (`to` inclusive), an ISO 8601 time is exact (`to` exclusive).
    ///
    /// - Parameter bucketBounds: first-response bucket bounds in seconds, ascending (default 1m, 5m).
    public func report(from: String? = nil, to: String? = nil, bucketBounds: [Int]? = nil) throws(EngineError)
        -> ReportView
    {
        let start = try from.map { (text) throws(EngineError) in try periodBound(text, field: "from", endOfDay: false) }
        let end = try to.map { (text) throws(EngineError) in try periodBound(text, field: "to", endOfDay: true) }
        if let start, let end, end <= start {
            throw EngineError.invalidArgument(field: "to", problem: "must be after from")
        }
        var options = ReportOptions(
            from: start, to: end, calendar: BusinessCalendar(settings: base.settings),
            groupOrder: base.groups.groups.map(\.id))
        if let bucketBounds { options.bucketBounds = bucketBounds }
        options.now = clock.now()
        let report = try withStore { store throws(StoreError) in try store.report(options) }
        return ReportView(report, timeZone: timeZone)
    }

    private func periodBound(_ text: String, field: String, endOfDay: Bool) throws(EngineError) -> Date {
        guard let bound = Timestamp.periodBound(text, endOfDay: endOfDay, in: timeZone) else {
            throw EngineError.invalidArgument(
                field: field,
                problem: "expected a date YYYY-MM-DD or an ISO 8601 time with an offset, got '\(text)'")
        }
        return bound
    }
}
