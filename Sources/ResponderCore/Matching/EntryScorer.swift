import PCRE2

/// What one message scores against every entry, and what the confidence is later read from.
struct Evidence {
    /// Each entry's blended score: term weights plus matching patterns.
    var scores: [Float]
    /// The patterns that matched, by entry.
    var patternHits: [Int: [SourcePattern]]
    /// What the matching patterns added to each entry's score (entries with a hit only).
    var patternScores: [Int: Double]
    /// The message's distinct terms, by family (unigram, bigram, chargram; a vector, so no allocation).
    var termCounts: SIMD4<Int>
    /// Of those, the terms that are evidence for at least one entry, by family.
    var knownCounts: SIMD4<Int>
    /// Unigrams: stemmed words and single CJK characters.
    var unigrams: [TermKey]
}

/// Scores messages against entries: the term index learned from the entries' documents plus the
/// entries' patterns. The matcher holds one for the whole base; confidence calibration builds one
/// per cross-validation fold, with some questions and whole entries left out.
struct EntryScorer: Sendable {
    let index: TermIndex
    let familyWeights: [Double]
    let options: MatcherOptions
    /// The entries whose patterns count, with their patterns.
    private let patterns: [(entry: Int, patterns: [SourcePattern])]
    private let entryCount: Int

    /// Builds the index from each entry's documents; only the entries in `patternEntries` have
    /// their patterns tried (entries left out of a fold must not match by pattern either).
    init(documents: [[TermIndex.Document]], entries: [FAQEntry], patternEntries: [Int], options: MatcherOptions) {
        let familyWeights = TermFamily.allCases.map { options.familyWeights[$0] ?? 0 }
        let refinement =
            options.refinementEpochs > 0
            ? Refinement(
                epochs: options.refinementEpochs, margin: Float(options.refinementMargin),
                rate: Float(options.refinementRate),
                families: TermFamily.allCases.map { options.refinedFamilies.contains($0) }
            ) {
                EntryScorer.termScales($0, familyWeights: familyWeights, prior: options.evidencePrior)
            } : nil
        self.init(
            index: TermIndex(documents: documents, smoothing: options.smoothing, refinement: refinement),
            entries: entries, patternEntries: patternEntries, options: options)
    }

    /// A scorer over an index trained before (e.g. read from a cache); only the entries in
    /// `patternEntries` (all of them when nil) have their patterns tried.
    init(index: TermIndex, entries: [FAQEntry], patternEntries: [Int]? = nil, options: MatcherOptions) {
        self.index = index
        self.familyWeights = TermFamily.allCases.map { options.familyWeights[$0] ?? 0 }
        self.options = options
        self.patterns = (patternEntries ?? Array(entries.indices)).filter { !entries[$0].patterns.isEmpty }
            .map { ($0, entries[$0].patterns) }
        self.entryCount = entries.count
    }

    /// Scores the distinct term `keys` of `text` (already cut to the matched length).
    func evidence(keys: [TermKey], text: String) -> Evidence {
        var termCounts = SIMD4<Int>()
        for key in keys { termCounts[key.family.rawValue] += 1 }
        let termScale = EntryScorer.termScales(
            counts: termCounts, familyWeights: familyWeights, prior: options.evidencePrior)
        var knownCounts = SIMD4<Int>()
        var unigrams: [TermKey] = []
        unigrams.reserveCapacity(termCounts[TermFamily.unigram.rawValue])
        var scores = [Float](repeating: 0, count: entryCount)
        scores.withUnsafeMutableBufferPointer { scores in
            for key in keys {
                let family = key.family.rawValue
                if key.family == .unigram { unigrams.append(key) }
                if index.accumulate(key, scale: termScale[family], into: scores) { knownCounts[family] += 1 }
            }
        }
        var hits: [Int: [SourcePattern]] = [:]
        var patternScores: [Int: Double] = [:]
        if !patterns.isEmpty {
            let scratch = MatchScratch()
            for (entry, entryPatterns) in patterns {
                // A pattern that hits a match limit counts as not matching.
                for pattern in entryPatterns where (try? pattern.pattern.matches(text, using: scratch)) == true {
                    scores[entry] += Float(options.patternScore * pattern.weight)
                    patternScores[entry, default: 0] += options.patternScore * pattern.weight
                    hits[entry, default: []].append(pattern)
                }
            }
        }
        return Evidence(
            scores: scores, patternHits: hits, patternScores: patternScores, termCounts: termCounts,
            knownCounts: knownCounts, unigrams: unigrams)
    }

    /// Each family's multiplier for the terms of one message (see `termScales(counts:...)`).
    static func termScales(_ keys: [TermKey], familyWeights: [Double], prior: Double) -> [Float] {
        var counts = SIMD4<Int>()
        for key in keys { counts[key.family.rawValue] += 1 }
        let scales = termScales(counts: counts, familyWeights: familyWeights, prior: prior)
        return [scales[0], scales[1], scales[2]]
    }

    /// Each family's multiplier for the terms of one message: the family's weight divided by the
    /// message's number of terms in that family and by the summed weights of the families present,
    /// times n / (n + prior) for a message of n unigrams (the short-message shrink).
    static func termScales(counts familyCounts: SIMD4<Int>, familyWeights: [Double], prior: Double) -> SIMD4<Float> {
        var present = 0.0
        for family in 0..<3 where familyCounts[family] > 0 { present += familyWeights[family] }
        var scales = SIMD4<Float>()
        // Shrink short messages' averages toward "no evidence": n words count as n + prior.
        let words = Double(familyCounts[TermFamily.unigram.rawValue])
        let shrink = words / (words + prior)
        for family in 0..<3 where familyCounts[family] > 0 && present > 0 {
            scales[family] = Float(shrink * familyWeights[family] / (Double(familyCounts[family]) * present))
        }
        return scales
    }

    /// The share of `unigrams` that carry positive weight for `entry`.
    func coverage(of entry: Int, unigrams: [TermKey]) -> Double {
        guard !unigrams.isEmpty else { return 0 }
        var covered = 0
        for key in unigrams where index.weight(key, entry: entry) > 0 { covered += 1 }
        return Double(covered) / Double(unigrams.count)
    }
}

extension Evidence {
    /// Entry `entry`'s score from the message's terms alone, without its patterns.
    func termScore(_ entry: Int) -> Double { Double(scores[entry]) - (patternScores[entry] ?? 0) }

    /// The best term score (patterns aside) among every entry but `entry`; 0 when none is positive.
    func bestTermScore(excluding entry: Int) -> Double {
        if patternScores.isEmpty {
            var best: Float = 0
            for index in scores.indices where index != entry && scores[index] > best { best = scores[index] }
            return Double(best)
        }
        var best = 0.0
        for index in scores.indices where index != entry { best = Swift.max(best, termScore(index)) }
        return best
    }

    /// The summed weights of `entry`'s patterns that matched (0 when none did).
    func patternWeight(_ entry: Int) -> Double {
        patternHits[entry]?.reduce(0) { $0 + $1.weight } ?? 0
    }

    /// The `count` entries with the highest positive scores, best first (ties: lower index first).
    func ranked(count: Int) -> [Int] {
        guard count > 0 else { return [] }
        var best = [Int](repeating: -1, count: count)
        var filled = 0
        var floor: Float = 0  // the score to beat once `best` is full
        scores.withUnsafeBufferPointer { scores in
            for entry in scores.indices {
                let score = scores[entry]
                guard score > floor || (filled < count && score > 0) else { continue }
                // Insertion into the short sorted list, shifting the weaker ones down.
                var position = Swift.min(filled, count - 1)
                while position > 0, scores[best[position - 1]] < score {
                    best[position] = best[position - 1]
                    position -= 1
                }
                best[position] = entry
                if filled < count { filled += 1 }
                if filled == count { floor = scores[best[count - 1]] }
            }
        }
        return Array(best.prefix(filled))
    }
}
