/// Guesses a message's locale from its script: CJK text is Chinese (or Japanese/Korean when
/// configured), anything else the default locale.
public enum LocaleDetector {
    /// The configured locale that best fits `text`'s script, else `fallback`.
    public static func detect(_ text: String, locales: [String], fallback: String) -> String {
        var cjk = 0
        var kana = 0
        var hangul = 0
        var latin = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x3040...0x30FF: kana += 1
            case 0xAC00...0xD7AF: hangul += 1
            case _ where Tokenizer.isCJK(scalar): cjk += 1
            case 0x41...0x5A, 0x61...0x7A: latin += 1
            default: break
            }
        }
        // A CJK character carries about a word's meaning; count it as several Latin letters.
        let east = (cjk + kana + hangul) * 3
        guard east > 0, east >= latin else { return fallback }
        let preferred: [String] = kana > 0 ? ["ja", "zh"] : hangul > 0 ? ["ko"] : ["zh", "ja"]
        for code in preferred {
            if let locale = locales.first(where: { $0 == code || $0.hasPrefix(code + "-") || $0.hasPrefix(code + "_") })
            {
                return locale
            }
        }
        return fallback
    }
}
