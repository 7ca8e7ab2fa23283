import Testing

@testable import ResponderCore

@Suite("Redactor")
struct RedactorTests {
    let redactor = Redactor()

    /// The kind and text of each finding in `text`.
    private func found(_ text: String) -> [(Redactor.Kind, String)] {
        redactor.findings(in: text).map { ($0.kind, String(text[$0.range])) }
    }

    // MARK: E-mail addresses

    @Test(arguments: [
        ("mail me at a.b+c@mail.example.co.uk please", "mail me at [email] please"),
        ("Contact: John.Doe_99@example-mail.com.", "Contact: [email]."),
        ("(user%tag@sub.domain.org)", "([email])"),
        ("a@b.io,c@d.io", "[email],[email]"),
        ("13800138000@qq.com", "[email]"),
        ("我的邮箱是abc@qq.com谢谢", "我的邮箱是[email]谢谢"),
        ("邮箱：zhang.san+shop@163.com，请回复", "邮箱：[email]，请回复"),
    ])
    func masksEmailAddresses(text: String, expected: String) {
        #expect(redactor.redact(text) == expected)
    }

    @Test(arguments: [
        "follow @shop on weibo", "a@b", "user@localhost", "x@y.z", "meet @ 5pm", "a@.com", "a@b..com", "@@", "a@-b.com",
    ])
    func leavesThingsThatAreNotEmailAddresses(text: String) {
        #expect(redactor.redact(text) == text)
    }

    @Test func emailRangeCoversOnlyTheAddress() {
        #expect(found("我的邮箱是abc@qq.com谢谢").map(\.1) == ["abc@qq.com"])
        #expect(found("write to .a.b@c.com.").map(\.1) == ["a.b@c.com"])
    }

    @Test func emailJoinedToASuffixByADash() {
        // Ids such as message keys: a top-level domain never has a "-".
        #expect(redactor.redact("li@example.com-1") == "[email]-1")
        #expect(found("key li@example.com-retry-2").map(\.1) == ["li@example.com"])
        #expect(redactor.redact("a@b.co-op.org") == "[email]")
        #expect(redactor.redact("a@b.xn--fiqs8s-1") == "[email]")  // a punycode label may hold "-"
        #expect(redactor.redact("a@b-1") == "a@b-1")
    }

    @Test(arguments: [
        ("王芳@例子.中国", "[email]"),
        ("josé@correo.es", "[email]"),
        ("请发邮件到王芳@例子.中国，谢谢", "请发邮件到[email]，谢谢"),
        ("我的邮箱是josé@correo.es谢谢", "我的邮箱是[email]谢谢"),
        ("邮箱是王芳@例子.中国谢谢", "邮箱是[email]谢谢"),  // ends after the known top-level domain
        ("Müller: müller@bücher.de.", "Müller: [email]."),
        ("иван@пример.рф", "[email]"),
        ("客服@例子.公司。", "[email]。"),
        ("홍길동@예시.한국", "[email]"),
        ("zhang@例子.中国", "[email]"),
        ("王芳@mail.example.com", "[email]"),
        ("user@example.xn--fiqs8s", "[email]"),
        ("请联系客服123456@qq.com", "请联系客服[email]"),
    ])
    func masksInternationalEmailAddresses(text: String, expected: String) {
        #expect(redactor.redact(text) == expected)
    }

    @Test(arguments: ["王芳@例子", "@例子.中国", "王芳@例子.中", "王芳@ 例子.中国", "价格@100.00", "王芳@例子.123"])
    func leavesThingsThatAreNotInternationalEmailAddresses(text: String) {
        #expect(redactor.redact(text) == text)
    }

    @Test func internationalEmailRangeCoversOnlyTheAddress() {
        #expect(found("请发邮件到王芳@例子.中国，谢谢").map(\.1) == ["王芳@例子.中国"])
        #expect(found("我的邮箱是josé@correo.es谢谢").map(\.1) == ["josé@correo.es"])
        // "é" written as "e" and a combining accent.
        #expect(found("mail jose\u{301}@correo.es now").map(\.1) == ["jose\u{301}@correo.es"])
    }

    // MARK: Phone numbers

    @Test(arguments: [
        ("call +86 138 0013 8000 now", "call [phone] now"),
        ("call +1 (415) 555-0132 today", "call [phone] today"),
        ("London: +44 20 7946 0958.", "London: [phone]."),
        ("+8613800138000", "[phone]"),
        ("+86-138-0013-8000", "[phone]"),
        ("+44 (0) 20 7946 0958", "[phone]"),
        ("+33.1.23.45.67.89", "[phone]"),
        ("call 13800138000", "call [phone]"),
        ("call 138-0013-8000 or 138 0013 8000", "call [phone] or [phone]"),
        ("(415) 555-0132", "[phone]"),
        ("415-555-0132, 415.555.0132 or 415 555 0132", "[phone], [phone] or [phone]"),
        ("toll free 1-800-555-0199", "toll free [phone]"),
        ("phones 13800138000,13900139000", "phones [phone],[phone]"),
        ("tel:13800138000", "tel:[phone]"),
        ("电话13800138000", "电话[phone]"),
        ("手机：138-0013-8000，谢谢", "手机：[phone]，谢谢"),
        ("请拨打+86 138 0013 8000联系我", "请拨打[phone]联系我"),
        ("号码(13800138000)", "号码([phone])"),
        ("📞13800138000", "📞[phone]"),
    ])
    func masksPhoneNumbers(text: String, expected: String) {
        #expect(redactor.redact(text) == expected)
    }

    @Test(arguments: [
        "2024-13800138000",  // part of a longer dashed number
        "138-0013-8000-1",
        "order 202413800138000123",  // inside an 18-digit run
        "订单202413800138000123",
        "订单号1380013800012",
        "12800138000",  // no mobile prefix 12
        "1380013800",  // 10 digits
        "138-00138-000",
        "415-555-013",
        "(415) 555-01325",
        "415-155-0132",  // exchange cannot start with 1
        "+86 12",
        "+0123456789",  // no country code starts with 0
    ])
    func leavesNumbersThatAreNotPhoneNumbers(text: String) {
        #expect(redactor.redact(text) == text)
    }

    @Test func aSpaceEndsANumberWhenTheDigitsAfterItDoNotFit() {
        // Space-separated groups are read as far as the kind allows; the rest is another word.
        #expect(redactor.redact("5500 0055 5555 5559 1") == "[card] 1")
        #expect(redactor.redact("13800138000 2024") == "[phone] 2024")
        #expect(redactor.redact("4111 1111 1111 1111 13800138000") == "[card] [phone]")
    }

    @Test func internationalNumberStopsAtFifteenDigits() {
        #expect(redactor.redact("+86 138 0013 8000 2024") == "[phone] 2024")
        #expect(redactor.redact("+86-138-0013-8000-2024") == "+86-138-0013-8000-2024")
        // North American numbers are always "+1" and ten digits.
        #expect(redactor.redact("+1 415 555 0132 2 items") == "[phone] 2 items")
        #expect(redactor.redact("+1 415 555 013") == "+1 415 555 013")
    }

    @Test(arguments: [
        ("86-13800138000", "[phone]"),
        ("0086 138 0013 8000", "[phone]"),
        ("0086-138-0013-8000", "[phone]"),
        ("call 86 13800138000 now", "call [phone] now"),
        ("手机：86-13800138000，谢谢", "手机：[phone]，谢谢"),
        ("0086 10 6234 5678", "[phone]"),
        ("86-755-8601-3388", "[phone]"),
    ])
    func masksChineseNumbersWithACountryCodeWithoutPlus(text: String, expected: String) {
        #expect(redactor.redact(text) == expected)
    }

    @Test(arguments: [
        "86-1380013800",  // 10 digits
        "86-12800138000",  // no mobile prefix 12
        "860-13800138000",
        "8613800138000",  // a solid run is as likely an order number
        "86-010-62345678",  // the area code's 0 is dropped after a country code
        "0086 12345678901",
    ])
    func leavesNumbersThatOnlyLookLikeACountryCode(text: String) {
        #expect(redactor.redact(text) == text)
    }

    @Test(arguments: [
        ("010-62345678", "[phone]"),
        ("(010) 6234 5678", "[phone]"),
        ("0755-86013388", "[phone]"),
        ("021-6234-5678", "[phone]"),
        ("+86 10 6234 5678", "[phone]"),
        ("+86-10-62345678", "[phone]"),
        ("(0755)86013388", "[phone]"),
        ("0571 8888 6666", "[phone]"),
        ("0851-6234567", "[phone]"),  // 7-digit local number
        ("座机：010-62345678，手机13800138000", "座机：[phone]，手机[phone]"),
        ("电话(010)62345678转总机", "电话[phone]转总机"),
        ("call 010 6234 5678 2024", "call [phone] 2024"),
    ])
    func masksChineseLandlineNumbers(text: String, expected: String) {
        #expect(redactor.redact(text) == expected)
    }

    @Test(arguments: [
        "2026-11-23",
        "2026-11-23 08:30",
        "13:45-18:00",
        "ORD-2024-001234",
        "¥1,299.00",
        "010-12345678",  // local numbers do not start with 0 or 1
        "010-02345678",
        "0123-4567890",  // no area code 0123
        "001-23456789",
        "010-623456",  // 6 digits
        "010-623456789",  // 9 digits
        "010-62345678-123",  // part of a longer dashed number
        "01062345678",  // solid: as likely an order number
        "(010)-62345678",
    ])
    func leavesNumbersThatAreNotLandlineNumbers(text: String) {
        #expect(redactor.redact(text) == text)
    }

    // MARK: Payment cards

    @Test(arguments: [
        ("pay with 4111 1111 1111 1111 thanks", "pay with [card] thanks"),
        ("4111-1111-1111-1111", "[card]"),
        ("card 4111111111111111.", "card [card]."),
        ("Mastercard 5500005555555559", "Mastercard [card]"),
        ("Mastercard 2221000000000009", "Mastercard [card]"),
        ("Amex 3782 822463 10005", "Amex [card]"),
        ("Amex 378282246310005", "Amex [card]"),
        ("Discover 6011111111111117", "Discover [card]"),
        ("JCB 3530111333300000", "JCB [card]"),
        ("Diners 30569309025904", "Diners [card]"),
        ("Visa 4222222222222", "Visa [card]"),
        ("UnionPay 6212345678901232", "UnionPay [card]"),
        ("UnionPay 6222 0212 3456 7890 128", "UnionPay [card]"),
        ("卡号4111111111111111请退款", "卡号[card]请退款"),
        ("信用卡：5500-0055-5555-5559，有效期12/28", "信用卡：[card]，有效期12/28"),
        ("card no-4111111111111111", "card no-[card]"),
    ])
    func masksCardNumbers(text: String, expected: String) {
        #expect(redactor.redact(text) == expected)
    }

    @Test(arguments: [
        "4111111111111112",  // fails Luhn
        "4111 1111 1111 1112",
        "9999999999999995",  // passes Luhn, no network starts with 9
        "9112345678901237",
        "1380013800012347",  // passes Luhn, prefix 13 is no network's
        "41111111111111113",  // Visa prefix, but Visa numbers are never 17 digits
        "5500-0055-5555-5559-1",
        "4111-1111-1111-1111-1111",
        "4111 1111-1111 1111",  // mixed separators
    ])
    func leavesNumbersThatAreNotCards(text: String) {
        #expect(redactor.redact(text) == text)
    }

    /// Words that make the number after them an order, tracking, reference or invoice number.
    static let orderCues = [
        "订单号 ", "订单号：", "订单号:", "订单", "订单 ", "单号 ", "运单 ", "运单号：", "快递单号：", "物流单号 ",
        "我的订单号是", "订单编号：", "訂單號：", "发票号 ", "发票号码：", "order ", "Order No. ", "order no: ",
        "Order number: ", "order #", "ORDER#", "Order ID: ", "tracking ", "Tracking number: ", "tracking no.",
        "Tracking # ", "ref ", "Ref: ", "Ref. ", "REF-", "reference ", "Reference No.: ", "Invoice ",
        "invoice no. ", "订单号（", "Order No.\u{3000}",
    ]

    /// What may come before a card number without making it something else.
    static let cardCues = [
        "", "卡号 ", "卡号：", "card ", "Card number: ", "信用卡 ", "信用卡：", "银行卡 ", "银行卡号：",
        "my order was paid with card ", "reorder ", "订单已付，卡号 ", "border ", "preference ",
    ]

    /// Random card-shaped numbers that pass the Luhn check, solid and in their usual groups: Visa
    /// (4) and UnionPay (62) numbers of 16 and 19 digits, and Amex (37) numbers of 15, Amex's only
    /// length (a 16- or 19-digit number starting 37 is no card).
    static let randomCardNumbers: [String] = {
        var generator = SplitMix(seed: 0xCA2D)
        var numbers: [String] = []
        for (prefix, length, groups) in [
            ("4", 16, [4, 4, 4, 4]), ("4", 19, [4, 4, 4, 4, 3]),
            ("62", 16, [4, 4, 4, 4]), ("62", 19, [4, 4, 4, 4, 3]), ("37", 15, [4, 6, 5]),
        ] {
            for _ in 0..<30 {
                var digits = prefix.map { Int($0.asciiValue! - 48) }
                while digits.count < length - 1 { digits.append(Int.random(in: 0...9, using: &generator)) }
                let sum = digits.reversed().enumerated().reduce(0) { sum, element in
                    let doubled = element.offset.isMultiple(of: 2) ? element.element * 2 : element.element
                    return sum + (doubled > 9 ? doubled - 9 : doubled)
                }
                digits.append((10 - sum % 10) % 10)
                let solid = digits.map(String.init).joined()
                numbers.append(solid)
                var grouped: [Substring] = []
                var rest = Substring(solid)
                for count in groups {
                    grouped.append(rest.prefix(count))
                    rest = rest.dropFirst(count)
                }
                numbers.append(grouped.joined(separator: " "))
            }
        }
        return numbers
    }()

    @Test func randomCardNumbersAreCardShaped() {
        #expect(Self.randomCardNumbers.count == 300)
        for number in Self.randomCardNumbers {
            #expect(CardNetwork.accepts(digits: Array(number.utf8.filter { $0 != UInt8(ascii: " ") })), "\(number)")
        }
    }

    @Test func cardShapedNumbersAfterAnOrderWordAreLeftAlone() {
        var masked: [String] = []
        for cue in Self.orderCues {
            for number in Self.randomCardNumbers {
                let text = cue + number + "，谢谢"
                if !redactor.findings(in: text).isEmpty { masked.append(text) }
            }
        }
        #expect(masked.count == 0, "masked, such as \(masked.prefix(5))")
    }

    @Test func cardNumbersAfterOtherWordsAreMasked() {
        var missed: [String] = []
        for cue in Self.cardCues {
            for number in Self.randomCardNumbers {
                let text = cue + number + "，谢谢"
                let findings = found(text)
                if findings.count != 1 || findings.first?.0 != .card || findings.first?.1 != number {
                    missed.append(text)
                }
            }
        }
        #expect(missed.count == 0, "not masked, such as \(missed.prefix(5))")
    }

    @Test func orderWordMustImmediatelyPrecedeTheNumber() {
        #expect(redactor.redact("订单号 4539148803436467") == "订单号 4539148803436467")
        #expect(redactor.redact("卡号 4539148803436467") == "卡号 [card]")
        // Something other than a gap between them.
        #expect(redactor.redact("order shipped, card 4539148803436467") == "order shipped, card [card]")
        #expect(redactor.redact("订单已付款 4539148803436467") == "订单已付款 [card]")
        // More than 12 characters of gap.
        #expect(redactor.redact("order number number number 4539148803436467") == "order number number number [card]")
        // Only the card-shaped number is left alone; a phone number after it is still masked.
        #expect(redactor.redact("订单号 4539148803436467 13800138000") == "订单号 4539148803436467 [phone]")
        #expect(redactor.redact("订单号 4539 1488 0343 6467") == "订单号 4539 1488 0343 6467")
    }

    // MARK: Resident ID numbers

    @Test(arguments: [
        ("身份证号11010519491231002X，谢谢", "身份证号[id-number]，谢谢"),
        ("ID 11010519491231002x", "ID [id-number]"),
        ("id: 440301199003071230.", "id: [id-number]."),
        ("born on a leap day: 110105200002290013", "born on a leap day: [id-number]"),
        ("证件号码 360102198801011233", "证件号码 [id-number]"),
        ("110105 19491231 002X", "[id-number]"),
        ("ID-11010519491231002X", "ID-[id-number]"),
    ])
    func masksResidentIDNumbers(text: String, expected: String) {
        #expect(redactor.redact(text) == expected)
    }

    @Test(arguments: [
        "110105194912310028",  // wrong check character (X expected)
        "110105190002290017",  // right check character, but 1900 was no leap year
        "110105189912310023",  // born in 1899
        "110105210001010023",  // born in 2100
        "110105194913310021",  // month 13
        "110105194912320025",  // day 32
        "11010519490431002X",  // 31 April
        "1101051949123100211",
    ])
    func leavesNumbersThatAreNotResidentIDs(text: String) {
        #expect(redactor.redact(text) == text)
    }

    @Test(arguments: [
        ("身份证 110105491231002", "身份证 [id-number]"),
        ("身份证号码：440301900307123。", "身份证号码：[id-number]。"),
        ("身份證號碼 440301900307123", "身份證號碼 [id-number]"),
        ("ID: 110105491231002", "ID: [id-number]"),
        ("my identity card number is 130503670401001", "my identity card number is [id-number]"),
        ("ID card number 130503670401001", "ID card number [id-number]"),
        ("老身份证是15位的：110105491231002", "老身份证是15位的：[id-number]"),
        ("证件号 110105 491231 002", "证件号 [id-number]"),
        ("身份证１１０１０５４９１２３１００２", "身份证[id-number]"),
        ("身份证 110105000228002", "身份证 [id-number]"),
    ])
    func masksFirstGenerationResidentIDNumbersAfterAnIdentityWord(text: String, expected: String) {
        #expect(redactor.redact(text) == expected)
    }

    @Test(arguments: [
        "110105491231002",  // no identity word
        "order 110105491231002",
        "身份证 110105491331002",  // month 13
        "身份证 110105490431002",  // 31 April
        "身份证 110105000229002",  // 1900 was no leap year
        "身份证 990105491231002",  // no province 99
        "身份证 11010549123100",  // 14 digits
        "身份证 1101054912310021",
        "身份证已经上传好了，另外还有个号码 110105491231002",  // the word is 15 characters back
        "身份证已核对，订单号 110105491231002",  // an order word right before it
        "paid 110105491231002",
        "idea 110105491231002",
        "身份证 110105-491231-002",
    ])
    func leavesFifteenDigitNumbersThatAreNotResidentIDs(text: String) {
        #expect(redactor.redact(text) == text)
    }

    // MARK: Ordinary numbers

    @Test(arguments: [
        "order 20231115001234",
        "ORD-2024-001234",
        "#123456789",
        "订单号 202311150012345678",
        "tracking SF1234567890123",
        "¥1,299.00",
        "2026-11-23",
        "13:45",
        "4111111111111112",  // a 16-digit number that fails Luhn
        "9999999999999995",  // Luhn-valid, non-card prefix
        "订单号：202311150012345678，金额¥1,299.00，2026-11-23 13:45 发货",
        "version 1.2.3, build 20260101, 3 items at $12.50",
        "IP 192.168.100.200",
    ])
    func leavesOrdinaryNumbersUnchanged(text: String) {
        #expect(redactor.findings(in: text).isEmpty)
        #expect(redactor.redact(text) == text)
    }

    // MARK: Several findings

    @Test func findsEveryKindInOrder() {
        let text = "email a@b.com, phone 13800138000, card 4111 1111 1111 1111, id 11010519491231002X"
        #expect(redactor.redact(text) == "email [email], phone [phone], card [card], id [id-number]")
        let findings = found(text)
        #expect(findings.map(\.0) == [.email, .phone, .card, .nationalID])
        #expect(findings.map(\.1) == ["a@b.com", "13800138000", "4111 1111 1111 1111", "11010519491231002X"])
    }

    @Test func findingsAreOrderedAndDoNotOverlap() {
        let text =
            "我是张三，电话138-0013-8000，邮箱zhang@example.cn，卡号6011111111111117，"
            + "身份证11010519491231002X，备用电话+1 (415) 555-0132，邮箱2 li@x.org"
        let findings = redactor.findings(in: text)
        #expect(findings.map(\.kind) == [.phone, .email, .card, .nationalID, .phone, .email])
        for (earlier, later) in zip(findings, findings.dropFirst()) {
            #expect(earlier.range.upperBound <= later.range.lowerBound)
        }
        #expect(
            redactor.redact(text)
                == "我是张三，电话[phone]，邮箱[email]，卡号[card]，身份证[id-number]，备用电话[phone]，邮箱2 [email]")
    }

    @Test func adjacentFindingsAreSeparate() {
        #expect(redactor.redact("13800138000 4111111111111111") == "[phone] [card]")
        #expect(redactor.redact("a@b.com 13800138000") == "[email] [phone]")
    }

    // MARK: Edge cases

    @Test func emptyAndPlainTextAreUnchanged() {
        #expect(redactor.findings(in: "").isEmpty)
        #expect(redactor.redact("") == "")
        #expect(redactor.redact("hello, 你好！ no numbers here") == "hello, 你好！ no numbers here")
    }

    // MARK: Full-width forms

    @Test(arguments: [
        ("手机 １３８００１３８０００", "手机 [phone]"),
        ("＋８６ １３８ ００１３ ８０００", "[phone]"),
        ("ｍｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "[email]"),
        ("电话１３８００１３８０００", "电话[phone]"),
        ("电话：１３８－００１３－８０００，谢谢", "电话：[phone]，谢谢"),
        ("１３８\u{3000}００１３\u{3000}８０００", "[phone]"),  // ideographic spaces
        ("（０１０）６２３４　５６７８", "[phone]"),
        ("８６－１３８００１３８０００", "[phone]"),
        ("卡号：４１１１　１１１１　１１１１　１１１１。", "卡号：[card]。"),
        ("身份证号１１０１０５１９４９１２３１００２Ｘ", "身份证号[id-number]"),
        ("邮箱：ｚｈａｎｇ．ｓａｎ＠１６３．ｃｏｍ，电话13900139000", "邮箱：[email]，电话[phone]"),
        ("half and full: 138００13８０００", "half and full: [phone]"),
        ("王芳＠例子．中国", "[email]"),
    ])
    func masksFullWidthForms(text: String, expected: String) {
        #expect(redactor.redact(text) == expected)
    }

    @Test(arguments: [
        "订单号：２０２３１１１５００１２３４５６７８，金额￥１，２９９．００",
        "２０２６－１１－２３　１３：４５",
        "ＯＲＤ－２０２４－００１２３４",
        "ｆｏｌｌｏｗ ＠ｓｈｏｐ",
        "订单号：４５３９１４８８０３４３６４６７",
        "全角标点，：；！？（）　ＡＢＣ，没有数字",
    ])
    func leavesFullWidthTextThatIsNotPersonalData(text: String) {
        #expect(redactor.findings(in: text).isEmpty)
        #expect(redactor.redact(text) == text)
    }

    @Test func textOutsideFindingsKeepsItsFullWidthForms() {
        let text = "ＡＢＣ，电话：１３８００１３８０００。ｍｅ＠ｅｘａｍｐｌｅ．ｃｏｍ　谢谢！"
        #expect(redactor.redact(text) == "ＡＢＣ，电话：[phone]。[email]　谢谢！")
        #expect(found(text).map(\.1) == ["１３８００１３８０００", "ｍｅ＠ｅｘａｍｐｌｅ．ｃｏｍ"])
    }

    /// What `FoldedText.survey` says about `text`.
    private func survey(_ text: String) -> FoldedText.Survey {
        var text = text
        return text.withUTF8(FoldedText.survey)
    }

    @Test func surveyFindsDigitsAtSignsAndFullWidthForms() {
        #expect(survey("") == .nothingToFind)
        #expect(survey("hello, 你好！ no numbers here") == .nothingToFind)
        #expect(survey("全角，：（）ＡＢＣ＋\u{3000}没有数字") == .nothingToFind)
        #expect(survey("call 123") == .plain)
        #expect(survey("a@b") == .plain)
        #expect(survey("电话１３８") == .fullWidth)
        #expect(survey("ａ＠ｂ") == .fullWidth)
        #expect(survey("１") == .fullWidth)
        #expect(survey("1，") == .fullWidth)
        #expect(survey("１２") == .fullWidth)
        #expect(survey("1 ｘ") == .fullWidth)
        // The fold covers U+FF01–U+FF5E and U+3000, nothing around them.
        #expect(survey("1 \u{FF00}\u{FF5F}\u{3001}￥") == .plain)
        #expect(survey("1 \u{FF01}") == .fullWidth)
        #expect(survey("1 \u{FF5E}") == .fullWidth)
    }

    @Test func foldingMapsOffsetsBack() {
        var text = "a１b　c"
        let folded = text.withUTF8 { FoldedText(folding: $0) }
        #expect(folded.bytes == Array("a1b c".utf8))
        #expect((0...5).map(folded.originalOffset) == [0, 1, 4, 5, 8, 9])
        let allForms = (0xFF01...0xFF5E).map { Character(Unicode.Scalar($0)!) }
        var fullWidth = String(allForms)
        let ascii = fullWidth.withUTF8 { FoldedText(folding: $0) }.bytes
        #expect(ascii == Array(0x21...0x7E))
    }

    @Test func fullWidthDigitsAreRecognised() {
        #expect(redactor.redact("电话１３８００１３８０００") == "电话[phone]")
    }

    @Test func findingRangesIndexTheOriginalText() throws {
        let text = "é电话13800138000谢谢"
        let finding = try #require(redactor.findings(in: text).first)
        #expect(text[finding.range] == "13800138000")
        #expect(finding == Redactor.Finding(kind: .phone, range: finding.range))
    }

    @Test func kindsHaveTheirMasks() {
        #expect(Redactor.Kind.allCases.map(\.mask) == ["[email]", "[phone]", "[card]", "[id-number]"])
        #expect(Redactor.Kind.nationalID.rawValue == "id-number")
    }

    // MARK: Replacements

    @Test func redactsWithAReplacement() {
        let text = "电话１３８００１３８０００，邮箱a@b.com，卡号4111 1111 1111 1111，谢谢"
        let pseudonymised = redactor.redact(text) { kind, match in "[\(kind.rawValue):\(match.count)]" }
        #expect(pseudonymised == "电话[phone:11]，邮箱[email:7]，卡号[card:19]，谢谢")
        let matches = redactor.redact(text) { _, match in "<\(match)>" }
        #expect(matches == "电话<１３８００１３８０００>，邮箱<a@b.com>，卡号<4111 1111 1111 1111>，谢谢")
        #expect(redactor.redact(text) { kind, _ in kind.mask } == redactor.redact(text))
    }

    @Test func randomTextKeepsEverythingOutsideFindings() {
        let pieces = [
            "1", "3", "8", "0", "4", "6", "１", "３", "８", "０", "@", "＠", ".", "．", "-", "－", " ", "\u{3000}", "(",
            "（", ")", "）", "+", "＋", ":", "：", "#", "a", "Z", "ｘ", "é", "e\u{301}", "王", "是", "中国", "xn--",
            "订单号", "order ", "身份证", "ID ", "😀", "，", "13800138000", "4111111111111111", "010-", "86-",
        ]
        var generator = SplitMix(seed: 0xF00D)
        for _ in 0..<2000 {
            let count = Int.random(in: 1...30, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let findings = redactor.findings(in: text)
            let scalarBoundaries = Set(text.unicodeScalars.indices).union([text.endIndex])
            for finding in findings {
                #expect(!finding.range.isEmpty, "\(text)")
                #expect(scalarBoundaries.contains(finding.range.lowerBound), "\(text)")
                #expect(scalarBoundaries.contains(finding.range.upperBound), "\(text)")
            }
            for (earlier, later) in zip(findings, findings.dropFirst()) {
                #expect(earlier.range.upperBound <= later.range.lowerBound, "\(text)")
            }
            #expect(redactor.redact(text) { _, match in String(match) } == text)
        }
    }

    @Test func replacementIsOnlyAskedForFindings() {
        var calls = 0
        let text = "订单号：202311150012345678，２０２６－１１－２３"
        #expect(
            redactor.redact(text) { _, _ in
                calls += 1
                return "?"
            } == text)
        #expect(calls == 0)
    }

    // MARK: Checksums

    @Test func cardNetworksByPrefixAndLength() {
        func network(_ digits: String) -> CardNetwork? { CardNetwork(digits: Array(digits.utf8)) }
        #expect(network("4111111111111111") == .visa)
        #expect(network("41111111111111111") == nil)
        #expect(network("5100000000000000") == .mastercard)
        #expect(network("2720990000000000") == .mastercard)
        #expect(network("2721000000000000") == nil)
        #expect(network("2220990000000000") == nil)
        #expect(network("340000000000000") == .amex)
        #expect(network("3400000000000000") == nil)
        #expect(network("6440000000000000") == .discover)
        #expect(network("6430000000000000") == nil)
        #expect(network("6200000000000000000") == .unionPay)
        #expect(network("3528000000000000") == .jcb)
        #expect(network("3590000000000000") == nil)
        #expect(network("30500000000000") == .diners)
        #expect(network("30600000000000") == nil)
        #expect(network("9000000000000000") == nil)
    }

    @Test func luhn() {
        #expect(CardNetwork.passesLuhn(Array("79927398713".utf8)))
        #expect(!CardNetwork.passesLuhn(Array("79927398710".utf8)))
        #expect(CardNetwork.passesLuhn(Array("0".utf8)))
    }

    @Test func residentIDDates() {
        #expect(ChineseResidentID.isDate(year: 2000, month: 2, day: 29))
        #expect(!ChineseResidentID.isDate(year: 1900, month: 2, day: 29))
        #expect(ChineseResidentID.isDate(year: 2024, month: 2, day: 29))
        #expect(!ChineseResidentID.isDate(year: 2023, month: 2, day: 29))
        #expect(!ChineseResidentID.isDate(year: 2023, month: 0, day: 1))
        #expect(!ChineseResidentID.isDate(year: 2023, month: 1, day: 0))
        #expect(ChineseResidentID.isDate(year: 2099, month: 12, day: 31))
        #expect(!ChineseResidentID.isDate(year: 1899, month: 12, day: 31))
        #expect(ChineseResidentID.isValid(Array("11010519491231002X".utf8)))
        #expect(!ChineseResidentID.isValid(Array("1101051949123100X2".utf8)))
        #expect(ChineseResidentID.isValidFirstGeneration(Array("110105491231002".utf8)))
        #expect(ChineseResidentID.isValidFirstGeneration(Array("650105000228002".utf8)))
        #expect(!ChineseResidentID.isValidFirstGeneration(Array("710105491231002".utf8)))
        #expect(!ChineseResidentID.isValidFirstGeneration(Array("11010549123100".utf8)))
        #expect(!ChineseResidentID.isValidFirstGeneration(Array("11010549123100X".utf8)))
    }

    /// Personal data glued to a prefix or a suffix is still personal data: numbers are found by
    /// their digits whatever letters touch them; only more digits make them part of a longer number.
    @Test(arguments: [
        ("tel-13800138000", "tel-[phone]"),
        ("wa-13800138000", "wa-[phone]"),
        ("u-+8613800138000", "u-[phone]"),
        ("138.0013.8000", "[phone]"),
        ("138_0013_8000", "[phone]"),
        ("x4111111111111111", "x[card]"),
        ("4111111111111111x", "[card]x"),
        ("4111.1111.1111.1111", "[card]"),
        ("ABC13800138000", "ABC[phone]"),
        ("13800138000abc", "[phone]abc"),
        ("SN-13800138000", "SN-[phone]"),
        ("ORD-86-13800138000", "ORD-[phone]"),
        ("SN-010-62345678", "SN-[phone]"),
        ("x010-62345678", "x[phone]"),
        ("A11010519491231002X", "A[id-number]"),
        ("11010519491231002XY", "[id-number]Y"),
        ("身份证 110105491231002X", "身份证 [id-number]X"),
        ("ＡＢＣ１３８００１３８０００", "ＡＢＣ[phone]"),
    ])
    func masksNumbersGluedToLetters(text: String, expected: String) {
        #expect(redactor.redact(text) == expected)
    }

    @Test(arguments: ["tracking SF4222222222222", "order no. ORD4539148803436467", "订单号 ORD-4539148803436467"])
    func anOrderWordBeforeAGluedPrefixStillMarksAnOrderNumber(text: String) {
        #expect(redactor.redact(text) == text)
        #expect(redactor.redact("card SF4222222222222") == "card SF[card]", "without the order word it is a card")
    }

    @Test(arguments: [
        "2024-13800138000", "2024_13800138000", "1.13800138000", "13800138000-2024", "订单202413800138000123",
    ])
    func digitsThroughAConnectorStillMakeALongerNumber(text: String) {
        #expect(redactor.redact(text) == text)
    }
}
