import ResponderCore
import Testing

@Suite("Tokenizer")
struct TokenizerTests {
    static let wordsOnly = TokenizerOptions(charGramLengths: nil)

    @Test func tokensSplitLatinWordsAndCJKRuns() {
        #expect(Tokenizer.tokens(of: "我想 reset 密码") == [.cjk("我想"), .word("reset"), .cjk("密码")])
        // A change of script splits even without spaces.
        #expect(Tokenizer.tokens(of: "我想reset密码") == [.cjk("我想"), .word("reset"), .cjk("密码")])
        #expect(Tokenizer.tokens(of: "Hello, WORLD!") == [.word("hello"), .word("world")])
        #expect(Tokenizer.tokens(of: "  ,,  ") == [])
    }

    @Test func tokensAreNormalised() {
        #expect(Tokenizer.tokens(of: "ＰＡＳＳＷＯＲＤ don't") == [.word("password"), .word("dont")])
        #expect(Tokenizer.tokens(of: "我忘记密码了！谢谢") == [.cjk("我忘记密码了"), .cjk("谢谢")])
        #expect(Tokenizer.tokens(of: "カード 결제") == [.cjk("カード"), .cjk("결제")])
    }

    /// The terms of one family, in order.
    private func family(_ family: TermFamily, _ terms: [Term]) -> [String] {
        terms.filter { $0.family == family }.map(\.text)
    }

    @Test func cjkRunsGiveUnigramsAndBigrams() {
        let terms = Tokenizer.terms(of: "密码", options: Self.wordsOnly)
        #expect(terms.count == 3)
        #expect(Set(terms) == [Term(.unigram, "密"), Term(.unigram, "码"), Term(.bigram, "密码")])
        #expect(family(.unigram, terms) == ["密", "码"])
        // CJK takes no char-grams even with the default options.
        #expect(Set(Tokenizer.terms(of: "密码")) == Set(terms))
        let longer = Tokenizer.terms(of: "忘记密码", options: Self.wordsOnly)
        #expect(family(.unigram, longer) == ["忘", "记", "密", "码"])
        #expect(family(.bigram, longer) == ["忘记", "记密", "密码"])
        #expect(family(.chargram, longer).isEmpty)
    }

    @Test func wordsAreStemmedAndPairedIntoBigrams() {
        let terms = Tokenizer.terms(of: "Charging cards", options: Self.wordsOnly)
        #expect(family(.unigram, terms) == ["charg", "card"])
        #expect(family(.bigram, terms) == ["charg card"])
        #expect(terms.count == 3)
        let longer = Tokenizer.terms(of: "reset my password", options: Self.wordsOnly)
        #expect(family(.unigram, longer) == ["reset", "my", "password"])
        #expect(family(.bigram, longer) == ["reset my", "my password"])
    }

    @Test func wordBigramsDoNotCrossCJKRuns() {
        let terms = Tokenizer.terms(of: "我想 reset 我的 password", options: Self.wordsOnly)
        let bigrams = terms.filter { $0.family == .bigram }.map(\.text)
        #expect(bigrams == ["我想", "我的"])
        #expect(terms.contains(Term(.unigram, "reset")))
        #expect(terms.contains(Term(.unigram, "password")))
    }

    @Test func charGramsCarryEndMarkers() {
        let terms = Tokenizer.terms(of: "pay", options: TokenizerOptions(charGramLengths: 3...4))
        #expect(family(.chargram, terms).sorted() == ["<pa", "<pay", "ay>", "pay", "pay>"])
        #expect(family(.unigram, terms) == ["pay"])
        #expect(terms.count == 6)
    }

    @Test func charGramsAreTakenBeforeStemming() {
        let terms = Tokenizer.terms(of: "charges", options: TokenizerOptions(charGramLengths: 5...5))
        #expect(family(.chargram, terms).sorted() == ["<char", "arges", "charg", "harge", "rges>"])
        #expect(family(.unigram, terms) == ["charg"])
    }

    @Test func charGramsLongerThanTheWordAreSkipped() {
        // "<a>" has three scalars: one 3-gram, no 4- or 5-grams.
        let terms = Tokenizer.terms(of: "a", options: TokenizerOptions(charGramLengths: 3...5))
        #expect(Set(terms) == [Term(.chargram, "<a>"), Term(.unigram, "a")])
        #expect(terms.count == 2)
    }

    @Test func defaultOptionsAddCharGrams() throws {
        let lengths = try #require(TokenizerOptions.standard.charGramLengths)
        #expect(TokenizerOptions() == .standard)
        #expect(TokenizerOptions.standard.numberPlaceholderLength == 3)
        let grams = family(.chargram, Tokenizer.terms(of: "reset"))
        // "<reset>" has 7 scalars, so 8 - n grams of each length n.
        #expect(grams.count == lengths.reduce(0) { $0 + max(0, 8 - $1) })
        #expect(grams.allSatisfy { lengths.contains($0.unicodeScalars.count) })
        #expect(grams.contains("<re") == lengths.contains(3))
        #expect(Set(grams) == Set(family(.chargram, Tokenizer.terms(of: "reset", options: .standard))))
    }

    @Test func digitRunsOfThreeOrMoreBecomeNumberPlaceholders() {
        let terms = Tokenizer.terms(of: "order 12345", options: Self.wordsOnly)
        #expect(family(.unigram, terms) == ["order", "<num>"])
        #expect(family(.bigram, terms) == ["order <num>"])
        #expect(Tokenizer.terms(of: "１２３", options: Self.wordsOnly) == [Term(.unigram, "<num>")])
        #expect(Tokenizer.terms(of: "12", options: Self.wordsOnly) == [Term(.unigram, "12")])
        // Numbers take no char-grams; mixed letters and digits are not numbers.
        #expect(Tokenizer.terms(of: "987654") == [Term(.unigram, "<num>")])
        #expect(Tokenizer.terms(of: "a123", options: Self.wordsOnly) == [Term(.unigram, "a123")])
    }

    @Test func numberPlaceholderLengthIsConfigurable() {
        let options = TokenizerOptions(charGramLengths: nil, numberPlaceholderLength: 5)
        #expect(Tokenizer.terms(of: "1234", options: options) == [Term(.unigram, "1234")])
        #expect(Tokenizer.terms(of: "12345", options: options) == [Term(.unigram, "<num>")])
    }

    @Test func duplicatesAreKept() {
        let terms = Tokenizer.terms(of: "refund refund", options: Self.wordsOnly)
        #expect(family(.unigram, terms) == ["refund", "refund"])
        #expect(family(.bigram, terms) == ["refund refund"])
    }

    @Test func termDescriptionNamesTheFamily() {
        #expect(Term(.bigram, "密码").description == "bigram:密码")
        #expect(Term(.chargram, "<pa").description == "chargram:<pa")
        #expect(TermFamily.allCases.map(\.name) == ["unigram", "bigram", "chargram"])
    }
}
