import Foundation

/// `targets:` in `settings.yaml`: what the desk aims for, which the report shows each figure
/// against (e.g. "mean human first response 10% lower within 30 days" is a target of 27m
/// where it is 30m today).
public struct ReportTargets: Sendable, Equatable {
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

    /// No targets.
    public init() {}

    /// The keys `settings.yaml` takes under `targets:`.
    public static let keys = [
        "automation_rate", "first_response_mean", "human_first_response_mean", "sla_attainment", "csat",
    ]

    /// Whether none is set.
    public var isEmpty: Bool {
        automationRate == nil && firstResponseMean == nil && humanFirstResponseMean == nil && slaAttainment == nil
            && csat == nil
    }
}
