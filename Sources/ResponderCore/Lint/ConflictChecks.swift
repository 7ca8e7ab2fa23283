import Foundation

/// Conflicts between entries, found by cross-validating the matcher on the base's own questions.
///
/// Each entry's questions are dealt round-robin into `folds` folds; for each fold the matcher is
/// built without that fold's questions and asked each of them. A question answered with another
/// entry is a `question-conflict`: customers who ask it that way get the wrong answer. When a
/// pattern of the other entry matches the question and, without that entry's patterns, the
/// question would not be answered with it, the pattern is the cause: one `question-conflict` at
/// the pattern names every question it captures. A question whose two best entries are within
/// the ambiguity margin counts towards an `ambiguous-entries` finding for that pair. Questions
/// that several entries have are left out: `shared-question` reports them. With ten folds,
/// each question is left out together with a tenth of the others, which is close to leaving it
/// out alone and ten times cheaper than rebuilding the matcher once per question.
enum ConflictChecks {
    static let folds = 10
    /// How many of the entries whose questions a pattern captures its finding names.
    static let quotedEntries = 5

    /// One held-out question's outcome.
    private struct Outcome: Sendable {
        let entry: Int
        let question: ExampleQuestion
        /// Set when another entry answered it: (entry index, confidence).
        let answeredBy: (entry: Int, confidence: Double)?
        /// Set when a pattern of the entry that answered made the difference.
        let capturedBy: SourcePattern?
        /// Set when the best two were within the margin: the other entry's index.
        let tiedWith: Int?
    }

    /// The questions one pattern captures.
    private struct Capture {
        let pattern: SourcePattern
        let entry: Int
        var questions: [(entry: Int, question: ExampleQuestion)]
    }

    static func check(_ base: KnowledgeBase, options: MatcherOptions = .standard) -> [Diagnostic] {
        let policy = DecisionPolicy(base.settings)
        // What training does is decided for the whole base, not again for each fold's part of it.
        let options = options.forBase(questions: base.entries.reduce(0) { $0 + $1.questions.count })
        // Every fold's matcher borrows the whole base's calibrator: confidences as customers get them.
        let calibrator = ConfidenceTraining.calibrator(
            documents: Matcher.documents(of: base, options: options), entries: base.entries, options: options)
        let shared = QuestionChecks.sharedKeys(of: base)
        let outcomes = Array(0..<folds).concurrentMap { fold in
            heldOut(
                fold: fold, base: base, policy: policy, options: options, calibrator: calibrator, shared: shared)
        }.flatMap { $0 }
        var findings: [Diagnostic] = []
        var pairs: [Pair: [ExampleQuestion]] = [:]
        var captures: [SourceLocation: Capture] = [:]
        for outcome in outcomes {
            let entry = base.entries[outcome.entry]
            if let (other, confidence) = outcome.answeredBy {
                if let pattern = outcome.capturedBy {
                    captures[pattern.location, default: Capture(pattern: pattern, entry: other, questions: [])]
                        .questions.append((outcome.entry, outcome.question))
                } else {
                    findings.append(
                        Diagnostic(
                            .questionConflict, at: outcome.question.location,
                            "question '\(outcome.question.text)' of entry '\(entry.id)' is answered with entry '\(base.entries[other].id)' (confidence \(format(confidence))) when left out of its entry's questions; reword it, or give '\(entry.id)' the keywords or patterns that tell them apart"
                        ))
                }
            }
            if let other = outcome.tiedWith {
                pairs[Pair(outcome.entry, other), default: []].append(outcome.question)
            }
        }
        for capture in captures.values.sorted(by: { $0.pattern.location < $1.pattern.location }) {
            findings.append(finding(capture, base: base))
        }
        for (pair, questions) in pairs.sorted(by: { ($0.key.first, $0.key.second) < ($1.key.first, $1.key.second) }) {
            let first = base.entries[pair.first]
            let second = base.entries[pair.second]
            let example = questions[0].text
            findings.append(
                Diagnostic(
                    .ambiguousEntries, at: first.location,
                    "entries '\(first.id)' and '\(second.id)' are within the ambiguity margin (\(Int((policy.margin * 100).rounded()))% of the best confidence) on \(questions.count) of their questions, e.g. '\(example)', so customers asking that way are asked to choose; make their questions more distinct or merge them"
                ))
        }
        return findings
    }

    /// One finding at a pattern, naming the entries whose questions it captures, each with the
    /// number of questions and the first of them.
    private static func finding(_ capture: Capture, base: KnowledgeBase) -> Diagnostic {
        let owner = base.entries[capture.entry].id
        var byEntry: [(entry: Int, questions: [ExampleQuestion])] = []
        for (entry, question) in capture.questions.sorted(by: { $0.question.location < $1.question.location }) {
            if let position = byEntry.firstIndex(where: { $0.entry == entry }) {
                byEntry[position].questions.append(question)
            } else {
                byEntry.append((entry, [question]))
            }
        }
        var quoted = byEntry.prefix(quotedEntries).map { entry, questions in
            "\(questions.count) of '\(base.entries[entry].id)', e.g. '\(questions[0].text)' (\(questions[0].location))"
        }.joined(separator: "; ")
        if byEntry.count > quotedEntries {
            quoted += "; and questions of \(byEntry.count - quotedEntries) more entries"
        }
        let count = capture.questions.count == 1 ? "1 question" : "\(capture.questions.count) questions"
        return Diagnostic(
            .questionConflict, at: capture.pattern.location,
            "pattern '\(capture.pattern.pattern.source)' of entry '\(owner)' makes the matcher answer \(count) of other entries with '\(owner)' (each left out of its entry's questions; without the pattern it is not): \(quoted); make the pattern match only what '\(owner)' is about"
        )
    }

    /// An unordered pair of entry indices.
    private struct Pair: Hashable {
        let first: Int
        let second: Int

        init(_ a: Int, _ b: Int) {
            first = min(a, b)
            second = max(a, b)
        }
    }

    private static func inFold(_ fold: Int, entry: Int, question: Int) -> Bool { (entry + question) % folds == fold }

    /// Builds the matcher without `fold`'s questions and asks each of them (but the `shared` ones).
    private static func heldOut(
        fold: Int, base: KnowledgeBase, policy: DecisionPolicy, options: MatcherOptions,
        calibrator: ConfidenceCalibrator, shared: Set<String>
    ) -> [Outcome] {
        let reduced = KnowledgeBase(
            directory: base.directory, settings: base.settings, groups: base.groups,
            entries: base.entries.enumerated().map { index, entry in
                entry.withQuestions(
                    entry.questions.enumerated().filter { !inFold(fold, entry: index, question: $0.offset) }.map(
                        \.element))
            }, version: base.version)
        let matcher = Matcher(base: reduced, options: options, calibrator: calibrator)
        // The same matcher but for one entry's patterns, built on demand over the same index.
        var patternless: [Int: Matcher] = [:]
        func withoutPatterns(of entry: Int) -> Matcher {
            if let built = patternless[entry] { return built }
            let scorer = EntryScorer(
                index: matcher.scorer.index, entries: reduced.entries,
                patternEntries: reduced.entries.indices.filter { $0 != entry }, options: matcher.scorer.options)
            let built = Matcher(base: reduced, options: matcher.options, scorer: scorer, calibrator: calibrator)
            patternless[entry] = built
            return built
        }
        var outcomes: [Outcome] = []
        for (index, entry) in base.entries.enumerated() {
            for (position, question) in entry.questions.enumerated()
            where inFold(fold, entry: index, question: position) {
                let candidates = matcher.match(question.text).candidates
                guard let top = candidates.first else { continue }
                var answeredBy: (Int, Double)? = nil
                var capturedBy: SourcePattern? = nil
                var tiedWith: Int? = nil
                switch policy.decide(candidates) {
                case .answer where top.entryIndex != index:
                    answeredBy = (top.entryIndex, top.confidence)
                    if let pattern = base.entries[top.entryIndex].patterns.first(where: {
                        (try? $0.pattern.matches(question.text)) == true
                    }) {
                        let without = withoutPatterns(of: top.entryIndex).match(question.text).candidates
                        if policy.decide(without) != .answer || without.first?.entryIndex != top.entryIndex {
                            capturedBy = pattern
                        }
                    }
                case .clarify where candidates.count > 1:
                    let runnerUp = candidates[1]
                    if top.entryIndex == index { tiedWith = runnerUp.entryIndex }
                    if runnerUp.entryIndex == index { tiedWith = top.entryIndex }
                default:
                    break
                }
                if answeredBy != nil || tiedWith != nil, !shared.contains(QuestionChecks.key(question.text)) {
                    outcomes.append(
                        Outcome(
                            entry: index, question: question, answeredBy: answeredBy, capturedBy: capturedBy,
                            tiedWith: tiedWith))
                }
            }
        }
        return outcomes
    }

    private static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}

extension FAQEntry {
    /// The same entry with other example questions.
    func withQuestions(_ questions: [ExampleQuestion]) -> FAQEntry {
        FAQEntry(
            id: id, answers: answers, answerLocations: answerLocations, questions: questions, keywords: keywords,
            patterns: patterns, group: group, groupLocation: groupLocation, escalate: escalate,
            escalateLocation: escalateLocation, tags: tags, location: location, misspeltKeys: misspeltKeys)
    }
}
