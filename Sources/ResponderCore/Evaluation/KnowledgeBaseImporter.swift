/// Turns labelled utterances into the files of a new knowledge base: one FAQ entry per intent,
/// its utterances as questions and a placeholder answer naming the intent.
public enum KnowledgeBaseImporter {
    /// A file to write, relative to the new base's folder.
    public struct File: Sendable, Equatable {
        /// Path relative to the base folder, e.g. `faq/translate.yaml`.
        public let path: String
        /// The YAML text.
        public let contents: String
    }

    /// The text placed in every imported answer; lint flags answers that still contain it.
    public static let placeholderMarker = "TODO"

    /// The files of a base built from `utterances`; out-of-scope utterances are skipped.
    /// Intents keep their first-seen order; each becomes the entry `identifier(intent)`, written
    /// to its own file (names that differ only in case get a numbered suffix, so that the base
    /// also survives a case-insensitive file system).
    public static func files(from utterances: [LabelledUtterance], locale: String = "en") -> [File] {
        var order: [String] = []
        var questions: [String: [String]] = [:]
        for utterance in utterances {
            guard let intent = utterance.intent else { continue }
            if questions[intent] == nil { order.append(intent) }
            questions[intent, default: []].append(utterance.text)
        }
        var files = [
            File(path: "settings.yaml", contents: settings(locale: locale)),
            File(path: "groups.yaml", contents: groups),
        ]
        var usedNames = Set<String>()
        for intent in order {
            let id = identifier(intent)
            var name = id
            var suffix = 1
            while !usedNames.insert(name.lowercased()).inserted {
                suffix += 1
                name = "\(id)-\(suffix)"
            }
            var yaml = "entries:\n  - id: \(quoted(id))\n"
            yaml += "    answer: \(quoted("\(placeholderMarker): write the answer for '\(intent)'"))\n"
            yaml += "    questions:\n"
            var seen = Set<String>()
            for question in questions[intent] ?? [] where seen.insert(question).inserted {
                yaml += "      - \(quoted(question))\n"
            }
            files.append(File(path: "faq/\(name).yaml", contents: yaml))
        }
        return files
    }

    /// The entry id an imported `intent` label gets: the label itself when it is a valid id of
    /// at most 100 characters; otherwise its letters and digits (other characters become `-`),
    /// cut to 80 characters, and a hash of the whole label, so that different labels never
    /// share an id. `responder eval` maps labels through this too.
    public static func identifier(_ intent: String) -> String {
        var result = ""
        for scalar in intent.unicodeScalars {
            let keep =
                scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || (!result.isEmpty && (scalar == "_" || scalar == "." || scalar == "-")))
            result.unicodeScalars.append(keep ? scalar : "-")
        }
        if result == intent, result.count <= 100, result.first?.isLetter == true || result.first?.isNumber == true {
            return result
        }
        var hasher = ContentHasher()
        hasher.add(intent)
        let prefix = result.prefix(80)
        return (prefix.first == "-" || prefix.isEmpty ? "intent" : "") + prefix + "-" + hasher.hex.prefix(8)
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\u{85}": output += "\\N"
            case _
            where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFEFF
                || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                // Not printable in YAML: write as an escape.
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    private static func settings(locale: String) -> String {
        """
        # Imported from labelled data. Confidences are calibrated probabilities that the best
        # entry is right, so 0.5 (answer when right is likelier than not) suits most bases;
        # check it with `responder eval` on a validation set (never on the test set).
        locales: [\(quoted(locale))]
        answer_threshold: \(Settings.defaults.answerThreshold)
        ambiguity_margin: \(Settings.defaults.ambiguityMargin)
        time_zone: UTC
        redact: true

        """
    }

    private static let groups = """
        default_group: general
        groups:
          - id: general
            name: General
            first_response: 4h

        """
}
