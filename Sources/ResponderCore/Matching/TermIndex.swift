import Foundation

/// An inverted index from terms to the entries they are evidence for, with learned weights.
///
/// Each entry's example questions (and its keywords, each counting as `weight` extra questions)
/// are its documents. A term's weight for entry `e` starts as the smoothed log-odds of the term
/// appearing in a question of `e` versus in a question of any other entry; terms that are no more
/// likely in `e` than elsewhere get no weight for `e`. So words every entry shares ("how", "my",
/// "的") carry nothing, and a word specific to one entry carries a lot. `Refinement` then
/// sharpens the weights where entries compete for the same questions.
struct TermIndex: Sendable {
    /// A training document: its distinct terms, and how many example questions it counts as.
    struct Document {
        let keys: [TermKey]
        let weight: Double
    }

    private let table: TermTable
    /// Postings of term `id` are `offsets[id]..<offsets[id + 1]`.
    private let offsets: [Int32]
    private let postingEntries: [Int32]
    private let postingWeights: [Float]

    /// Number of distinct terms indexed.
    var termCount: Int { table.count }
    /// Number of (term, entry) postings.
    var postingCount: Int { postingEntries.count }

    /// Builds the index from per-entry documents.
    init(documents: [[Document]], smoothing alpha: Double, refinement: Refinement? = nil) {
        var table = TermTable(capacity: 4096)
        // Per term: its postings (entry, count), built in entry order so no dictionary is needed.
        var rows: [[Posting]] = []
        var entrySizes = [Double](repeating: 0, count: documents.count)
        for (entry, docs) in documents.enumerated() {
            for doc in docs {
                entrySizes[entry] += doc.weight
                for key in doc.keys {
                    let id = Int(table.insert(key.hash))
                    if id == rows.count { rows.append([]) }
                    if rows[id].last?.entry == Int32(entry) {
                        rows[id][rows[id].count - 1].weight += Float(doc.weight)
                    } else {
                        rows[id].append(Posting(entry: Int32(entry), weight: Float(doc.weight)))
                    }
                }
            }
        }
        let total = entrySizes.reduce(0, +)
        for id in rows.indices {
            let termTotal = rows[id].reduce(0.0) { $0 + Double($1.weight) }
            rows[id] = rows[id].compactMap { posting in
                let count = Double(posting.weight)
                let size = entrySizes[Int(posting.entry)]
                let inEntry = (count + alpha) / (size + 2 * alpha)
                let elsewhere = (termTotal - count + alpha) / (total - size + 2 * alpha)
                let weight = log(inEntry / elsewhere)
                return weight > 0 ? Posting(entry: posting.entry, weight: Float(weight)) : nil
            }
        }
        if let refinement {
            let examples = documents.enumerated().flatMap { entry, docs in
                docs.filter { $0.weight == 1 }.map { doc in
                    let scales = refinement.scales(doc.keys)
                    return Refinement.Example(
                        entry: Int32(entry),
                        terms: doc.keys.map { Int32(table.id(of: $0.hash)!) },
                        values: doc.keys.map { scales[$0.family.rawValue] })
                }
            }
            refinement.train(&rows, on: examples, entryCount: documents.count)
        }
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(rows.count + 1)
        var entries: [Int32] = []
        var weights: [Float] = []
        for row in rows {
            for posting in row where posting.weight != 0 {
                entries.append(posting.entry)
                weights.append(posting.weight)
            }
            offsets.append(Int32(entries.count))
        }
        self.table = table
        self.offsets = offsets
        self.postingEntries = entries
        self.postingWeights = weights
    }

    /// Adds `scale` times each posting of `key` into `scores`; false when the term is unknown.
    @inline(__always)
    @discardableResult
    func accumulate(_ key: TermKey, scale: Float, into scores: UnsafeMutableBufferPointer<Float>) -> Bool {
        guard let id = table.id(of: key.hash) else { return false }
        let start = Int(offsets[Int(id)])
        let end = Int(offsets[Int(id) + 1])
        postingEntries.withUnsafeBufferPointer { entries in
            postingWeights.withUnsafeBufferPointer { weights in
                for index in start..<end { scores[Int(entries[index])] += weights[index] * scale }
            }
        }
        return end > start
    }

    /// The weight of `key` for `entry`, or 0.
    func weight(_ key: TermKey, entry: Int) -> Float {
        guard let id = table.id(of: key.hash) else { return 0 }
        for index in Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1]) where postingEntries[index] == Int32(entry) {
            return postingWeights[index]
        }
        return 0
    }

    /// True when `key` is evidence for at least one entry.
    func contains(_ key: TermKey) -> Bool {
        guard let id = table.id(of: key.hash) else { return false }
        return offsets[Int(id) + 1] > offsets[Int(id)]
    }
}

/// One (entry, weight) pair of a term.
struct Posting {
    var entry: Int32
    var weight: Float
}
