/// Resource limits applied to every match, so that one bad pattern cannot stall the caller.
public struct MatchLimits: Sendable, Equatable {
    /// Maximum number of backtracking steps (PCRE2's match limit).
    public var matchLimit: UInt32
    /// Maximum backtracking depth (ignored by JIT-compiled matching, which has its own stack).
    public var depthLimit: UInt32
    /// Maximum heap memory for backtracking, in KiB.
    public var heapLimitKiB: UInt32

    /// Creates limits; the defaults allow ordinary patterns on chat-sized text and stop
    /// catastrophic backtracking within a few milliseconds.
    public init(matchLimit: UInt32 = 200_000, depthLimit: UInt32 = 10_000, heapLimitKiB: UInt32 = 20_000) {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
        self.heapLimitKiB = heapLimitKiB
    }

    /// The defaults.
    public static let standard = MatchLimits()
}
