import Foundation

/// `targets:` in `settings.yaml`: what the desk aims for, which the report shows each figure
/// against. A target is a value (`human_first_response_mean: 27m`) or an improvement on where
/// the desk stood (`human_first_response_mean: {improve: 10%, from: 2026-11-01, within: 30d}`:
/// "mean human first response 10% lower within 30 days").
public struct ReportTargets: Sendable, Equatable {
    /// A target relative to where the desk stood when the effort began.
    public struct Improvement: Sendable, Equatable {
        /// How much better, as a share of the baseline: 0.1 is 10% lower for a time, 10% higher
        /// for a rate or CSAT.
        public var share: Double
        /// The day the effort begins (in the desk's time zone).
        public var from: CalendarDate
        /// Days from `from` to the deadline.
        public var days: Int
        /// Where the desk stood (seconds for a time, a share for a rate, 1-5 for CSAT); nil to
        /// measure it over the `days` days before `from`.
        public var baseline: Double?

        /// Creates an improvement.
        public init(share: Double, from: CalendarDate, days: Int, baseline: Double? = nil) {
            self.share = share
            self.from = from
            self.days = days
            self.baseline = baseline
        }
    }

    /// At least this share of messages answered by the bot alone.
    public var automationRate: Double?
    /// At most this mean first response, bot or human, in seconds.
    public var firstResponseMean: Double?
    /// At most this mean human first response, in seconds.
    public var humanFirstResponseMean: Double?
    /// At least this share of first responses within their SLA.
    public var slaAttainment: Double?
    /// At least this mean CSAT (1-5).
    public var csat: Double?
    /// Improvement targets, by key (one of `keys`); a key has a value or an improvement.
    public var improvements: [String: Improvement] = [:]

    /// No targets.
    public init() {}

    /// The keys `settings.yaml` takes under `targets:`.
    public static let keys = [
        "automation_rate", "first_response_mean", "human_first_response_mean", "sla_attainment", "csat",
    ]

    /// The value set for `key` (one of `keys`; seconds for a time), if it is a value.
    public func value(forKey key: String) -> Double? {
        switch key {
        case "automation_rate": automationRate
        case "first_response_mean": firstResponseMean
        case "human_first_response_mean": humanFirstResponseMean
        case "sla_attainment": slaAttainment
        case "csat": csat
        default: nil
        }
    }

    /// Whether none is set.
    public var isEmpty: Bool {
        automationRate == nil && firstResponseMean == nil && humanFirstResponseMean == nil && slaAttainment == nil
            && csat == nil && improvements.isEmpty
    }
}
