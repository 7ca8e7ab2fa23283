/// Averaged margin-perceptron passes over the example questions that sharpen the log-odds weights.
///
/// Log-odds weights count each term on its own, so two entries that share most words ("cancel my
/// order" and "cancel my reservation") stay close. Refinement scores every example question as
/// the matcher would; where the question's own entry does not beat the best other entry by
/// `margin`, each of its terms moves `rate` (times its scale) of weight from that rival to its
/// own entry. The final weights are the average over all steps, which generalises better than
/// the last ones. Examples are visited in a fixed pseudo-random order, so training is reproducible.
struct Refinement: Sendable {
    /// One training question: its entry, its distinct term ids and each term's scale.
    struct Example {
        let entry: Int32
        let terms: [Int32]
        let values: [Float]
    }

    var epochs: Int
    var margin: Float
    var rate: Float
    /// Each family's scale for a question's terms (as the matcher computes it).
    var scales: @Sendable ([TermKey]) -> [Float]

    func train(_ rows: inout [[Posting]], on examples: [Example], entryCount: Int) {
        guard epochs > 0, entryCount > 1, !examples.isEmpty else { return }
        // Per posting: the running sum of step * delta, from which the average is recovered.
        var stepSums: [[Float]] = rows.map { [Float](repeating: 0, count: $0.count) }
        var scores = [Float](repeating: 0, count: entryCount)
        var order = Array(examples.indices)
        var generator = SplitMix(seed: 0x5EED)
        var step: Float = 1
        for _ in 0..<epochs {
            order.shuffle(using: &generator)
            for exampleIndex in order {
                let example = examples[exampleIndex]
                defer { step += 1 }
                let own = Int(example.entry)
                scores.withUnsafeMutableBufferPointer { scores in
                    for index in scores.indices { scores[index] = 0 }
                    for (term, value) in zip(example.terms, example.values) {
                        rows[Int(term)].withUnsafeBufferPointer { row in
                            for posting in row { scores[Int(posting.entry)] += posting.weight * value }
                        }
                    }
                }
                var rival = own == 0 ? 1 : 0
                for index in scores.indices where index != own && scores[index] > scores[rival] { rival = index }
                guard scores[own] - scores[rival] < margin else { continue }
                for (term, value) in zip(example.terms, example.values) {
                    let delta = rate * value
                    Refinement.add(delta, step: step, entry: example.entry, row: &rows[Int(term)], sums: &stepSums[Int(term)])
                    Refinement.add(-delta, step: step, entry: Int32(rival), row: &rows[Int(term)], sums: &stepSums[Int(term)])
                }
            }
        }
        for id in rows.indices {
            for index in rows[id].indices { rows[id][index].weight -= stepSums[id][index] / step }
        }
    }

    private static func add(_ delta: Float, step: Float, entry: Int32, row: inout [Posting], sums: inout [Float]) {
        if let index = row.firstIndex(where: { $0.entry == entry }) {
            row[index].weight += delta
            sums[index] += step * delta
        } else {
            row.append(Posting(entry: entry, weight: delta))
            sums.append(step * delta)
        }
    }
}

/// A small deterministic random generator (SplitMix64), so that training is reproducible.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
