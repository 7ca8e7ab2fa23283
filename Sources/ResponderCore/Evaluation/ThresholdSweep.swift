/// Accuracy at each answer threshold: how to choose a base's `answer_threshold` on labelled data.
public struct ThresholdSweep: Sendable {
    /// One threshold's figures.
    public struct Row: Sendable, Equatable {
        /// The threshold.
        public let threshold: Double
        /// Accuracy over all lines, out of scope counted as its own class.
        public let accuracy: Double
        /// In-scope accuracy.
        public let inScopeAccuracy: Double
        /// Out-of-scope recall.
        public let outOfScopeRecall: Double
    }

    /// Every threshold tried, ascending.
    public let rows: [Row]
    /// The index of the best row: highest accuracy, and on a tie the lowest threshold.
    public let bestIndex: Int

    /// The best row.
    public var best: Row { rows[bestIndex] }

    /// Tries thresholds from 0 to 1 in `step`s, with `margin` as the clarification margin.
    public init(predictions: [Prediction], margin: Double, step: Double = 0.01) {
        let count = Int((1 / step).rounded())
        var rows: [Row] = []
        for index in 0...count {
            let threshold = (Double(index) * step * 1_000_000).rounded() / 1_000_000
            let report = EvaluationReport(
                predictions: predictions, policy: DecisionPolicy(threshold: threshold, margin: margin), worst: 0)
            rows.append(
                Row(
                    threshold: threshold, accuracy: report.accuracy, inScopeAccuracy: report.inScopeAccuracy,
                    outOfScopeRecall: report.outOfScopeRecall))
        }
        self.rows = rows
        var best = 0
        for index in rows.indices where rows[index].accuracy > rows[best].accuracy { best = index }
        self.bestIndex = best
    }
}
