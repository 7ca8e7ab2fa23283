import PCRE2
import Testing

@Suite("Pattern compilation")
struct PatternCompileTests {
    /// Compiles `source` expecting failure, and returns the error.
    private func compileError(_ source: String, options: Pattern.Options = Pattern.Options()) throws -> PCRE2Error {
        try #require(throws: PCRE2Error.self) { _ = try Pattern(source, options: options) }
    }

    @Test func validPatternKeepsSourceAndOptions() throws {
        let options = Pattern.Options(caseSensitive: true, jit: false, limits: MatchLimits(matchLimit: 5_000))
        let pattern = try Pattern(#"pass\s?word"#, options: options)
        #expect(pattern.source == #"pass\s?word"#)
        #expect(pattern.options == options)
        #expect(pattern.options.limits.matchLimit == 5_000)
        #expect(!pattern.isJITCompiled, "jit: false must not JIT-compile")
    }

    @Test func defaultOptions() {
        let options = Pattern.Options()
        #expect(options.caseSensitive == false)
        #expect(options.jit == true)
        #expect(options.limits == .standard)
        #expect(MatchLimits.standard == MatchLimits(matchLimit: 200_000, depthLimit: 10_000, heapLimitKiB: 20_000))
    }

    @Test func unmatchedParenthesisReportsMessageOffsetAndColumn() throws {
        let error = try compileError("(abc")
        #expect(error.kind == .compile)
        #expect(error.code == 114)  // PCRE2_ERROR_MISSING_CLOSING_PARENTHESIS
        #expect(error.message.contains("missing closing parenthesis"))
        #expect(error.offset == 4)
        #expect(error.column == 5)
        #expect(!error.isLimit)
    }

    @Test func columnCountsScalarsWhileOffsetCountsBytes() throws {
        // "密码" is 2 scalars but 6 UTF-8 bytes; PCRE2 stops at the end of the pattern.
        let error = try compileError("密码(abc")
        #expect(error.kind == .compile)
        #expect(error.message.contains("missing closing parenthesis"))
        #expect(error.offset == 10)
        #expect(error.column == 7)
        #expect(error.description == "\(error.message) at column 7")
    }

    @Test func errorInTheMiddleOfNonASCIIPattern() throws {
        // The stray ")" is the 3rd scalar but starts at byte 4 ("é" is 2 bytes, "ü" is 2 bytes).
        let error = try compileError("éü)x")
        #expect(error.kind == .compile)
        #expect(error.message.contains("unmatched closing parenthesis"))
        #expect(error.offset == 4)
        #expect(error.column == 3)
    }

    @Test func quantifierOutOfOrderPointsAtTheClosingBrace() throws {
        let error = try compileError("x{2,1}")
        #expect(error.message.contains("numbers out of order in {} quantifier"))
        #expect(error.offset == 5)
        #expect(error.column == 6)
    }

    @Test(arguments: [
        ("a{2,1}", "out of order"),
        ("[z-a]", "out of order"),
        ("*abc", "quantifier does not follow a repeatable item"),
        (#"abc\"#, "\\ at end of pattern"),
    ])
    func otherCompileErrorsCarryPCRE2Message(source: String, fragment: String) throws {
        let error = try compileError(source)
        #expect(error.kind == .compile)
        #expect(error.message.contains(fragment), "message was: \(error.message)")
        #expect(error.offset != nil)
        #expect(error.column != nil)
    }

    @Test func compileErrorsAreCaseSensitivityIndependent() throws {
        let error = try compileError("(?:x", options: Pattern.Options(caseSensitive: true, jit: false))
        #expect(error.kind == .compile)
        #expect(error.column == 5)
    }
}
