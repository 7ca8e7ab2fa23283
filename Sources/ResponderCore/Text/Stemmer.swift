/// A light English stemmer: plurals, -ing, -ed and a final silent e.
///
/// Deliberately conservative: it only has to map the forms customers use of one word to one term,
/// not produce dictionary stems. "charges", "charged", "charging" and "charge" all become "charg".
public enum Stemmer {
    /// The stem of a lower-case ASCII word; other words come back unchanged.
    public static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        stem(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Stems lower-case ASCII `word` in place; words with other bytes are left alone.
    static func stem(_ word: inout [UInt8]) {
        guard word.count > 3, word.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return }
        stripPlural(&word)
        if word.count >= 6, word.hasSuffix("ing") {
            word.removeLast(3)
            undouble(&word)
        } else if word.count >= 5, word.hasSuffix("ied") {
            word.removeLast(3)
            word.append(UInt8(ascii: "y"))
        } else if word.count >= 5, word.hasSuffix("ed") {
            word.removeLast(2)
            undouble(&word)
        }
        if word.count > 4, word.last == UInt8(ascii: "e") {
            word.removeLast()
        }
    }

    private static func stripPlural(_ word: inout [UInt8]) {
        if word.count > 4, word.hasSuffix("ies") {
            word.removeLast(3)
            word.append(UInt8(ascii: "y"))
        } else if word.hasSuffix("sses") || word.hasSuffix("xes") || word.hasSuffix("ches") || word.hasSuffix("shes")
            || word.hasSuffix("zes")
        {
            word.removeLast(2)
        } else if word.last == UInt8(ascii: "s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") {
            word.removeLast()
        }
    }

    /// "runn" -> "run", "stopp" -> "stop"; keeps "ll", "ss" and "zz" ("bill", "pass").
    private static func undouble(_ word: inout [UInt8]) {
        guard word.count >= 3 else { return }
        let last = word[word.count - 1]
        let keep: Set<UInt8> = [UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "z")]
        if last == word[word.count - 2], !keep.contains(last), !isVowel(last) {
            word.removeLast()
        }
    }

    private static func isVowel(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): true
        default: false
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate func hasSuffix(_ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard self.count >= count else { return false }
        let start = self.count - count
        return suffix.withUTF8Buffer { tail in
            for offset in 0..<count where self[start + offset] != tail[offset] { return false }
            return true
        }
    }
}
