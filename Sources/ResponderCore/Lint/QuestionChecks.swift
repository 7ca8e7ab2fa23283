/// Duplicate and thin questions, and locale coverage of questions and answers.
enum QuestionChecks {
    /// `text` as the matcher sees it: normalised words and CJK runs, single-spaced. Two questions
    /// with the same key are the same question to the engine.
    static func key(_ text: String) -> String {
        Tokenizer.tokens(of: text).map { token in
            switch token {
            case .word(let word): word
            case .cjk(let run): run
            }
        }.joined(separator: " ")
    }

    static func check(_ base: KnowledgeBase) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let settings = base.settings
        var firstOwner: [String: (entry: String, question: ExampleQuestion)] = [:]
        for entry in base.entries {
            var seen: [String: ExampleQuestion] = [:]
            for question in entry.questions {
                let key = key(question.text)
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
                if let other = firstOwner[key], other.entry != entry.id {
                    findings.append(
                        Diagnostic(
                            .sharedQuestion, at: question.location,
                            "question '\(question.text)' of entry '\(entry.id)' is also a question of entry '\(other.entry)' (\(other.question.location)); the engine cannot tell them apart, so keep it in one"
                        ))
                } else if firstOwner[key] == nil {
                    firstOwner[key] = (entry.id, question)
                }
            }
            if entry.questions.count < settings.lint.minimumQuestions {
                findings.append(
                    Diagnostic(
                        .thinEntry, at: entry.location,
                        "entry '\(entry.id)' has \(entry.questions.count) example question\(entry.questions.count == 1 ? "" : "s"), fewer than \(settings.lint.minimumQuestions) (lint.min_questions); add the ways customers really ask"
                    ))
            }
            findings += localeCoverage(entry, settings: settings)
        }
        return findings
    }

    /// With several locales, every entry needs questions and an answer in each.
    private static func localeCoverage(_ entry: FAQEntry, settings: Settings) -> [Diagnostic] {
        guard settings.locales.count > 1 else { return [] }
        var findings: [Diagnostic] = []
        let questionLocales = Set(
            entry.questions.map {
                $0.locale
                    ?? LocaleDetector.detect($0.text, locales: settings.locales, fallback: settings.defaultLocale)
            })
        for locale in settings.locales where !questionLocales.contains(locale) {
            findings.append(
                Diagnostic(
                    .missingLocaleQuestions, at: entry.location,
                    "entry '\(entry.id)' has no questions in '\(locale)', so '\(locale)' customers reach it only by chance; add questions under `\(locale):`"
                ))
        }
        for locale in settings.locales where entry.answers[locale] == nil {
            findings.append(
                Diagnostic(
                    .missingLocaleAnswer, at: entry.answerLocations.values.min() ?? entry.location,
                    "entry '\(entry.id)' has no answer in '\(locale)'; '\(locale)' customers get the \(settings.defaultLocale) answer. Add `\(locale):` under `answer`"
                ))
        }
        return findings
    }
}
