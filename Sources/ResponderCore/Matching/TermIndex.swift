import Foundation

/// An inverted index from terms to the entries they are evidence for, with learned weights.
///
/// Each entry's example questions (and its keywords, each counting as `weight` extra questions)
/// are its documents. A term's weight for entry `e` starts as the smoothed log-odds of the term
/// appearing in a question of `e` versus in a question of any other entry; terms that are no more
/// likely in `e` than elsewhere get no weight for `e`. So words every entry shares ("how", "my",
/// "的") carry nothing, and a word specific to one entry carries a lot.
struct TermIndex: Sendable {
    /// Posting ranges by term hash.
    private let slots: [UInt64: Range<Int32>]
    /// Entry index of each posting.
    private let postingEntries: [Int32]
    /// Weight of each posting.
    private let postingWeights: [Float]

    /// Number of distinct terms indexed.
    var termCount: Int { slots.count }
    /// Number of (term, entry) postings.
    var postingCount: Int { postingEntries.count }

    /// A training document: its distinct terms, and how many example questions it counts as.
    struct Document {
        let keys: [TermKey]
        let weight: Double
    }

    /// Builds the index from per-entry documents.
    init(documents: [[Document]], smoothing alpha: Double, refinement: Refinement? = nil) {
        var ids: [UInt64: Int32] = [:]
        var frequency: [[Int32: Double]] = []
        var entrySizes = [Double](repeating: 0, count: documents.count)
        for (entry, docs) in documents.enumerated() {
            for doc in docs {
                entrySizes[entry] += doc.weight
                for key in doc.keys {
                    let id: Int32
                    if let known = ids[key.hash] {
                        id = known
                    } else {
                        id = Int32(frequency.count)
                        ids[key.hash] = id
                        frequency.append([:])
                    }
                    frequency[Int(id)][Int32(entry), default: 0] += doc.weight
                }
            }
        }
        let total = entrySizes.reduce(0, +)
        var rows: [[(entry: Int32, weight: Float)]] = frequency.map { perEntry in
            let termTotal = perEntry.values.reduce(0, +)
            return perEntry.compactMap { entry, count in
                let size = entrySizes[Int(entry)]
                let inEntry = (count + alpha) / (size + 2 * alpha)
                let elsewhere = (termTotal - count + alpha) / (total - size + 2 * alpha)
                let weight = log(inEntry / elsewhere)
                return weight > 0 ? (entry, Float(weight)) : nil
            }.sorted { $0.entry < $1.entry }
        }
        if let refinement {
            refinement.apply(to: &rows, ids: ids, documents: documents, entryCount: documents.count)
        }
        var slots: [UInt64: Range<Int32>] = [:]
        slots.reserveCapacity(ids.count)
        var entries: [Int32] = []
        var weights: [Float] = []
        for (hash, id) in ids {
            let start = Int32(entries.count)
            for posting in rows[Int(id)] where posting.weight != 0 {
                entries.append(posting.entry)
                weights.append(posting.weight)
            }
            if Int32(entries.count) > start { slots[hash] = start..<Int32(entries.count) }
        }
        self.slots = slots
        self.postingEntries = entries
        self.postingWeights = weights
    }

    /// Calls `body` with each entry the term is evidence for and its weight.
    @inline(__always)
    func forEachPosting(_ key: TermKey, _ body: (Int, Float) -> Void) {
        guard let range = slots[key.hash] else { return }
        for index in Int(range.lowerBound)..<Int(range.upperBound) {
            body(Int(postingEntries[index]), postingWeights[index])
        }
    }

    /// The weight of `key` for `entry`, or 0.
    func weight(_ key: TermKey, entry: Int) -> Float {
        var result: Float = 0
        forEachPosting(key) { candidate, weight in if candidate == entry { result = weight } }
        return result
    }
}

/// Margin-perceptron passes over the training questions that sharpen the log-odds weights:
/// where a question's own entry does not beat the best other entry by `margin`, its terms move
/// weight from that rival to its own entry. The final weights are the average over all steps
/// (an averaged perceptron), which generalises better than the last ones.
struct Refinement: Sendable {
    var epochs: Int
    var margin: Float
    var rate: Float
    var averaged: Bool = true
    /// Per-term scale from the term's family and the document's family counts.
    var scales: @Sendable ([TermKey]) -> [Float]

    func apply(to rows: inout [[(entry: Int32, weight: Float)]], ids: [UInt64: Int32], documents: [[TermIndex.Document]], entryCount: Int) {
        var examples: [(entry: Int, terms: [(id: Int, value: Float)])] = []
        for (entry, docs) in documents.enumerated() {
            for doc in docs where doc.weight == 1 {
                let scale = scales(doc.keys)
                let terms = doc.keys.map { (id: Int(ids[$0.hash]!), value: scale[$0.family.rawValue]) }
                examples.append((entry, terms))
            }
        }
        // Per posting: the running sum of step * delta, for the averaged weights.
        var stepSums: [[Float]] = rows.map { [Float](repeating: 0, count: $0.count) }
        var scores = [Float](repeating: 0, count: entryCount)
        var generator = SplitMix(seed: 42)
        var step: Float = 1
        for _ in 0..<epochs {
            examples.shuffle(using: &generator)
            for example in examples {
                defer { step += 1 }
                for index in scores.indices { scores[index] = 0 }
                for term in example.terms {
                    for posting in rows[term.id] { scores[Int(posting.entry)] += posting.weight * term.value }
                }
                var rival = -1
                for index in scores.indices where index != example.entry {
                    if rival < 0 || scores[index] > scores[rival] { rival = index }
                }
                guard rival >= 0, scores[example.entry] - scores[rival] < margin else { continue }
                for term in example.terms {
                    let delta = rate * term.value
                    Refinement.add(delta, step: step, entry: Int32(example.entry), row: &rows[term.id], sums: &stepSums[term.id])
                    Refinement.add(-delta, step: step, entry: Int32(rival), row: &rows[term.id], sums: &stepSums[term.id])
                }
            }
        }
        guard averaged else { return }
        for id in rows.indices {
            for index in rows[id].indices { rows[id][index].weight -= stepSums[id][index] / step }
        }
    }

    private static func add(
        _ delta: Float, step: Float, entry: Int32, row: inout [(entry: Int32, weight: Float)], sums: inout [Float]
    ) {
        if let index = row.firstIndex(where: { $0.entry == entry }) {
            row[index].weight += delta
            sums[index] += step * delta
        } else {
            row.append((entry, delta))
            sums.append(step * delta)
        }
    }
}

/// A small deterministic random generator, so that training is reproducible.
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
