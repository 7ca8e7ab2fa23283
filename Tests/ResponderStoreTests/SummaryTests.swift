import ResponderCore
import Testing

@testable import ResponderStore

@Suite("Summary")
struct SummaryTests {
    @Test("percentiles by selection equal the nearest rank of the sorted values, ties and all")
    func selectionMatchesSorting() {
        var random = SplitMix(seed: 42)
        for size in [1, 2, 3, 10, 99, 100, 101, 1000, 4097] {
            for distinct in [2, 50, 1_000_000] {
                let values = (0..<size).map { _ in Double(random.next() % UInt64(distinct)) / 7 }
                let sorted = values.sorted()
                let summary = Summary(values)
                #expect(summary.p50 == Summary.percentile(0.5, ofSorted: sorted), "\(size) \(distinct)")
                #expect(summary.p90 == Summary.percentile(0.9, ofSorted: sorted), "\(size) \(distinct)")
                #expect(summary.p99 == Summary.percentile(0.99, ofSorted: sorted), "\(size) \(distinct)")
                #expect(summary.count == size)
            }
        }
        #expect(Summary([]).p50 == nil && Summary([]).mean == nil)
    }
}
