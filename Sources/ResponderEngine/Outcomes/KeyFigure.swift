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
    /// The target, if any (for an improvement, the baseline made better by its share).
    public let target: Double?
    /// The improvement the target comes from, if it does.
    public let plan: TargetPlan?
    /// Which way is better.
    public let better: Direction
    /// `%`, `ms`, `min` or empty.
    public let unit: String

    /// An improvement target as the report resolved it.
    public struct TargetPlan: Sendable, Equatable {
        /// Where the desk stood, in the figure's unit; nil when nothing was recorded before `from`.
        public let baseline: Double?
        /// How much better, as a share of the baseline.
        public let share: Double
        /// The effort's first instant.
        public let from: Date
        /// Its deadline (`within` days after `from`).
        public let deadline: Date
        /// The baseline's period: the same number of days before `from`, unless `settings.yaml`
        /// gives the baseline (then nil).
        public let measuredFrom: Date?
    }

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

    /// One headline figure: its names, unit, better direction, the `targets:` key that sets its
    /// target, and how it is read from a report.
    struct Definition: Sendable {
        let name: String
        let label: String
        let unit: String
        let better: Direction
        let targetKey: String?
        let value: @Sendable (Report) -> Double?
        /// From the unit of `settings.yaml` (seconds for times) to the figure's (minutes).
        var settingsScale: Double { unit == "min" ? 1.0 / 60 : 1 }
    }

    /// The headline figures, in the order the report shows them.
    static let definitions: [Definition] = [
        Definition(name: "messages", label: "Messages", unit: "", better: .neither, targetKey: nil) {
            Double($0.messages)
        },
        Definition(
            name: "automation_rate", label: "Automation rate", unit: "%", better: .up, targetKey: "automation_rate"
        ) { $0.automationRate },
        Definition(name: "bot_response_p50_ms", label: "Bot response p50", unit: "ms", better: .down, targetKey: nil) {
            $0.botResponseMs.p50
        },
        Definition(name: "bot_response_p99_ms", label: "Bot response p99", unit: "ms", better: .down, targetKey: nil) {
            $0.botResponseMs.p99
        },
        Definition(
            name: "first_response_mean_min", label: "First response mean", unit: "min", better: .down,
            targetKey: "first_response_mean"
        ) { $0.firstResponseMinutes.mean },
        Definition(
            name: "human_first_response_mean_min", label: "Human first response mean", unit: "min", better: .down,
            targetKey: "human_first_response_mean"
        ) { $0.humanFirstResponseMinutes.mean },
        Definition(
            name: "human_first_response_p90_min", label: "Human first response p90", unit: "min", better: .down,
            targetKey: nil
        ) { $0.humanFirstResponseMinutes.p90 },
        Definition(
            name: "sla_attainment", label: "SLA attainment", unit: "%", better: .up, targetKey: "sla_attainment"
        ) { $0.slaAttainment },
        Definition(name: "csat", label: "CSAT", unit: "", better: .up, targetKey: "csat") { $0.csat.mean },
    ]

    /// Where a figure stands against its target.
    public enum TargetStatus: Sendable, Equatable {
        /// It meets the target.
        case met
        /// It does not (a target without a deadline).
        case notMet
        /// It does not, and the improvement's deadline has passed.
        case missed
        /// It does not yet; the deadline is this many days away (rounded up).
        case underway(daysLeft: Int)
        /// An improvement without a baseline: nothing was recorded in the days before it began.
        case noBaseline
        /// An improvement that has not begun (its `from` is still to come).
        case notBegun

        /// For people: "met", "not met", "missed", "12 days left", "no baseline", "not begun".
        public var text: String {
            switch self {
            case .met: "met"
            case .notMet: "not met"
            case .missed: "missed"
            case .underway(let days): days == 1 ? "1 day left" : "\(days) days left"
            case .noBaseline: "no baseline"
            case .notBegun: "not begun"
            }
        }
    }

    /// Where it stands against its target at `now`; nil without a target.
    public func targetStatus(at now: Date) -> TargetStatus? {
        if let plan, plan.baseline == nil { return .noBaseline }
        if let plan, now < plan.from { return .notBegun }
        guard let meetsTarget else { return nil }
        if meetsTarget { return .met }
        guard let plan else { return .notMet }
        if now >= plan.deadline { return .missed }
        return .underway(daysLeft: Int((plan.deadline.timeIntervalSince(now) / 86400).rounded(.up)))
    }

    /// The headline figures of `current` against `previous`, with `targets`.
    ///
    /// - Parameters:
    ///   - plans: the improvement targets resolved (`EngineSession` measures their baselines),
    ///     by `targets:` key.
    public static func figures(
        current: Report, previous: Report, targets: ReportTargets, plans: [String: TargetPlan] = [:]
    ) -> [KeyFigure] {
        definitions.map { definition in
            var target = definition.targetKey.flatMap(targets.value(forKey:)).map {
                $0 * definition.settingsScale
            }
            let plan = definition.targetKey.flatMap { plans[$0] }
            if let plan {
                target = plan.baseline.map { baseline in
                    let better = definition.better == .down ? baseline * (1 - plan.share) : baseline * (1 + plan.share)
                    // A rate cannot pass 100%, nor CSAT 5.
                    return definition.unit == "%" ? min(better, 1) : definition.name == "csat" ? min(better, 5) : better
                }
            }
            return KeyFigure(
                name: definition.name, label: definition.label, value: definition.value(current),
                previous: definition.value(previous), target: target, plan: plan, better: definition.better,
                unit: definition.unit)
        }
    }
}
