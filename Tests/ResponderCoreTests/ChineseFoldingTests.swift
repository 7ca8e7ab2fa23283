import Testing

@testable import ResponderCore

/// Traditional Chinese folds to simplified during normalisation, so 帳號 and 账号 are one text.
@Suite("Chinese folding")
struct ChineseFoldingTests {
    /// Every (traditional, simplified) pair of the table.
    static let pairs: [(source: Unicode.Scalar, target: Unicode.Scalar)] =
        (ChineseFolding.first...ChineseFolding.last).compactMap { value in
            let source = Unicode.Scalar(value)!
            let target = ChineseFolding.table[Int(value - ChineseFolding.first)]
            return target == source ? nil : (source, target)
        }

    static let sources = Set(pairs.map(\.source))

    @Test(arguments: [("帳號", "账号"), ("退貨", "退货"), ("訂單", "订单"), ("發票", "发票"), ("密碼", "密码")])
    func traditionalWordsFoldToSimplified(traditional: String, simplified: String) {
        #expect(TextNormalizer.normalize(traditional) == simplified)
        #expect(TextNormalizer.normalize(simplified) == simplified)
        #expect(Tokenizer.terms(of: traditional) == Tokenizer.terms(of: simplified))
        // The ligature sends the text down the full (Foundation) path, which folds as well.
        #expect(TextNormalizer.normalize("ﬁ " + traditional) == "fi " + simplified)
    }

    @Test func sentencesFold() {
        #expect(TextNormalizer.normalize("我忘記密碼了，請問怎麼重置？") == "我忘记密码了 请问怎么重置 ")
        #expect(TextNormalizer.normalize("我的帳號被鎖了") == TextNormalizer.normalize("我的账号被锁了"))
        // Mixed scripts and full-width characters fold together.
        #expect(TextNormalizer.normalize("ＰＡＳＳＷＯＲＤ 密碼") == "password 密码")
    }

    @Test func everySpellingOfAccountMeets() {
        // ICU folds 帳 to 帐 (tent, curtain); the generator folds 帳 and 帐 to 账 (account, bill).
        for spelling in ["帳號", "帐号", "賬號", "账号"] {
            #expect(TextNormalizer.normalize(spelling) == "账号")
        }
        #expect(TextNormalizer.normalize("結帳") == "结账")
    }

    @Test func compatibilityIdeographsGoThroughNFKCFirst() {
        // U+F900 is NFKC's 豈 (U+8C48), whose simplified form is 岂.
        #expect(TextNormalizer.normalize("\u{F900}") == "岂")
    }

    @Test func charactersWithoutASimplifiedFormAreUnchanged() {
        #expect(TextNormalizer.normalize("我想要退款") == "我想要退款")
        #expect(TextNormalizer.normalize("円広駅") == "円広駅")  // Japanese forms are not traditional Chinese
        #expect(TextNormalizer.normalize("カード 결제") == "カード 결제")
        var checked = 0
        for range: ClosedRange<UInt32> in [0x3400...0x4DBF, 0x4E00...0x9FFF] {
            for value in range {
                let scalar = Unicode.Scalar(value)!
                guard !Self.sources.contains(scalar) else { continue }
                #expect(ChineseFolding.fold(scalar) == scalar)
                #expect(TextNormalizer.quickFold(scalar) == scalar, "U+\(String(value, radix: 16, uppercase: true))")
                checked += 1
            }
        }
        #expect(checked + Self.pairs.count == 0x4DBF - 0x3400 + 1 + 0x9FFF - 0x4E00 + 1)
        #expect(ChineseFolding.fold("a") == "a")
        #expect(ChineseFolding.fold("\u{20000}") == "\u{20000}")
    }

    @Test func fastAndFullPathsAgreeOverTheWholeTable() {
        for (source, target) in Self.pairs {
            let text = "a" + String(Character(source)) + "b"
            let fast = TextNormalizer.normalizedScalars(text)
            #expect(fast == ["a", target, "b"], "U+\(String(source.value, radix: 16, uppercase: true))")
            #expect(fast == TextNormalizer.fullNormalizedScalars(text))
        }
    }

    @Test func foldingIsIdempotent() {
        for (source, target) in Self.pairs {
            #expect(!Self.sources.contains(target), "\(source) -> \(target) is folded again")
            #expect(ChineseFolding.fold(target) == target)
        }
        let text = "我忘記密碼了，請問怎麼重置？"
        #expect(TextNormalizer.normalize(TextNormalizer.normalize(text)) == TextNormalizer.normalize(text))
    }

    @Test func tableHoldsTheGeneratedPairs() {
        #expect(Self.pairs.count == ChineseFolding.count)
        #expect(Self.pairs.count > 2_500)
        // The literal lists each pair once, in order of the source character.
        let literal = ChineseFolding.pairs.unicodeScalars.filter { $0.value > 0x20 }
        #expect(literal.count == 2 * ChineseFolding.count)
        #expect(Array(literal.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)) == Self.pairs.map(\.source))
        #expect(Array(literal.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)) == Self.pairs.map(\.target))
        // Several traditional characters may share a simplified one.
        #expect(ChineseFolding.fold("乾") == "干")
        #expect(ChineseFolding.fold("幹") == "干")
    }
}

/// A customer writing traditional characters reaches the entry written in simplified ones.
@Suite("Matching traditional Chinese")
struct TraditionalChineseMatchingTests {
    static let files = [
        "settings.yaml": "locales: [zh]\nanswer_threshold: 0.3\nambiguity_margin: 0.02\n",
        "faq/shop.yaml": """
        entries:
          - id: account-password
            answer: 请在登录页重置密码。
            questions: [我的账号密码忘了, 账号登录不了, 密码怎么改]
          - id: return-goods
            answer: 请在订单页申请退货。
            questions: [我要退货, 退货怎么办理, 怎么退货]
          - id: invoice
            answer: 请在订单详情页申请发票。
            questions: [订单的发票怎么开, 我要开发票, 发票在哪里下载]
        """,
    ]

    @Test(arguments: [
        ("我的帳號密碼忘了", "我的账号密码忘了", "account-password"),
        ("退貨怎麼辦理", "退货怎么办理", "return-goods"),
        ("訂單的發票怎麼開", "订单的发票怎么开", "invoice"),
    ])
    func traditionalMessageMatchesSimplifiedEntry(traditional: String, simplified: String, intent: String) throws {
        try withTemporaryBase(Self.files) { folder in
            let responder = AutoResponder(base: try folder.load().requireValid())
            let reply = responder.reply(to: traditional)
            #expect(reply.decision == .answer, "\(reply.match.candidates.map { ($0.intent, $0.confidence) })")
            #expect(reply.intent == intent)
            #expect(reply.locale == "zh")
            // No patterns here, so the two spellings score exactly alike.
            let same = responder.reply(to: simplified)
            #expect(reply.match.candidates.map(\.intent) == same.match.candidates.map(\.intent))
            #expect(reply.match.candidates.map(\.confidence) == same.match.candidates.map(\.confidence))
        }
    }

    @Test(arguments: [("我忘記密碼了", "password-reset"), ("我要退貨", "return-how-to"), ("我要開發票", "invoice-request")])
    func bundledBaseAnswersTraditionalChinese(message: String, intent: String) throws {
        let reply = try Bundled.responder().reply(to: message)
        #expect(reply.match.top?.intent == intent, "\(reply.match.candidates.map { ($0.intent, $0.confidence) })")
        #expect(reply.decision == .answer)
    }
}
