import ResponderCore
import Testing

@Suite("TextNormalizer")
struct TextNormalizerTests {
    @Test func fullWidthLettersBecomeASCII() {
        #expect(TextNormalizer.normalize("ＰＡＳＳＷＯＲＤ") == "password")
        #expect(TextNormalizer.normalize("ｒｅｓｅｔ") == "reset")
        #expect(TextNormalizer.normalize("订单１２３４５") == "订单12345")
    }

    @Test func compatibilityCharactersFold() {
        #expect(TextNormalizer.normalize("ﬁle") == "file")  // ligature
        #expect(TextNormalizer.normalize("Ⅻ") == "xii")  // roman numeral
        #expect(TextNormalizer.normalize("①") == "1")
    }

    @Test func caseFolding() {
        #expect(TextNormalizer.normalize("Hello WORLD") == "hello world")
        #expect(TextNormalizer.normalize("ÉTÉ") == "été")
        #expect(TextNormalizer.normalize("ΣΟΦΙΑ") == "σοφια")
    }

    @Test func punctuationBecomesSpaces() {
        #expect(TextNormalizer.normalize("Hello, World!") == "hello  world ")
        #expect(TextNormalizer.normalize("a-b_c/d.e") == "a b c d e")
        #expect(TextNormalizer.normalize("café: ok?") == "café  ok ")
    }

    @Test func apostrophesAreRemoved() {
        #expect(TextNormalizer.normalize("don't") == "dont")
        #expect(TextNormalizer.normalize("Don’t") == "dont")  // U+2019
        #expect(TextNormalizer.normalize("I can't log in") == "i cant log in")
        #expect(TextNormalizer.normalize("‘quoted’ é") == "quoted é")
    }

    @Test func chinesePunctuationBecomesSpacesAndHanIsKept() {
        #expect(TextNormalizer.normalize("我忘记密码了！") == "我忘记密码了 ")
        #expect(TextNormalizer.normalize("你好，请问。") == "你好 请问 ")
        #expect(TextNormalizer.normalize("“退款”") == " 退款 ")
    }

    @Test func combiningMarksStayInWords() {
        // NFKC composes e + U+0301 into é, which is a letter.
        #expect(TextNormalizer.normalize("cafe\u{301}") == "café")
        #expect(TextNormalizer.normalize("cafe\u{301}").unicodeScalars.count == 4)
    }

    @Test func scalarsMatchTheString() {
        for text in ["ＰＡＳＳＷＯＲＤ reset", "我忘记密码了！", "Don't, ok?", ""] {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: TextNormalizer.normalizedScalars(text))
            #expect(String(view) == TextNormalizer.normalize(text))
        }
        #expect(TextNormalizer.normalizedScalars("A!") == ["a", " "])
    }
}
