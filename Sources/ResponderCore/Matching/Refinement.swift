/// Averaged margin-perceptron passes over the example questions that sharpen the log-odds weights.
///
/// Log-odds weights count each term on its own, so two entries that share most words ("cancel my
/// order" and "cancel my reservation") stay close. Refinement scores every example question as
/// the matcher would; where the question's own entry does not beat the best other entry by
/// `margin`, each of its terms moves `rate` (times its scale) of weight from that rival to its
/// own entry. The final weights are the average of the weights after each pass, which
/// generalises better than the last ones. Examples are visited in a fixed pseudo-random order,
/// so training is reproducible.
///
/// Training works on a dense terms x entries matrix, which makes scoring a question a few
/// vectorised row additions; bases larger than `maximumCells` keep their log-odds weights.
struct Refinement: Sendable {
    /// One training question: its entry, and its distinct terms with each one's scale, split into
    /// the terms refinement adjusts (`terms`: index term ids, dense row ids once training starts)
    /// and the ones whose log-odds weights it keeps (`fixedTerms`).
    struct Example {
        let entry: Int32
        let terms: [Int32]
        let values: [Float]
        let fixedTerms: [Int32]
        let fixedValues: [Float]
    }

    var epochs: Int
    var margin: Float
    var rate: Float
    /// Whether each family (by raw value) is refined; the others keep their log-odds weights.
    var families: [Bool]
    /// Each family's scale for a question's terms (as the matcher computes it).
    var scales: @Sendable ([TermKey]) -> [Float]
    /// The largest terms x entries (and examples x entries) matrix trained (64 MiB each).
    static let maximumCells = 16_000_000

    /// Refines `rows` (each sorted by entry) in place; returns false when the base is too large.
    @discardableResult
    func train(_ rows: inout [[Posting]], on examples: [Example], entryCount: Int) -> Bool {
        guard epochs > 0, entryCount > 1, !examples.isEmpty else { return true }
        // Each term's row of weights is `lanes` SIMD vectors wide; entries past `entryCount` stay 0.
        let lanes = (entryCount + 7) / 8
        // Only the terms being refined get a dense row; `denseRow[term]` is its row, or -1.
        var denseRow = [Int32](repeating: -1, count: rows.count)
        var denseTerms: [Int] = []
        for example in examples {
            for term in example.terms where denseRow[Int(term)] < 0 {
                denseRow[Int(term)] = Int32(denseTerms.count)
                denseTerms.append(Int(term))
            }
        }
        // Both matrices are bounded: the refined terms' weights and every example's fixed scores
        // (a base of many entries with few word terms would otherwise allocate questions x entries).
        guard denseTerms.count * lanes * 8 <= Refinement.maximumCells,
            examples.count * lanes * 8 <= Refinement.maximumCells
        else { return false }
        let examples = examples.map { example in
            Example(
                entry: example.entry, terms: example.terms.map { denseRow[Int($0)] }, values: example.values,
                fixedTerms: example.fixedTerms, fixedValues: example.fixedValues)
        }
        var weights = [SIMD8<Float>](repeating: .zero, count: denseTerms.count * lanes)
        weights.withUnsafeMutableBytes { raw in
            let flat = raw.bindMemory(to: Float.self)
            for (dense, term) in denseTerms.enumerated() {
                for posting in rows[term] { flat[dense * lanes * 8 + Int(posting.entry)] = posting.weight }
            }
        }
        // What the fixed terms add to each example's scores never changes: compute it once.
        var fixedScores = [SIMD8<Float>](repeating: .zero, count: examples.count * lanes)
        // Lanes past the last entry start at -infinity, so that no padding ever wins a maximum.
        if entryCount % 8 != 0 {
            var padding = SIMD8<Float>.zero
            for slot in (entryCount % 8)..<8 { padding[slot] = -.infinity }
            for index in examples.indices { fixedScores[index * lanes + lanes - 1] = padding }
        }
        // Scattered adds go through a flat Float view of the vectors (no per-element vector
        // shuffles), examples spread over the cores; each writes only its own row.
        let fixedRows = rows
        fixedScores.withUnsafeMutableBytes { raw in
            nonisolated(unsafe) let flat = raw.bindMemory(to: Float.self)
            concurrentChunks(examples.count) { chunk in
                for index in chunk {
                    let base = index * lanes * 8
                    let example = examples[index]
                    for (term, value) in zip(example.fixedTerms, example.fixedValues) {
                        for posting in fixedRows[Int(term)] {
                            flat[base + Int(posting.entry)] += posting.weight * value
                        }
                    }
                }
            }
        }
        var average = [SIMD8<Float>](repeating: .zero, count: weights.count)
        var scores = [SIMD8<Float>](repeating: .zero, count: lanes)
        var order = Array(examples.indices)
        var generator = SplitMix(seed: 0x5EED)
        for _ in 0..<epochs {
            order.shuffle(using: &generator)
            weights.withUnsafeMutableBufferPointer { weights in
                scores.withUnsafeMutableBufferPointer { scores in
                    fixedScores.withUnsafeBufferPointer { fixedScores in
                        for exampleIndex in order {
                            for lane in 0..<lanes { scores[lane] = fixedScores[exampleIndex * lanes + lane] }
                            update(weights, scores, examples[exampleIndex], entryCount: entryCount, lanes: lanes)
                        }
                    }
                }
            }
            for index in average.indices { average[index] += weights[index] }
        }
        let scale = 1 / Float(epochs)
        average.withUnsafeBytes { raw in
            let flat = raw.bindMemory(to: Float.self)
            for (dense, term) in denseTerms.enumerated() {
                var row: [Posting] = []
                for entry in 0..<entryCount where flat[dense * lanes * 8 + entry] != 0 {
                    row.append(Posting(entry: Int32(entry), weight: flat[dense * lanes * 8 + entry] * scale))
                }
                rows[term] = row
            }
        }
        return true
    }

    /// One perceptron step for `example`.
    @inline(__always)
    private func update(
        _ weights: UnsafeMutableBufferPointer<SIMD8<Float>>, _ scores: UnsafeMutableBufferPointer<SIMD8<Float>>,
        _ example: Example, entryCount: Int, lanes: Int
    ) {
        for (term, value) in zip(example.terms, example.values) {
            let base = Int(term) * lanes
            for lane in 0..<lanes { scores[lane] += weights[base + lane] * value }
        }
        // The best other entry, with vector maxima; padding lanes hold -infinity (see `train`).
        let own = Int(example.entry)
        let ownScore = scores[own / 8][own % 8]
        scores[own / 8][own % 8] = -.infinity
        var best = SIMD8<Float>(repeating: -.infinity)
        for lane in 0..<lanes { best = pointwiseMax(best, scores[lane]) }
        let rivalScore = best.max()
        var rival = -1
        for lane in 0..<lanes {
            let hits = scores[lane] .== rivalScore
            if any(hits) {
                for slot in 0..<8 where hits[slot] {
                    rival = lane * 8 + slot
                    break
                }
                break
            }
        }
        scores[own / 8][own % 8] = ownScore
        guard rival >= 0, rival < entryCount, ownScore - rivalScore < margin else { return }
        for (term, value) in zip(example.terms, example.values) {
            let base = Int(term) * lanes
            weights[base + own / 8][own % 8] += rate * value
            weights[base + rival / 8][rival % 8] -= rate * value
        }
    }
}
