/// Learns a knowledge base's `ConfidenceCalibrator` from its own questions, with no labelled
/// out-of-scope data.
///
/// The entries are dealt into `folds` groups and each entry's questions into `folds` folds. For
/// fold k a scorer is trained without question fold k and without entry group k altogether; then
///   - each held-out question of a remaining entry is a realistic new message: its label is
///     whether the scorer ranks its own entry first;
///   - each question of a left-out entry stands for a message the base cannot answer (a near miss
///     in the base's own domain): its label is "wrong", whatever comes first.
/// Both kinds are weighted so that out-of-scope messages make up `outOfScopeShare` of the total,
/// and a logistic regression over `ConfidenceFeatures` is fitted to them, its weights pulled
/// towards `ConfidenceCalibrator.standard`'s so that a small base's few examples cannot run
/// wild. The folds are trained on all cores, in a fixed pseudo-random order, so the same base
/// always gets the same calibrator.
enum ConfidenceTraining {
    /// Fewer held-out questions than this of either kind (in scope, out of scope) and the base
    /// keeps `ConfidenceCalibrator.standard`.
    static let minimumExamples = 10
    /// At most this many held-out questions of each kind are scored per fold, so that a very
    /// large base does not spend long on calibration.
    static let maximumExamplesPerFold = 6_000

    /// The calibrator for a base whose entries have `documents` (each entry's questions first, one
    /// document each, then its keywords).
    static func calibrator(
        documents: [[TermIndex.Document]], entries: [FAQEntry], options: MatcherOptions
    ) -> ConfidenceCalibrator {
        calibrator(documents: documents, entries: entries, options: options, alongside: {}).calibrator
    }

    /// The calibrator, and the result of `alongside`, run on the cores together with the folds
    /// (the matcher builds the whole base's index there).
    static func calibrator<Other: Sendable>(
        documents: [[TermIndex.Document]], entries: [FAQEntry], options: MatcherOptions,
        alongside: @escaping @Sendable () -> Other
    ) -> (calibrator: ConfidenceCalibrator, alongside: Other) {
        let folds = options.calibrationFolds
        guard folds > 1, entries.count > 1 else { return (.standard, alongside()) }
        var generator = SplitMix(seed: 0xCA11_B8A7E)
        var order = Array(entries.indices)
        order.shuffle(using: &generator)
        var groups = [Int](repeating: 0, count: entries.count)
        for (position, entry) in order.enumerated() { groups[entry] = position % folds }
        let group = groups
        // Question j of entry e is in fold (j + offset[e]) % folds, so folds stay balanced.
        let offsets = entries.indices.map { _ in Int(generator.next() % UInt64(folds)) }

        // Job -1 is `alongside`, the others the folds; the largest goes first.
        let jobs: [(other: Other?, examples: [LogisticRegression.Example])] = Array(-1..<folds).concurrentMap { job in
            guard job >= 0 else { return (alongside(), []) }
            return (
                nil,
                heldOutExamples(
                    fold: job, folds: folds, documents: documents, entries: entries, group: group, offsets: offsets,
                    options: options)
            )
        }
        let other = jobs[0].other!
        let examples = jobs.flatMap(\.examples)
        let outOfScope = examples.filter { $0.weight < 0 }.count
        let inScope = examples.count - outOfScope
        guard inScope >= minimumExamples, outOfScope >= minimumExamples else { return (.standard, other) }
        // The sign of the weight marked the kind; now each kind gets its share of the total.
        let share = options.outOfScopeShare
        let weighted = examples.map { example in
            LogisticRegression.Example(
                features: example.features, label: example.label,
                weight: example.weight < 0 ? share / Double(outOfScope) : (1 - share) / Double(inScope))
        }
        guard
            let fitted = LogisticRegression.fit(
                weighted, signs: ConfidenceFeatures.signs, l2: options.calibrationPenalty,
                prior: ConfidenceCalibrator.standard.weights)
        else { return (.standard, other) }
        // Newton's method on separable data can run off to infinity: never keep such a fit.
        guard ([fitted.bias] + fitted.weights).allSatisfy(\.isFinite) else { return (.standard, other) }
        return (ConfidenceCalibrator(bias: fitted.bias, weights: fitted.weights, origin: .trained), other)
    }

    /// The held-out examples of one fold; out-of-scope ones carry weight -1, in-scope ones +1.
    private static func heldOutExamples(
        fold: Int, folds: Int, documents: [[TermIndex.Document]], entries: [FAQEntry], group: [Int], offsets: [Int],
        options: MatcherOptions
    ) -> [LogisticRegression.Example] {
        let inFold = { (entry: Int, question: Int) in (question + offsets[entry]) % folds == fold }
        let training = documents.enumerated().map { entry, docs -> [TermIndex.Document] in
            if group[entry] == fold { return [] }
            let questions = entries[entry].questions.count
            return docs.enumerated().filter { $0.offset >= questions || !inFold(entry, $0.offset) }.map(\.element)
        }
        // No patterns: they were written to match these very questions (see `ConfidenceCalibrator`).
        let scorer = EntryScorer(documents: training, entries: entries, patternEntries: [], options: options)

        var inScope: [(entry: Int, question: Int)] = []
        var outOfScope: [(entry: Int, question: Int)] = []
        for entry in entries.indices {
            for question in entries[entry].questions.indices {
                if group[entry] == fold {
                    outOfScope.append((entry, question))
                } else if inFold(entry, question) {
                    inScope.append((entry, question))
                }
            }
        }
        var examples: [LogisticRegression.Example] = []
        for (questions, isOutOfScope) in [(inScope, false), (outOfScope, true)] {
            // An even sample of a large fold: every k-th question.
            let stride = Swift.max(1, (questions.count + maximumExamplesPerFold - 1) / maximumExamplesPerFold)
            for position in Swift.stride(from: 0, to: questions.count, by: stride) {
                let (entry, question) = questions[position]
                let evidence = scorer.evidence(
                    keys: documents[entry][question].keys, text: entries[entry].questions[question].text)
                // A message no entry scores is escalated whatever the calibrator says: nothing to learn.
                guard let ranked = evidence.ranked(count: 1).first else { continue }
                let features = ConfidenceFeatures(
                    evidence: evidence, entry: ranked, rivalScore: evidence.bestTermScore(excluding: ranked),
                    coverage: scorer.coverage(of: ranked, unigrams: evidence.unigrams))
                examples.append(
                    LogisticRegression.Example(
                        features: features.values, label: !isOutOfScope && ranked == entry,
                        weight: isOutOfScope ? -1 : 1))
            }
        }
        return examples
    }
}
