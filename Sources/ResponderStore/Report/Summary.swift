/// Count, total, mean and percentiles of a set of durations (in whatever unit they were given).
///
/// Percentiles are nearest-rank: p90 is the smallest value that at least 90% of the values do
/// not exceed, always one of the values themselves. Every figure is nil when there are none.
public struct Summary: Sendable, Equatable {
    /// How many values.
    public let count: Int
    /// Their sum.
    public let total: Double
    /// total / count.
    public let mean: Double?
    /// Median.
    public let p50: Double?
    /// 90th percentile.
    public let p90: Double?
    /// 99th percentile.
    public let p99: Double?

    /// Summarises `values`, which it sorts in place.
    public init(sorting values: inout [Double]) {
        values.sort()
        count = values.count
        total = values.reduce(0, +)
        mean = values.isEmpty ? nil : total / Double(values.count)
        p50 = Self.percentile(0.50, ofSorted: values)
        p90 = Self.percentile(0.90, ofSorted: values)
        p99 = Self.percentile(0.99, ofSorted: values)
    }

    /// Summarises `values`.
    public init(_ values: [Double]) {
        var copy = values
        self.init(sorting: &copy)
    }

    /// The nearest-rank `fraction` percentile of sorted values; nil when there are none.
    public static func percentile(_ fraction: Double, ofSorted values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let rank = Int((fraction * Double(values.count)).rounded(.up))
        return values[min(max(rank, 1), values.count) - 1]
    }

    /// The same figures in another unit: each value divided by `divisor`.
    public func scaled(by divisor: Double) -> Summary {
        Summary(
            count: count, total: total / divisor, mean: mean.map { $0 / divisor }, p50: p50.map { $0 / divisor },
            p90: p90.map { $0 / divisor }, p99: p99.map { $0 / divisor })
    }

    private init(count: Int, total: Double, mean: Double?, p50: Double?, p90: Double?, p99: Double?) {
        self.count = count
        self.total = total
        self.mean = mean
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
    }
}
