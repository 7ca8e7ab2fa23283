/// Entries with too few questions (`thin-entry`), locale coverage of questions and answers, and
/// answers still to be written (`placeholder-answer`).
///
/// What follows from a misspelt key (`questons`: no questions, so thin and missing in every
/// locale) is not reported: the `unknown-key` finding is the cause. A check whose threshold in
/// `settings.yaml` was rejected (out of range, wrong type, misspelt) does not run.
enum EntryChecks {
    static func check(_ base: KnowledgeBase) -> [Diagnostic] {
        let settings = base.settings
        let checksThin = !settings.isRejected("lint.min_questions")
        let checksLocales =
            settings.locales.count > 1 && !settings.isRejected("locales")
            && !settings.isRejected("default_locale")
        var findings: [Diagnostic] = []
        for entry in base.entries {
            let questionsMisspelt = entry.misspeltKeys.contains("questions")
            if checksThin, !questionsMisspelt, entry.questions.count < settings.lint.minimumQuestions {
                findings.append(
                    Diagnostic(
                        .thinEntry, at: entry.location,
                        "entry '\(entry.id)' has \(entry.questions.count) example question\(entry.questions.count == 1 ? "" : "s"), fewer than \(settings.lint.minimumQuestions) (lint.min_questions); add the ways customers really ask"
                    ))
            }
            if checksLocales { findings += localeCoverage(entry, settings: settings) }
            for (locale, answer) in entry.answers.sorted(by: { $0.key < $1.key })
            where answer.contains(KnowledgeBaseImporter.placeholderMarker) {
                findings.append(
                    Diagnostic(
                        .placeholderAnswer, at: entry.answerLocations[locale] ?? entry.location,
                        "the \(locale) answer of entry '\(entry.id)' still says \(KnowledgeBaseImporter.placeholderMarker): write what customers should read before the base goes live"
                    ))
            }
        }
        return findings
    }

    /// With several locales, every entry needs questions and an answer in each.
    private static func localeCoverage(_ entry: FAQEntry, settings: Settings) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        if !entry.misspeltKeys.contains("questions") {
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
        }
        if !entry.misspeltKeys.contains("answer") {
            for locale in settings.locales where entry.answers[locale] == nil {
                findings.append(
                    Diagnostic(
                        .missingLocaleAnswer, at: entry.answerLocations.values.min() ?? entry.location,
                        "entry '\(entry.id)' has no answer in '\(locale)'; '\(locale)' customers get the \(settings.defaultLocale) answer. Add `\(locale):` under `answer`"
                    ))
            }
        }
        return findings
    }
}
