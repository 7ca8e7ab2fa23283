import Foundation
import ResponderCore
import ResponderStore

/// A headline figure of the report against the previous period of the same length, and against
/// its target when `settings.yaml` sets one.
public struct KeyFigure: Sendable, Equatable {
    /// Which way is better.
    public enum Direction: String, Sendable {
        /// Higher is better (automation rate, SLA attainment, CSAT).
        case up
        /// Lower is better (response times).
        case down
        /// Neither (volume).
        case neither
    }

    /// `automation_rate`, `human_first_response_mean_min`...
    public let name: String
    /// For people: "Automation rate".
    public let label: String
    /// This period's value.
    public let value: Double?
    /// The previous period's.
    public let previous: Double?
    /// The target, if any.
    public let target: Double?
    /// Which way is better.
    public let better: Direction
    /// `%`, `ms`, `min` or empty.
    public let unit: String

    /// value - previous.
    public var change: Double? {
        guard let value, let previous else { return nil }
        return value - previous
    }

    /// Whether it moved the right way; nil when it did not move, or either way is fine.
    public var improved: Bool? {
        guard let change, change != 0, better != .neither else { return nil }
        return (change > 0) == (better == .up)
    }

    /// Whether it meets its target; nil without one.
    public var meetsTarget: Bool? {
        guard let target, let value else { return nil }
        return better == .down ? value <= target : value >= target
    }

    /// The headline figures of `current` against `previous`, with `targets`.
    public static func figures(current: Report, previous: Report, targets: ReportTargets) -> [KeyFigure] {
        func figure(
            _ name: String, _ label: String, _ unit: String, _ better: Direction, target: Double? = nil,
            _ value: (Report) -> Double?
        ) -> KeyFigure {
            KeyFigure(
                name: name, label: label, value: value(current), previous: value(previous), target: target,
                better: better, unit: unit)
        }
        return [
            figure("messages", "Messages", "", .neither) { Double($0.messages) },
            figure("automation_rate", "Automation rate", "%", .up, target: targets.automationRate) {
                $0.automationRate
            },
            figure("bot_response_p50_ms", "Bot response p50", "ms", .down) { $0.botResponseMs.p50 },
            figure("bot_response_p99_ms", "Bot response p99", "ms", .down) { $0.botResponseMs.p99 },
            figure(
                "first_response_mean_min", "First response mean", "min", .down,
                target: targets.firstResponseMean.map { $0 / 60 }
            ) { $0.firstResponseMinutes.mean },
            figure(
                "human_first_response_mean_min", "Human first response mean", "min", .down,
                target: targets.humanFirstResponseMean.map { $0 / 60 }
            ) { $0.humanFirstResponseMinutes.mean },
            figure("human_first_response_p90_min", "Human first response p90", "min", .down) {
                $0.humanFirstResponseMinutes.p90
            },
            figure("sla_attainment", "SLA attainment", "%", .up, target: targets.slaAttainment) { $0.slaAttainment },
            figure("csat", "CSAT", "", .up, target: targets.csat) { $0.csat.mean },
        ]
    }
}
