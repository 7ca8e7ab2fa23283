/// The same question twice: in one entry (`duplicate-question`) or in several (`shared-question`).
enum QuestionChecks {
    /// `text` as the matcher sees it: normalised words and CJK runs, single-spaced. Two questions
    /// with the same key are the same question to the engine.
    static func key(_ text: String) -> String {
        // The tokens' UTF-8 straight into one buffer: a string per token, or appending scalars
        // to a string, cost more than the rest of the check together, which every load for use runs.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        Tokenizer.forEachToken(in: TextNormalizer.normalizedScalars(text)) { scalars, _ in
            if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
            for scalar in scalars { UTF8.encode(scalar) { bytes.append($0) } }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One entry's copy of a question.
    private struct Copy {
        let entry: Int
        let question: ExampleQuestion
    }

    static func check(_ base: KnowledgeBase) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        var copies: [String: [Copy]] = [:]
        var keys: [String] = []  // in the order first seen, so that findings never depend on hashing
        // Each question's key, computed on all the cores; the rest in order.
        let questionKeys = base.entries.concurrentMap { entry in entry.questions.map { key($0.text) } }
        for (index, entry) in base.entries.enumerated() {
            var seen: [String: ExampleQuestion] = [:]
            for (question, key) in zip(entry.questions, questionKeys[index]) {
                if key.isEmpty { continue }
                if let earlier = seen[key] {
                    findings.append(
                        Diagnostic(
                            .duplicateQuestion, at: question.location,
                            "question '\(question.text)' of entry '\(entry.id)' repeats '\(earlier.text)' (line \(earlier.location.line)) after normalisation; delete one"
                        ))
                    continue
                }
                seen[key] = question
                if copies[key] == nil { keys.append(key) }
                copies[key, default: []].append(Copy(entry: index, question: question))
            }
        }
        for key in keys {
            guard let shared = copies[key], shared.count > 1 else { continue }
            findings.append(sharedQuestion(key, shared, base: base))
        }
        return findings
    }

    /// The keys of the questions that more than one entry has.
    static func sharedKeys(of base: KnowledgeBase) -> Set<String> {
        var owner: [String: Int] = [:]
        var shared: Set<String> = []
        for (index, entry) in base.entries.enumerated() {
            for question in entry.questions {
                let key = key(question.text)
                if key.isEmpty { continue }
                if let first = owner[key] {
                    if first != index { shared.insert(key) }
                } else {
                    owner[key] = index
                }
            }
        }
        return shared
    }

    /// One finding for a question that several entries have, at the copy in the entry it fits
    /// least: the one whose other questions share the fewest of its words (stemmed), which is
    /// the entry the matcher is least likely to answer it with. On a tie, the copy read last.
    private static func sharedQuestion(_ key: String, _ copies: [Copy], base: KnowledgeBase) -> Diagnostic {
        let units = Set(KeywordPhrase.units(of: copies[0].question.text))
        func fit(_ copy: Copy) -> Int {
            var others: Set<String> = []
            for question in base.entries[copy.entry].questions where Self.key(question.text) != key {
                others.formUnion(KeywordPhrase.units(of: question.text))
            }
            return units.intersection(others).count
        }
        let ranked = copies.map { (copy: $0, fit: fit($0)) }.sorted {
            ($0.fit, $1.copy.question.location) < ($1.fit, $0.copy.question.location)
        }
        let blamed = ranked[0]
        let keeper = ranked[ranked.count - 1]
        let entry = base.entries[blamed.copy.entry]
        let keeperID = base.entries[keeper.copy.entry].id
        let others = copies.filter { $0.entry != blamed.copy.entry }.map {
            "'\(base.entries[$0.entry].id)' (also in \($0.question.location))"
        }
        let advice =
            keeper.fit > blamed.fit
            ? "so keep it in one: '\(keeperID)', whose other questions share more of its words"
            : "so keep it in one"
        return Diagnostic(
            .sharedQuestion, at: blamed.copy.question.location,
            "question '\(blamed.copy.question.text)' of entry '\(entry.id)' is also a question of entr\(others.count == 1 ? "y" : "ies") \(others.joined(separator: " and ")); the engine cannot tell them apart, \(advice)"
        )
    }
}
