import Foundation

/// Where the engine reads the time of day: the system clock in production, a fixed or stepped
/// one in tests, so that SLA due times, "in the future" checks and default event times are
/// reproducible. Latency is always measured on the monotonic clock, never on this one.
public struct EngineClock: Sendable {
    private let read: @Sendable () -> Date

    /// A clock that reads `now`.
    public init(_ now: @escaping @Sendable () -> Date) {
        self.read = now
    }

    /// The current time.
    public func now() -> Date { read() }

    /// The system clock.
    public static let system = EngineClock { Date() }

    /// A clock stopped at `date`.
    public static func fixed(_ date: Date) -> EngineClock { EngineClock { date } }
}
