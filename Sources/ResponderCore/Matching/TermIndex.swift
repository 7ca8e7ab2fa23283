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
    struct Document: Sendable {
        let keys: [TermKey]
        let weight: Double
    }

    /// One open-addressing slot: a term hash and where its postings are. Key and range share a
    /// cache line, so a lookup costs one memory access before the postings themselves.
    private struct Slot {
        var key: UInt64 = 0
        var start: UInt32 = 0
        var end: UInt32 = 0
    }

    private let slots: [Slot]
    private let mask: Int
    /// Postings as (entry, quantised weight): 4 bytes each, so that more of the index stays in cache.
    private let postings: [CompactPosting]
    /// The weight of one quantisation level: a posting's weight is `level * quantum`.
    private let quantum: Float

    /// Number of distinct terms indexed.
    let termCount: Int
    /// The most entries an index holds (entry numbers are 16 bits).
    static let maximumEntries = Int(UInt16.max)
    /// Number of (term, entry) postings.
    var postingCount: Int { postings.count }

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
            let frozenTable = table
            let examples = Array(documents.enumerated()).concurrentMap { entry, docs in
                docs.filter { $0.weight == 1 }.map { doc in
                    let scales = refinement.scales(doc.keys)
                    let adjusted = doc.keys.filter { refinement.families[$0.family.rawValue] }
                    let fixed = doc.keys.filter { !refinement.families[$0.family.rawValue] }
                    return Refinement.Example(
                        entry: Int32(entry),
                        terms: adjusted.map { Int32(frozenTable.id(of: $0.hash)!) },
                        values: adjusted.map { scales[$0.family.rawValue] },
                        fixedTerms: fixed.map { Int32(frozenTable.id(of: $0.hash)!) },
                        fixedValues: fixed.map { scales[$0.family.rawValue] })
                }
            }.flatMap { $0 }
            refinement.train(&rows, on: examples, entryCount: documents.count)
        }
        // 16-bit levels keep weights to within 1/65,000 of the largest, far finer than matters.
        let largest = rows.lazy.flatMap { $0 }.map { abs($0.weight) }.max() ?? 1
        let quantum = Swift.max(largest, Float.leastNormalMagnitude) / Float(Int16.max)
        var postings: [CompactPosting] = []
        var ranges: [Range<UInt32>] = []
        ranges.reserveCapacity(rows.count)
        for row in rows {
            let start = UInt32(postings.count)
            for posting in row.sorted(by: { $0.entry < $1.entry }) {
                let level = Int16((posting.weight / quantum).rounded())
                if level != 0 { postings.append(CompactPosting(entry: UInt16(posting.entry), level: level)) }
            }
            ranges.append(start..<UInt32(postings.count))
        }
        // Linear probing at a load factor of at most 2/3.
        var size = 64
        while size * 2 < rows.count * 3 { size <<= 1 }
        var slots = [Slot](repeating: Slot(), count: size)
        var termCount = 0
        for (hash, id) in table.all() where !ranges[Int(id)].isEmpty {
            let key = hash == 0 ? 1 : hash
            var index = TermTable.slot(of: key, mask: size - 1)
            while slots[index].key != 0 { index = (index + 1) & (size - 1) }
            slots[index] = Slot(key: key, start: ranges[Int(id)].lowerBound, end: ranges[Int(id)].upperBound)
            termCount += 1
        }
        self.slots = slots
        self.mask = size - 1
        self.postings = postings
        self.quantum = quantum
        self.termCount = termCount
    }

    /// Writes the trained index (see `init(from:entryCount:)`).
    func encode(into writer: inout ModelWriter) {
        writer.write(UInt64(termCount))
        writer.write(quantum)
        writer.write(array: slots)
        writer.write(array: postings)
    }

    /// Reads an index that `encode(into:)` wrote for a base of `entryCount` entries, checking
    /// every slot and posting, so that a damaged file cannot make a lookup read out of bounds.
    init(from reader: inout ModelReader, entryCount: Int) throws(ModelReader.Corrupt) {
        guard let termCount = Int(exactly: try reader.read(UInt64.self)) else { throw ModelReader.Corrupt() }
        let quantum = try reader.readFloat()
        let slots = try reader.readArray(of: Slot.self)
        let postings = try reader.readArray(of: CompactPosting.self)
        // Lookups stop at an empty slot, so the table must have some (at most 2/3 full); the
        // binary search of `weight` needs each term's postings in increasing entry order.
        let used = slots.reduce(0) { $0 + ($1.key == 0 ? 0 : 1) }
        guard slots.count >= 64, slots.count & (slots.count - 1) == 0, quantum.isFinite,
            used == termCount, used * 3 <= slots.count * 2,
            postings.allSatisfy({ Int($0.entry) < entryCount }),
            slots.allSatisfy({ slot in
                guard slot.start <= slot.end, Int(slot.end) <= postings.count else { return false }
                let range = Int(slot.start)..<Int(slot.end)
                return zip(postings[range], postings[range].dropFirst()).allSatisfy { $0.entry < $1.entry }
            })
        else { throw ModelReader.Corrupt() }
        self.slots = slots
        self.mask = slots.count - 1
        self.postings = postings
        self.quantum = quantum
        self.termCount = termCount
    }

    /// The postings of `key`: empty when the term is evidence for no entry.
    @inline(__always)
    private func range(of key: TermKey) -> Range<Int> {
        let wanted = key.hash == 0 ? 1 : key.hash
        var index = TermTable.slot(of: wanted, mask: mask)
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let slot = slots[index]
                if slot.key == wanted { return Int(slot.start)..<Int(slot.end) }
                if slot.key == 0 { return 0..<0 }
                index = (index + 1) & mask
            }
        }
    }

    /// Adds `scale` times each posting of `key` into `scores`; false when the term is unknown.
    @inline(__always)
    @discardableResult
    func accumulate(_ key: TermKey, scale: Float, into scores: UnsafeMutableBufferPointer<Float>) -> Bool {
        let range = range(of: key)
        let step = quantum * scale
        postings.withUnsafeBufferPointer { postings in
            for index in range {
                let posting = postings[index]
                scores[Int(posting.entry)] += Float(posting.level) * step
            }
        }
        return !range.isEmpty
    }

    /// The weight of `key` for `entry`, or 0: a binary search of the term's postings (sorted by entry).
    func weight(_ key: TermKey, entry: Int) -> Float {
        var range = range(of: key)
        return postings.withUnsafeBufferPointer { postings in
            while !range.isEmpty {
                let middle = range.lowerBound + range.count / 2
                let found = Int(postings[middle].entry)
                if found == entry { return Float(postings[middle].level) * quantum }
                range = found < entry ? (middle + 1)..<range.upperBound : range.lowerBound..<middle
            }
            return 0
        }
    }

    /// True when `key` is evidence for at least one entry.
    func contains(_ key: TermKey) -> Bool { !range(of: key).isEmpty }
}

/// One (entry, weight) pair of a term, while the index is built and refined.
struct Posting {
    var entry: Int32
    var weight: Float
}

/// One (entry, weight) pair of a term in the finished index: the entry (bases have at most
/// `TermIndex.maximumEntries`) and the weight in quantisation levels.
struct CompactPosting {
    let entry: UInt16
    let level: Int16
}
