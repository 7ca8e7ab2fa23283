/// How far the engine's confidence can be trusted on labelled data: a reliability table, the
/// expected calibration error, and what each threshold trades (share answered against the
/// accuracy of the answers).
///
/// A line's top candidate is "right" when it is the labelled intent; for an out-of-scope line no
/// candidate is right. A calibrated confidence of 0.8 is right 8 times in 10.
public struct CalibrationReport: Sendable, Equatable {
    /// One confidence bin of the reliability table.
    public struct Bin: Sendable, Equatable {
        /// The bin's lower bound (inclusive).
        public let lower: Double
        /// The bin's upper bound (exclusive, except for the last bin, which includes 1).
        public let upper: Double
        /// Lines whose top confidence falls in the bin.
        public let count: Int
        /// Their mean top confidence (0 when the bin is empty).
        public let meanConfidence: Double
        /// The share of them whose top candidate is right (0 when the bin is empty).
        public let accuracy: Double
    }

    /// What answering at one threshold would do.
    public struct CoveragePoint: Sendable, Equatable {
        /// The answer threshold.
        public let threshold: Double
        /// Lines whose top confidence reaches the threshold / lines: the automation rate.
        public let answered: Double
        /// Of those, the share whose top candidate is right (nil when none is answered).
        public let answerAccuracy: Double?
        /// Lines handled correctly (right answers, and unanswered out-of-scope lines) / lines.
        public let accuracy: Double
    }

    /// The reliability table: `bins` equal-width confidence bins.
    public let reliability: [Bin]
    /// Expected calibration error: the line-weighted mean of |accuracy - mean confidence| over the bins.
    public let expectedCalibrationError: Double
    /// Share of in-scope lines whose top candidate is the labelled intent, whatever the threshold.
    public let topOneAccuracy: Double
    /// Answered share and accuracy at thresholds 0.1, 0.2, ..., 0.9.
    public let coverage: [CoveragePoint]

    /// Measures `predictions` in `bins` bins (clarification is left out: only the top confidence counts).
    public init(predictions: [Prediction], bins: Int = 10) {
        var counts = [Int](repeating: 0, count: bins)
        var confidenceSums = [Double](repeating: 0, count: bins)
        var rightCounts = [Int](repeating: 0, count: bins)
        var inScope = 0
        var topRight = 0
        for prediction in predictions {
            let right = prediction.expected != nil && prediction.top == prediction.expected
            if prediction.expected != nil {
                inScope += 1
                if right { topRight += 1 }
            }
            let confidence =
                prediction.topConfidence.isFinite ? Swift.min(Swift.max(prediction.topConfidence, 0), 1) : 0
            let bin = Swift.min(Int(confidence * Double(bins)), bins - 1)
            counts[bin] += 1
            confidenceSums[bin] += confidence
            if right { rightCounts[bin] += 1 }
        }
        reliability = (0..<bins).map { bin in
            let count = counts[bin]
            return Bin(
                lower: Double(bin) / Double(bins), upper: Double(bin + 1) / Double(bins), count: count,
                meanConfidence: count == 0 ? 0 : confidenceSums[bin] / Double(count),
                accuracy: count == 0 ? 0 : Double(rightCounts[bin]) / Double(count))
        }
        let total = Double(predictions.count)
        expectedCalibrationError =
            total == 0
            ? 0 : reliability.reduce(0) { $0 + Double($1.count) / total * abs($1.accuracy - $1.meanConfidence) }
        topOneAccuracy = inScope == 0 ? 0 : Double(topRight) / Double(inScope)
        coverage = (1...9).map { step in
            let threshold = Double(step) / 10
            var answered = 0
            var answeredRight = 0
            var correct = 0
            for prediction in predictions {
                if prediction.top != nil, prediction.topConfidence >= threshold {
                    answered += 1
                    if prediction.top == prediction.expected {
                        answeredRight += 1
                        correct += 1
                    }
                } else if prediction.expected == nil {
                    correct += 1
                }
            }
            return CoveragePoint(
                threshold: threshold, answered: total == 0 ? 0 : Double(answered) / total,
                answerAccuracy: answered == 0 ? nil : Double(answeredRight) / Double(answered),
                accuracy: total == 0 ? 0 : Double(correct) / total)
        }
    }
}
