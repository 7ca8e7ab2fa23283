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

    /// Summarises `values`, which it reorders in place (no full sort: each percentile is found by
    /// selection, in linear time, which over a million values is many times faster).
    public init(sorting values: inout [Double]) {
        count = values.count
        total = values.reduce(0, +)
        mean = values.isEmpty ? nil : total / Double(values.count)
        guard !values.isEmpty else {
            (p50, p90, p99) = (nil, nil, nil)
            return
        }
        let n = values.count
        let rank = { (fraction: Double) in min(max(Int((fraction * Double(n)).rounded(.up)), 1), n) - 1 }
        let (k50, k90, k99) = (rank(0.50), rank(0.90), rank(0.99))
        // Each selection leaves the smaller values before its rank, so the next searches less.
        (p99, p90, p50) = values.withUnsafeMutableBufferPointer { buffer in
            let p99 = Self.select(k99, in: buffer, upTo: buffer.count)
            let p90 = Self.select(k90, in: buffer, upTo: k99 + 1)
            let p50 = Self.select(k50, in: buffer, upTo: k90 + 1)
            return (p99, p90, p50)
        }
    }

    /// The value of rank `k` (0-based) among `buffer[0..<end]`, which it partitions around it.
    private static func select(_ k: Int, in buffer: UnsafeMutableBufferPointer<Double>, upTo end: Int) -> Double {
        var low = 0
        var high = end - 1
        while low < high {
            // Median of three as the pivot; then a three-way partition, so that equal values
            // (many identical latencies) cost nothing more.
            let middle = low + (high - low) / 2
            let a = buffer[low], b = buffer[middle], c = buffer[high]
            let pivot = max(min(a, b), min(max(a, b), c))
            var lessEnd = low
            var index = low
            var greaterStart = high
            while index <= greaterStart {
                let value = buffer[index]
                if value < pivot {
                    buffer.swapAt(lessEnd, index)
                    lessEnd += 1
                    index += 1
                } else if value > pivot {
                    buffer.swapAt(index, greaterStart)
                    greaterStart -= 1
                } else {
                    index += 1
                }
            }
            if k < lessEnd {
                high = lessEnd - 1
            } else if k > greaterStart {
                low = greaterStart + 1
            } else {
                return pivot
            }
        }
        return buffer[k]
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
