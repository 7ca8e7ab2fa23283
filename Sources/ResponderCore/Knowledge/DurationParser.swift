import Foundation

/// Parses durations written as a number and a unit, e.g. `30m`, `4h`, `1d`, `1h30m`, `45s`.
public enum DurationParser {
    /// The duration in seconds, or nil when `text` is not a positive duration.
    public static func seconds(_ text: String) -> Int? {
        var total = 0
        var digits = ""
        var sawUnit = false
        for character in text.trimmingCharacters(in: .whitespaces) {
            if let digit = character.wholeNumberValue, character.isASCII {
                digits.append(String(digit))
                continue
            }
            guard let value = Int(digits), digits.count <= 6 else { return nil }
            switch character {
            case "s": total += value
            case "m": total += value * 60
            case "h": total += value * 3600
            case "d": total += value * 86400
            default: return nil
            }
            digits = ""
            sawUnit = true
        }
        guard digits.isEmpty, sawUnit, total > 0 else { return nil }
        return total
    }
}
