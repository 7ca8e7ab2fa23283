import Testing

@testable import ResponderCore

/// The fast path of normalisation must give exactly what NFKC and lower-casing give.
@Suite struct TextNormalizerFastPathTests {
    static let ranges: [ClosedRange<UInt32>] = [
        0x00...0x7F, 0x2010...0x2026, 0x3000...0x3011, 0x3041...0x30FA, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xAC00...0xD7A3, 0xFF01...0xFF64,
    ]

    @Test func fastPathAgreesWithFullNormalisationForEveryCoveredScalar() {
        var checked = 0
        for range in Self.ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value), TextNormalizer.quickFold(scalar) != nil else { continue }
                let text = "a" + String(Character(scalar)) + "b"
                #expect(
                    TextNormalizer.normalizedScalars(text) == TextNormalizer.fullNormalizedScalars(text),
                    "U+\(String(value, radix: 16, uppercase: true))")
                checked += 1
            }
        }
        #expect(checked > 20_000)
    }

    @Test func textOutsideTheFastPathStillNormalises() {
        // "ﬁ" (a ligature) and "㎏" need full NFKC; "É" needs Unicode lower case.
        #expect(TextNormalizer.normalize("ﬁle 3㎏ ÉTÉ") == "file 3kg été")
    }
}
