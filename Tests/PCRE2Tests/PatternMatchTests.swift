import PCRE2
import Testing

@Suite("Pattern matching")
struct PatternMatchTests {
    @Test func caseInsensitiveByDefault() throws {
        let pattern = try Pattern("password")
        #expect(try pattern.matches("I forgot my PASSWORD"))
        #expect(try pattern.matches("PassWord"))
        #expect(try !pattern.matches("pass word"))
    }

    @Test func caseSensitiveWhenAsked() throws {
        let pattern = try Pattern("Password", options: Pattern.Options(caseSensitive: true))
        #expect(try pattern.matches("my Password"))
        #expect(try !pattern.matches("my password"))
        #expect(try !pattern.matches("my PASSWORD"))
    }

    @Test func unicodeCaseFolding() throws {
        #expect(try Pattern("ÉTÉ").matches("un été chaud"))
        #expect(try !Pattern("ÉTÉ", options: Pattern.Options(caseSensitive: true)).matches("un été chaud"))
        // An inline (?i) wins over a case-sensitive compile.
        #expect(try Pattern("(?i)ÉTÉ", options: Pattern.Options(caseSensitive: true)).matches("un été chaud"))
        let match = try #require(try Pattern("(?i)ÉTÉ").firstMatch(in: "un été chaud"))
        #expect(match.text == "été")
    }

    @Test func wordClassIsUnicodeAware() throws {
        let match = try #require(try Pattern(#"\w+"#).firstMatch(in: "——密码——"))
        #expect(match.text == "密码")
        #expect(match.utf8Range == 6..<12)  // each "—" is 3 bytes
        // UCP: \d matches full-width digits, \b sees Han characters as word characters.
        #expect(try Pattern(#"^\d+$"#).matches("１２３"))
        #expect(try !Pattern(#"\b码"#).matches("密码"))
    }

    @Test func matchRangeMapsBackToStringIndices() throws {
        let subject = "重置 reset 密码"
        let match = try #require(try Pattern("reset").firstMatch(in: subject))
        #expect(match.text == "reset")
        #expect(match.utf8Range == 7..<12)  // "重置" is 6 bytes, then a space
        #expect(String(subject[match.range]) == "reset")
        #expect(subject.distance(from: subject.startIndex, to: match.range.lowerBound) == 3)
        #expect(subject.distance(from: subject.startIndex, to: match.range.upperBound) == 8)
    }

    @Test func matchOfNonASCIITextAfterNonASCIIText() throws {
        let subject = "请帮我重置密码，谢谢"
        let match = try #require(try Pattern("重置(?:登录)?密码").firstMatch(in: subject))
        #expect(match.text == "重置密码")
        #expect(match.utf8Range == 9..<21)
        #expect(subject[match.range] == "重置密码")
        #expect(subject[subject.startIndex..<match.range.lowerBound] == "请帮我")
        let bytes = Array(subject.utf8)[match.utf8Range]
        #expect(String(decoding: bytes, as: UTF8.self) == "重置密码")
    }

    @Test func firstMatchIsTheLeftmost() throws {
        let subject = "order 123 and order 456"
        let match = try #require(try Pattern(#"\d+"#).firstMatch(in: subject))
        #expect(match.text == "123")
        #expect(match.utf8Range == 6..<9)
    }

    @Test func emptyMatchHasAnEmptyRange() throws {
        let subject = "abc"
        let match = try #require(try Pattern("x*").firstMatch(in: subject))
        #expect(match.text == "")
        #expect(match.utf8Range == 0..<0)
        #expect(match.range == subject.startIndex..<subject.startIndex)
    }

    @Test func noMatchReturnsNil() throws {
        let pattern = try Pattern("refund")
        #expect(try pattern.firstMatch(in: "where is my parcel") == nil)
        #expect(try pattern.firstMatch(in: "") == nil)
        #expect(try !pattern.matches("where is my parcel"))
    }

    @Test func matchesAgreesWithFirstMatch() throws {
        let pattern = try Pattern(#"(?:reset|forgot)\W+(?:my\W+)?pass\s?word"#)
        for subject in ["I forgot my password", "reset pass word", "password reset", "forgot: my PASSWORD!"] {
            let found = try pattern.firstMatch(in: subject) != nil
            #expect(try pattern.matches(subject) == found, "\(subject)")
        }
        #expect(try pattern.matches("forgot: my PASSWORD!"))
        #expect(try !pattern.matches("password reset"))
    }

    @Test func worksWithoutJIT() throws {
        let pattern = try Pattern("reset", options: Pattern.Options(jit: false))
        #expect(!pattern.isJITCompiled)
        let match = try #require(try pattern.firstMatch(in: "重置 RESET 密码"))
        #expect(match.text == "RESET")
        #expect(match.utf8Range == 7..<12)
    }
}
