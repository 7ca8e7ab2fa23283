import Foundation

/// Lists kept as JSON text in a column (candidates, clarify options), written directly: with
/// Foundation's `JSONEncoder` the candidates alone took a third of the time of recording a
/// message. They are read back with `JSONDecoder`.
enum JSONColumn {
    /// `[{"intent":"refund-status","confidence":0.42}, ...]`.
    static func text(_ candidates: [CandidateScore]) -> String {
        var output = "["
        for (index, candidate) in candidates.enumerated() {
            if index > 0 { output += "," }
            output += #"{"intent":"# + quoted(candidate.intent) + #","confidence":"#
            output += candidate.confidence.isFinite ? "\(candidate.confidence)" : "0"
            output += "}"
        }
        return output + "]"
    }

    /// `[{"intent":"refund-status","question":"Where is my refund?"}, ...]`.
    static func text(_ options: [ClarifyOption]) -> String {
        "["
            + options.map { #"{"intent":"# + quoted($0.intent) + #","question":"# + quoted($0.question) + "}" }
            .joined(separator: ",") + "]"
    }

    /// The value of a JSON column; nil when it is unreadable.
    static func decoded<T: Decodable>(_ text: String) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
