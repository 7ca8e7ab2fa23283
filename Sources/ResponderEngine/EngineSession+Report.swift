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
        let (start, end) = try bounds(from: from, to: to)
        var options = ReportOptions(
            from: start, to: end, calendar: BusinessCalendar(settings: base.settings),
            groupOrder: base.groups.groups.map(\.id))
        if let bucketBounds { options.bucketBounds = bucketBounds }
        options.now = clock.now()
        let report = try withStore { store throws(StoreError) in try store.report(options) }
        return ReportView(report, timeZone: timeZone)
    }

    /// The dashboard for a period (bounds as for `report`; without them, from the first recorded
    /// day to the last): the report with its previous period of the same length, the trend by
    /// `granularity`, anomalies, breakdowns and the cases worth reading.
    ///
    /// - Parameters:
    ///   - showAgents: agents by name; otherwise `agent 1`, `agent 2`...
    ///   - progress: told how many messages have been read, for long periods.
    public func dashboard(
        from: String? = nil, to: String? = nil, by granularity: Dashboard.Granularity = .day,
        bucketBounds: [Int]? = nil, showAgents: Bool = false, progress: ((Int) -> Void)? = nil
    ) throws(EngineError) -> ReportView {
        let (start, end) = try period(from: from, to: to)
        let previousStart = start.addingTimeInterval(-end.timeIntervalSince(start))
        var options = ReportOptions(
            from: start, to: end, calendar: BusinessCalendar(settings: base.settings),
            groupOrder: base.groups.groups.map(\.id))
        if let bucketBounds { options.bucketBounds = bucketBounds }
        options.now = clock.now()
        var previousOptions = options
        previousOptions.from = previousStart
        previousOptions.to = start
        let data = try withStore { store throws(StoreError) in
            try store.reportData([options, previousOptions], progress: progress)
        }
        var dashboard = Dashboard(
            current: data[0], previous: data[1], granularity: granularity, timeZone: timeZone, showAgents: showAgents)
        let cases = dashboard.fastUnsatisfied + dashboard.slowUnsatisfied + dashboard.longestWaits
        dashboard.attachTexts(
            try withStore { store throws(StoreError) in try store.messageTexts(cases.map(\.record.ledgerID)) })
        let targets = base.settings.targets
        return ReportView(
            dashboard.current, timeZone: timeZone, dashboard: dashboard, targets: targets,
            plans: try targetPlans(targets, options: options), generated: options.now)
    }

    /// The improvement targets with their baselines: as `settings.yaml` gives them, or measured
    /// over the days before each effort began (one report per distinct window).
    private func targetPlans(_ targets: ReportTargets, options: ReportOptions) throws(EngineError)
        -> [String: KeyFigure.TargetPlan]
    {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        // Reports of the baseline windows, by their bounds: one each, however many targets share it.
        var measured: [[Date]: Report] = [:]
        var plans: [String: KeyFigure.TargetPlan] = [:]
        for (key, improvement) in targets.improvements.sorted(by: { $0.key < $1.key }) {
            guard let definition = KeyFigure.definitions.first(where: { $0.targetKey == key }),
                let from = Timestamp.startOfDay(improvement.from, in: timeZone, next: false),
                let deadline = calendar.date(byAdding: .day, value: improvement.days, to: from),
                let measuredFrom = calendar.date(byAdding: .day, value: -improvement.days, to: from)
            else { continue }
            var baseline = improvement.baseline.map { $0 * definition.settingsScale }
            if baseline == nil {
                var window = options
                (window.from, window.to) = (measuredFrom, from)
                let report: Report
                if let known = measured[[measuredFrom, from]] {
                    report = known
                } else {
                    report = try withStore { store throws(StoreError) in try store.report(window) }
                    measured[[measuredFrom, from]] = report
                }
                baseline = definition.value(report)
            }
            plans[key] = KeyFigure.TargetPlan(
                baseline: baseline, share: improvement.share, from: from, deadline: deadline,
                measuredFrom: improvement.baseline == nil ? measuredFrom : nil)
        }
        return plans
    }

    /// The messages agents labelled through the work orders created in the period (bounds as
    /// for `report`; without them, all).
    public func labelledMessages(from: String? = nil, to: String? = nil) throws(EngineError) -> [LabelledMessage] {
        let (start, end) = try bounds(from: from, to: to)
        return try withStore { store throws(StoreError) in try store.labelledMessages(from: start, to: end) }
    }

    /// The period's customer messages, one record each with its text, for the CSV export.
    public func messageRecords(from: String? = nil, to: String? = nil, progress: ((Int) -> Void)? = nil)
        throws(EngineError) -> [MessageRecord]
    {
        let (start, end) = try period(from: from, to: to)
        return try withStore { store throws(StoreError) in
            try store.messageRecords(from: start, to: end, withText: true, progress: progress)
        }
    }

    /// The period's bounds: as given, else from the first recorded day to the end of the last
    /// (today when nothing is recorded).
    private func period(from: String?, to: String?) throws(EngineError) -> (Date, Date) {
        let (start, end) = try bounds(from: from, to: to)
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        // The recorded messages' span, read only for a bound that is not given.
        let span =
            start == nil || end == nil ? try withStore { store throws(StoreError) in try store.messageSpan() } : nil
        let first = calendar.startOfDay(for: span?.first ?? clock.now())
        let last = calendar.startOfDay(for: span?.last ?? clock.now())
        let resolvedStart = start ?? first
        var resolvedEnd = end ?? (calendar.date(byAdding: .day, value: 1, to: last) ?? last)
        if resolvedEnd <= resolvedStart {
            resolvedEnd =
                calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: resolvedStart)) ?? resolvedStart
        }
        return (resolvedStart, resolvedEnd)
    }

    /// `from` and `to` as written by a user (see `report`), checked to be in order.
    func bounds(from: String?, to: String?) throws(EngineError) -> (Date?, Date?) {
        let start = try from.map { (text) throws(EngineError) in try periodBound(text, field: "from", endOfDay: false) }
        let end = try to.map { (text) throws(EngineError) in try periodBound(text, field: "to", endOfDay: true) }
        if let start, let end, end <= start {
            throw EngineError.invalidArgument(field: "to", problem: "must be after from")
        }
        return (start, end)
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
