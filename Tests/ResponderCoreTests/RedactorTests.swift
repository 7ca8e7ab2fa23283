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
        "ABC13800138000",  // letters touching: an identifier
        "13800138000abc",
        "SN-13800138000",
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
        "x4111111111111111",
        "4111111111111111x",
        "4111-1111-1111-1111-1111",
        "4111 1111-1111 1111",  // mixed separators
    ])
    func leavesNumbersThatAreNotCards(text: String) {
        #expect(redactor.redact(text) == text)
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
        "11010519491231002XY",
        "A11010519491231002X",
        "1101051949123100211",
    ])
    func leavesNumbersThatAreNotResidentIDs(text: String) {
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

    @Test func fullWidthDigitsAreNotRecognised() {
        // Documented: only ASCII digits are read.
        #expect(redactor.redact("电话１３８００１３８０００") == "电话１３８００１３８０００")
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
    }
}
