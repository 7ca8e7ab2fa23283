import PCRE2
import Testing

@Suite("Match limits")
struct PatternLimitTests {
    static let catastrophic = #"(a+)+$"#
    static let subject = String(repeating: "a", count: 32) + "!"

    /// Runs `pattern` on `subject` expecting a limit error, and returns it.
    private func limitError(_ pattern: Pattern, _ subject: String) throws -> PCRE2Error {
        let error = try #require(throws: PCRE2Error.self) { _ = try pattern.firstMatch(in: subject) }
        #expect(error.isLimit, "expected a limit error, got \(error.kind): \(error.message)")
        #expect(error.offset == nil)
        #expect(error.column == nil)
        return error
    }

    @Test func catastrophicBacktrackingHitsMatchLimitWithJIT() throws {
        let pattern = try Pattern(Self.catastrophic, options: Pattern.Options(limits: MatchLimits(matchLimit: 10_000)))
        let error = try limitError(pattern, Self.subject)
        #expect(error.kind == .matchLimit)
        #expect(error.code == -47)  // PCRE2_ERROR_MATCHLIMIT
        #expect(error.message.contains("match limit"))
        #expect(throws: PCRE2Error.self) { _ = try pattern.matches(Self.subject) }
    }

    @Test func catastrophicBacktrackingHitsMatchLimitWithoutJIT() throws {
        let options = Pattern.Options(jit: false, limits: MatchLimits(matchLimit: 10_000))
        let pattern = try Pattern(Self.catastrophic, options: options)
        #expect(!pattern.isJITCompiled)
        let error = try limitError(pattern, Self.subject)
        #expect(error.kind == .matchLimit)
        #expect(error.description == error.message)
    }

    @Test func deepBacktrackingHitsDepthLimitWithoutJIT() throws {
        let options = Pattern.Options(jit: false, limits: MatchLimits(matchLimit: 100_000_000, depthLimit: 10))
        let pattern = try Pattern(Self.catastrophic, options: options)
        let error = try limitError(pattern, Self.subject)
        #expect(error.kind == .depthLimit)
        #expect(error.code == -53)  // PCRE2_ERROR_DEPTHLIMIT
    }

    @Test func deepBacktrackingHitsHeapLimitWithoutJIT() throws {
        let limits = MatchLimits(matchLimit: 100_000_000, depthLimit: 100_000_000, heapLimitKiB: 1)
        let pattern = try Pattern(Self.catastrophic, options: Pattern.Options(jit: false, limits: limits))
        let error = try limitError(pattern, String(repeating: "a", count: 2_000) + "!")
        #expect(error.kind == .heapLimit)
        #expect(error.code == -63)  // PCRE2_ERROR_HEAPLIMIT
    }

    @Test func defaultLimitsStopCatastrophicBacktracking() throws {
        for jit in [true, false] {
            let pattern = try Pattern(Self.catastrophic, options: Pattern.Options(jit: jit))
            let error = try limitError(pattern, String(repeating: "a", count: 64) + "!")
            #expect(error.kind == .matchLimit || error.kind == .depthLimit || error.kind == .heapLimit)
        }
    }

    @Test func ordinaryMatchesStayWithinSmallLimits() throws {
        for jit in [true, false] {
            let options = Pattern.Options(jit: jit, limits: MatchLimits(matchLimit: 10_000))
            let pattern = try Pattern(Self.catastrophic, options: options)
            // Without the trailing "!" the match succeeds at once, far below the limit.
            let match = try #require(try pattern.firstMatch(in: String(repeating: "a", count: 32)))
            #expect(match.utf8Range == 0..<32)
            #expect(try !Pattern("b+$", options: options).matches(Self.subject))
        }
    }

}
