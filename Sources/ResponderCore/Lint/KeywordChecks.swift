/// Keywords that appear in so many entries that they carry no signal.
enum KeywordChecks {
    /// Below this many entries a keyword is never "common": small bases would flag everything.
    static let minimumEntries = 3

    static func check(_ base: KnowledgeBase) -> [Diagnostic] {
        let entries = base.entries
        // With its threshold rejected in settings.yaml, the default would stand in: no check.
        guard entries.count >= minimumEntries, entries.contains(where: { !$0.keywords.isEmpty }),
            !base.settings.isRejected("lint.common_keyword_share")
        else { return [] }
        // Each entry's text units: its questions and its keywords.
        let units: [[[String]]] = entries.map { entry in
            entry.questions.map { KeywordPhrase.units(of: $0.text) }
                + entry.keywords.map {
                    KeywordPhrase.units(of: $0.text)
                }
        }
        var findings: [Diagnostic] = []
        var counted: [[String]: Int] = [:]
        for entry in entries {
            for keyword in entry.keywords {
                let phrase = KeywordPhrase(keyword.text)
                guard !phrase.units.isEmpty else { continue }
                let count =
                    counted[phrase.units]
                    ?? units.filter { texts in texts.contains { phrase.occurs(in: $0) } }.count
                counted[phrase.units] = count
                let share = Double(count) / Double(entries.count)
                guard count >= minimumEntries, share > base.settings.lint.commonKeywordShare else { continue }
                findings.append(
                    Diagnostic(
                        .commonKeyword, at: keyword.location,
                        "keyword '\(keyword.text)' of entry '\(entry.id)' appears in \(count) of \(entries.count) entries (\(Int((share * 100).rounded()))%), so it carries no signal; use a word or phrase specific to this entry"
                    ))
            }
        }
        return findings
    }
}
