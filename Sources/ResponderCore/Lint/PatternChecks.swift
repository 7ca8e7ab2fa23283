import PCRE2

/// Checks every pattern of the base (entries, groups, priority rules) for empty matches,
/// catastrophic backtracking and `\b` next to CJK text.
enum PatternChecks {
    /// A pattern with what it belongs to, for messages.
    struct Owned {
        let pattern: SourcePattern
        let owner: String
    }

    static func patterns(of base: KnowledgeBase) -> [Owned] {
        base.entries.flatMap { entry in entry.patterns.map { Owned(pattern: $0, owner: "entry '\(entry.id)'") } }
            + base.groups.groups.flatMap { group in
                group.patterns.map { Owned(pattern: $0, owner: "group '\(group.id)'") }
            }
            + base.groups.priorityRules.flatMap { rule in
                rule.patterns.map { Owned(pattern: $0, owner: "the \(rule.priority.rawValue) priority rule") }
            }
    }

    /// What probing one pattern found.
    private struct Verdict: Sendable {
        /// It matches without consuming anything.
        let matchesEmpty: Bool
        /// The probe on which it hits the match limit, if any.
        let backtrackingProbe: String?
    }

    static func check(_ base: KnowledgeBase) -> [Diagnostic] {
        let owned = patterns(of: base)
        // Probing takes a millisecond or two a pattern, and every load for use runs it: each
        // distinct pattern is probed once, spread over the cores (in order, so results never
        // depend on timing).
        var index: [String: Int] = [:]
        var distinct: [Pattern] = []
        let keys = owned.map { owned in
            let pattern = owned.pattern.pattern
            let key = "\(pattern.options.caseSensitive ? "s" : "i") \(pattern.source)"
            if index[key] == nil {
                index[key] = distinct.count
                distinct.append(pattern)
            }
            return key
        }
        let verdicts = distinct.concurrentMap { verdict(for: $0) }
        var findings: [Diagnostic] = []
        for (owned, key) in zip(owned, keys) {
            let pattern = owned.pattern.pattern
            let verdict = verdicts[index[key]!]
            let quoted = "pattern '\(pattern.source)' of \(owned.owner)"
            if verdict.matchesEmpty {
                findings.append(
                    Diagnostic(
                        .patternEmptyMatch, at: owned.pattern.location,
                        "\(quoted) can match without consuming any text (the empty string), so it matches nearly every message; make at least one part required (e.g. + instead of *, no ? on the whole)"
                    ))
            }
            if let probe = verdict.backtrackingProbe {
                findings.append(
                    Diagnostic(
                        .patternBacktracking, at: owned.pattern.location,
                        "\(quoted) hits the match limit on \(probe) (catastrophic backtracking); avoid nested quantifiers such as (a+)+ and overlapping alternatives under a repeat"
                    ))
            }
            if let character = cjkBoundary(in: pattern.source) {
                findings.append(
                    Diagnostic(
                        .patternCJKBoundary, at: owned.pattern.location,
                        "\(quoted) has \\b next to '\(character)': Chinese text has no spaces, so \\b there matches only at the very start or end of a message; drop the \\b"
                    ))
            }
        }
        return findings
    }

    /// Probes `pattern` for empty matches and catastrophic backtracking.
    private static func verdict(for pattern: Pattern) -> Verdict {
        let scratch = MatchScratch()
        var unoptimized = pattern.options
        unoptimized.startOptimizations = false
        let worstCase = (try? Pattern(pattern.source, options: unoptimized)) ?? pattern
        return Verdict(
            matchesEmpty: matchesNothingAtAll(pattern, scratch: scratch),
            backtrackingProbe: backtrackingProbe(worstCase, scratch: scratch))
    }

    /// Whether `pattern` can match without consuming anything: on the empty string, or as an
    /// empty match inside ordinary text (`\b(?:refund)?` matches every message with a word).
    static func matchesNothingAtAll(_ pattern: Pattern, scratch: MatchScratch) -> Bool {
        if (try? pattern.matches("", using: scratch)) == true { return true }
        for probe in ["x", "hello world", "你好", "12345"] {
            if let match = try? pattern.firstMatch(in: probe, using: scratch), match.range.isEmpty { return true }
        }
        return false
    }

    /// The description of the first adversarial probe on which `pattern` hits a match limit, if any.
    ///
    /// Probes are long runs of one character or a pair (letters, digits, spaces, CJK, and the
    /// literal characters of the pattern itself), alone or after or before the pattern's longest
    /// literal word, each followed by a character that makes the overall match fail, which is
    /// what forces an exponential pattern to try every split. `pattern` should be compiled
    /// without start optimisations, so that a probe missing some required character is still tried.
    static func backtrackingProbe(_ pattern: Pattern, scratch: MatchScratch) -> String? {
        var units = ["a", "1", " ", "啊", "ab", "a ", "a1", ".", ","]
        for scalar in pattern.source.unicodeScalars
        where scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            let unit = String(scalar)
            if !units.contains(unit) { units.append(unit) }
            if units.count >= 14 { break }
        }
        let literal = longestLiteral(in: pattern.source)
        let frames = literal.isEmpty ? [("", "")] : [("", ""), (literal + " ", ""), ("", " " + literal.dropLast())]
        for length in [24, 200, 2000] {
            for unit in units {
                let run = repeated(unit, count: length / unit.count)
                for (prefix, suffix) in frames {
                    for tail in ["!", "\u{1}"] {
                        do {
                            _ = try pattern.matches(prefix + run + suffix + tail, using: scratch)
                        } catch let error where error.isLimit {
                            let shown = "\(length / unit.count) repetitions of '\(unit)'"
                            return (prefix.isEmpty ? "" : "'\(prefix)' then ") + shown
                                + (suffix.isEmpty ? "" : " then '\(suffix)'")
                                + " and '\(tail == "!" ? "!" : "\\x01")'"
                        } catch {
                            continue
                        }
                    }
                }
            }
        }
        return nil
    }

    /// `unit` `count` times over. `String(repeating:count:)` appends one copy at a time, which
    /// took most of the time of the probes (and of a load for use) on a base with many patterns.
    static func repeated(_ unit: String, count: Int) -> String {
        let bytes = Array(unit.utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * max(0, count))
        for _ in 0..<max(0, count) { text.append(contentsOf: bytes) }
        return String(decoding: text, as: UTF8.self)
    }

    /// The longest run of letters written literally in `source` (not after a backslash).
    static func longestLiteral(in source: String) -> String {
        var best = ""
        var current = ""
        var escaped = false
        for character in source {
            if escaped {
                escaped = false
                current = ""
                continue
            }
            if character == "\\" {
                escaped = true
                current = ""
            } else if character.isLetter {
                current.append(character)
                if current.count > best.count { best = current }
            } else {
                current = ""
            }
        }
        return best
    }

    /// The CJK character directly next to a `\b` in `source` (skipping group brackets), if any.
    static func cjkBoundary(in source: String) -> Character? {
        let characters = Array(source)
        var index = 0
        while index < characters.count {
            guard characters[index] == "\\", index + 1 < characters.count else {
                index += 1
                continue
            }
            if characters[index + 1] == "b" {
                var after = index + 2
                // Into a group (`(`, `(?:`); a `|` ends the branch, so what follows it is not next to the \b.
                while after < characters.count, "(?:".contains(characters[after]) { after += 1 }
                var before = index - 1
                while before >= 0, characters[before] == ")" { before -= 1 }
                for neighbour in [after, before] where characters.indices.contains(neighbour) {
                    if let scalar = characters[neighbour].unicodeScalars.first, Tokenizer.isCJK(scalar) {
                        return characters[neighbour]
                    }
                }
            }
            index += 2  // skip the escaped character, so "\\b" (a literal backslash and b) is not a boundary
        }
        return nil
    }
}
