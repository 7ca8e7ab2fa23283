import Foundation

/// Turns raw customer text into the canonical form the matcher sees.
///
/// Unicode NFKC (full-width letters and digits become ASCII, compatibility characters fold),
/// lower case, apostrophes inside words removed ("don't" -> "dont"), and every character that is
/// not a letter, digit or combining mark becomes a space. The result is a sequence of scalars,
/// which is what the tokeniser walks.
public enum TextNormalizer {
    /// The normalised form of `text` as a string (for display, tests and duplicate detection).
    public static func normalize(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: normalizedScalars(text))
        return String(result)
    }

    /// The normalised form of `text` as Unicode scalars.
    public static func normalizedScalars(_ text: String) -> [Unicode.Scalar] {
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(text.utf8.count)
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII is already NFKC; skip Foundation on the hot path.
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): output.append(Unicode.Scalar(byte + 32))
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    output.append(Unicode.Scalar(byte))
                case UInt8(ascii: "'"): continue
                default: output.append(" ")
                }
            }
            return output
        }
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        for scalar in folded.unicodeScalars {
            if isApostrophe(scalar) { continue }
            output.append(isWordScalar(scalar) ? scalar : " ")
        }
        return output
    }

    /// True for scalars that belong inside a word: letters, digits and combining marks.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2018}"
    }
}
