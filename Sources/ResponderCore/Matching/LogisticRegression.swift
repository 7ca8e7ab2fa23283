import Foundation

/// Binary logistic regression with an L2 penalty, fitted by Newton's method: few features (the
/// calibrator has six), many weighted examples, converges in a handful of steps.
enum LogisticRegression {
    /// One training example.
    struct Example {
        let features: [Double]
        let label: Bool
        let weight: Double
    }

    /// The fitted bias and weights (on the features as given), or nil when there is nothing to fit.
    ///
    /// Features are standardised while fitting so that `l2` penalises every feature alike, and
    /// the coefficients are mapped back, so callers apply them to raw features. Example weights
    /// are rescaled to sum to the number of examples, so `l2` means the same for any weighting.
    /// The penalty pulls the weights towards `prior` (raw weights, one per feature; zeros when
    /// nil): with few examples the fit stays close to it, with many the data decide.
    static func fit(
        _ examples: [Example], l2: Double = 1, prior: [Double]? = nil, iterations: Int = 50
    ) -> (bias: Double, weights: [Double])? {
        guard let dimension = examples.first?.features.count, !examples.isEmpty else { return nil }
        let totalWeight = examples.reduce(0) { $0 + $1.weight }
        guard totalWeight > 0 else { return nil }
        let rescale = Double(examples.count) / totalWeight

        let mean = means(examples, dimension: dimension)
        let spread = standardDeviations(examples, dimension: dimension)
        // The prior's coefficients on standardised features.
        let centre = (0..<dimension).map { (prior?[$0] ?? 0) * spread[$0] }

        // Coefficients on standardised features; the last one is the bias.
        let size = dimension + 1
        var beta = [Double](repeating: 0, count: size)
        var row = [Double](repeating: 1, count: size)
        for _ in 0..<iterations {
            var gradient = [Double](repeating: 0, count: size)
            var hessian = [Double](repeating: 0, count: size * size)
            for example in examples {
                for index in 0..<dimension { row[index] = (example.features[index] - mean[index]) / spread[index] }
                var logit = 0.0
                for index in 0..<size { logit += beta[index] * row[index] }
                let p = ConfidenceCalibrator.sigmoid(logit)
                let weight = example.weight * rescale
                let residual = weight * (p - (example.label ? 1 : 0))
                let curvature = weight * Swift.max(p * (1 - p), 1e-12)
                for i in 0..<size {
                    gradient[i] += residual * row[i]
                    for j in i..<size { hessian[i * size + j] += curvature * row[i] * row[j] }
                }
            }
            for i in 0..<size {
                for j in 0..<i { hessian[i * size + j] = hessian[j * size + i] }
            }
            for index in 0..<dimension {
                gradient[index] += l2 * (beta[index] - centre[index])
                hessian[index * size + index] += l2
            }
            guard let step = solve(hessian, gradient, size: size) else { break }
            var change = 0.0
            for index in 0..<size {
                beta[index] -= step[index]
                change = Swift.max(change, abs(step[index]))
            }
            if change < 1e-7 { break }
        }
        var bias = beta[dimension]
        var weights = [Double](repeating: 0, count: dimension)
        for index in 0..<dimension {
            weights[index] = beta[index] / spread[index]
            bias -= weights[index] * mean[index]
        }
        return (bias, weights)
    }

    /// `fit`, with each weight's sign constrained: `signs[i]` is +1 (the weight may not be
    /// negative), -1 (not positive) or 0 (free). A fit whose weight has the wrong sign drops that
    /// feature (weight 0) and is fitted again, until every weight agrees with its sign: what the
    /// data cannot show the right way round is better left out than learned backwards.
    static func fit(
        _ examples: [Example], signs: [Int], l2: Double = 1, prior: [Double]? = nil
    ) -> (bias: Double, weights: [Double])? {
        guard let dimension = examples.first?.features.count else { return nil }
        let spread = standardDeviations(examples, dimension: dimension)
        var active = Array(0..<dimension)
        while true {
            let reduced = examples.map { example in
                Example(features: active.map { example.features[$0] }, label: example.label, weight: example.weight)
            }
            var weights = [Double](repeating: 0, count: dimension)
            let reducedPrior = prior.map { prior in active.map { prior[$0] } }
            guard let fitted = active.isEmpty ? interceptOnly(examples) : fit(reduced, l2: l2, prior: reducedPrior)
            else { return nil }
            for (position, feature) in active.enumerated() { weights[feature] = fitted.weights[position] }
            // Drop the most clearly wrong-signed weight (times its feature's spread) and refit.
            let wrong = active.filter { Double(signs[$0]) * weights[$0] < 0 }
            guard let worst = wrong.max(by: { abs(weights[$0] * spread[$0]) < abs(weights[$1] * spread[$1]) }) else {
                return (fitted.bias, weights)
            }
            active.removeAll { $0 == worst }
        }
    }

    /// The weighted mean of each feature.
    private static func means(_ examples: [Example], dimension: Int) -> [Double] {
        let total = examples.reduce(0) { $0 + $1.weight }
        var mean = [Double](repeating: 0, count: dimension)
        for example in examples {
            for index in 0..<dimension { mean[index] += example.weight * example.features[index] / total }
        }
        return mean
    }

    /// The weighted standard deviation of each feature (at least 1e-9, so it can divide).
    private static func standardDeviations(_ examples: [Example], dimension: Int) -> [Double] {
        let total = examples.reduce(0) { $0 + $1.weight }
        let mean = means(examples, dimension: dimension)
        var spread = [Double](repeating: 0, count: dimension)
        for example in examples {
            for index in 0..<dimension {
                let deviation = example.features[index] - mean[index]
                spread[index] += example.weight * deviation * deviation / total
            }
        }
        return spread.map { Swift.max($0.squareRoot(), 1e-9) }
    }

    /// The log-odds of the weighted labels: the fit with no features.
    private static func interceptOnly(_ examples: [Example]) -> (bias: Double, weights: [Double])? {
        let total = examples.reduce(0) { $0 + $1.weight }
        let positive = examples.filter(\.label).reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        let share = Swift.min(Swift.max(positive / total, 1e-6), 1 - 1e-6)
        return (log(share / (1 - share)), [])
    }

    /// Solves `matrix × x = vector` (symmetric positive definite) by Gaussian elimination with
    /// partial pivoting; nil when the matrix is singular.
    static func solve(_ matrix: [Double], _ vector: [Double], size: Int) -> [Double]? {
        var a = matrix
        var b = vector
        for column in 0..<size {
            var pivot = column
            for row in (column + 1)..<size where abs(a[row * size + column]) > abs(a[pivot * size + column]) {
                pivot = row
            }
            guard abs(a[pivot * size + column]) > 1e-12 else { return nil }
            if pivot != column {
                for k in 0..<size { a.swapAt(column * size + k, pivot * size + k) }
                b.swapAt(column, pivot)
            }
            for row in (column + 1)..<size {
                let factor = a[row * size + column] / a[column * size + column]
                if factor == 0 { continue }
                for k in column..<size { a[row * size + k] -= factor * a[column * size + k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: size)
        for row in stride(from: size - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<size { sum -= a[row * size + k] * x[k] }
            x[row] = sum / a[row * size + row]
        }
        return x
    }
}
