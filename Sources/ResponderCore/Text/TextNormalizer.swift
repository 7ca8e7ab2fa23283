import Foundation

/// Turns raw customer text into the canonical form the matcher sees.
///
/// Unicode NFKC (full-width letters and digits become ASCII, compatibility characters fold),
/// lower case, traditional Chinese characters folded to simplified ones (帳號 -> 账号, see
/// `ChineseFolding`), apostrophes inside words removed ("don't" -> "dont"), and every character
/// that is not a letter, digit or combining mark becomes a space. The result is a sequence of
/// scalars, which is what the tokeniser walks.
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
        // Fast path: text made only of characters whose NFKC form and case are known here
        // (ASCII, full-width ASCII, CJK ideographs, kana, Hangul, common CJK punctuation) skips
        // Foundation's normalisation, which dominates the cost of a short message otherwise; a
        // CJK ideograph costs one table lookup for its simplified form.
        let simplified = ChineseFolding.table  // fetched once, not once a scalar
        for scalar in text.unicodeScalars {
            guard let folded = quickFold(scalar, simplified) else { return fullNormalizedScalars(text) }
            if folded == "\0" { continue }
            output.append(folded)
        }
        return output
    }

    /// NFKC, lower case, Chinese folding and word/space mapping of `scalar` when it is one of the
    /// simple cases: the resulting scalar, `"\0"` for a dropped apostrophe, nil when the full
    /// treatment is needed. `simplified` is `ChineseFolding.table`, which a loop fetches once.
    @inline(__always)
    static func quickFold(
        _ scalar: Unicode.Scalar, _ simplified: [Unicode.Scalar] = ChineseFolding.table
    ) -> Unicode.Scalar? {
        var value = scalar.value
        if value >= 0xFF01, value <= 0xFF5E { value -= 0xFEE0 }  // full-width ASCII -> ASCII (NFKC)
        switch value {
        case 0x41...0x5A: return Unicode.Scalar(UInt8(value + 32))
        case 0x61...0x7A, 0x30...0x39: return Unicode.Scalar(UInt8(value))
        case 0x27: return "\0"
        case 0x00...0x7F, 0x3000...0x3003, 0x3008...0x3011, 0x2010...0x2016, 0x201A...0x201F,
            0xFF61...0xFF64:
            return " "
        case 0x2018, 0x2019: return "\0"
        case 0x3400...0x4DBF, 0x4E00...0x9FFF: return ChineseFolding.fold(scalar, in: simplified)
        case 0x3041...0x3096, 0x30A1...0x30FA, 0xAC00...0xD7A3: return Unicode.Scalar(value)
        default: return nil
        }
    }

    /// The general path: Foundation's NFKC, lower case, then Chinese folding. The fast path must
    /// agree with it.
    static func fullNormalizedScalars(_ text: String) -> [Unicode.Scalar] {
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(text.utf8.count)
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        let simplified = ChineseFolding.table
        for scalar in folded.unicodeScalars {
            if isApostrophe(scalar) { continue }
            output.append(isWordScalar(scalar) ? ChineseFolding.fold(scalar, in: simplified) : " ")
        }
        return output
    }

    /// True for scalars that belong inside a word: letters, digits and combining marks.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39)
                || (value >= 0x41 && value <= 0x5A)
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
