import ResponderCore
import Testing

@Suite("ThresholdSweep")
struct ThresholdSweepTests {
    // Right for thresholds in (0.3, 0.6]: the out-of-scope line needs t > 0.3, the 0.6 line t <= 0.6.
    static let predictions = [
        Prediction(expected: "a", top: "a", topConfidence: 0.6, runnerUpConfidence: nil),
        Prediction(expected: nil, top: "b", topConfidence: 0.3, runnerUpConfidence: nil),
        Prediction(expected: "a", top: "a", topConfidence: 0.8, runnerUpConfidence: nil),
    ]

    @Test func picksTheLowestOfTheBestThresholds() {
        let sweep = ThresholdSweep(predictions: Self.predictions, margin: 0)
        #expect(sweep.rows.count == 101)
        #expect(sweep.rows.first?.threshold == 0)
        #expect(sweep.rows.last?.threshold == 1)
        #expect(zip(sweep.rows, sweep.rows.dropFirst()).allSatisfy { $0.threshold < $1.threshold })
        #expect(sweep.best.threshold == 0.31)
        #expect(sweep.best.accuracy == 1)
        #expect(sweep.best.inScopeAccuracy == 1)
        #expect(sweep.best.outOfScopeRecall == 1)
        #expect(sweep.rows[sweep.bestIndex] == sweep.best)
    }

    @Test func rowsMatchEvaluationReports() {
        let sweep = ThresholdSweep(predictions: Self.predictions, margin: 0)
        for row in sweep.rows {
            let report = EvaluationReport(
                predictions: Self.predictions, policy: DecisionPolicy(threshold: row.threshold, margin: 0))
            #expect(row.accuracy == report.accuracy, "threshold \(row.threshold)")
        }
        let accuracy = { (threshold: Double) in sweep.rows.first { $0.threshold == threshold }?.accuracy }
        #expect(accuracy(0.3) == 2.0 / 3.0)
        #expect(accuracy(0.6) == 1)
        #expect(accuracy(0.61) == 2.0 / 3.0)
        #expect(accuracy(0.9) == 1.0 / 3.0)
    }

    @Test func coarseStepAndMargin() {
        // With margin 0.3 the added "c" line (gap 0.1) clarifies or escalates, so it is never right.
        let predictions =
            Self.predictions + [Prediction(expected: "c", top: "c", topConfidence: 0.6, runnerUpConfidence: 0.5)]
        let sweep = ThresholdSweep(predictions: predictions, margin: 0.3, step: 0.25)
        #expect(sweep.rows.map(\.threshold) == [0, 0.25, 0.5, 0.75, 1])
        #expect(sweep.best.threshold == 0.5)
        #expect(sweep.best.accuracy == 0.75)
    }

    @Test func allEqualPicksTheFirst() {
        let sweep = ThresholdSweep(predictions: [], margin: 0)
        #expect(sweep.bestIndex == 0)
        #expect(sweep.best.threshold == 0)
    }
}
