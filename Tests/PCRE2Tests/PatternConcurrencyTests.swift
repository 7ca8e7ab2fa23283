import PCRE2
import Testing

@Suite("Pattern thread safety")
struct PatternConcurrencyTests {
    static let subjects = [
        "I forgot my password",
        "重置 reset 密码",
        "nothing to see here",
        "please RESET my pass word now",
        "",
    ]

    /// What each subject gives when matched on one thread.
    static func expected(_ pattern: Pattern) throws -> [PatternMatch?] {
        try subjects.map { try pattern.firstMatch(in: $0) }
    }

    @Test(arguments: [true, false])
    func oneSharedPatternGivesConsistentResultsAcrossTasks(jit: Bool) async throws {
        let pattern = try Pattern(
            #"(?:reset|forgot)\W+(?:my\W+)?pass\s?word|reset"#, options: Pattern.Options(jit: jit))
        let expected = try Self.expected(pattern)
        #expect(expected.compactMap { $0 }.count == 3)

        let mismatches = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var mismatches = 0
                    for iteration in 0..<200 {
                        let index = (task + iteration) % Self.subjects.count
                        let result = try? pattern.firstMatch(in: Self.subjects[index])
                        if result != expected[index] { mismatches += 1 }
                        if (try? pattern.matches(Self.subjects[index])) != (expected[index] != nil) { mismatches += 1 }
                    }
                    return mismatches
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }

    @Test func limitErrorsAreReportedConsistentlyAcrossTasks() async throws {
        let pattern = try Pattern(#"(a+)+$"#, options: Pattern.Options(limits: MatchLimits(matchLimit: 10_000)))
        let bad = String(repeating: "a", count: 28) + "!"
        let good = String(repeating: "a", count: 28)
        let counts = await withTaskGroup(of: (limits: Int, matches: Int).self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var limits = 0
                    var matches = 0
                    for _ in 0..<25 {
                        do throws(PCRE2Error) {
                            _ = try pattern.matches(bad)
                        } catch {
                            if error.isLimit { limits += 1 }
                        }
                        if (try? pattern.matches(good)) == true { matches += 1 }
                    }
                    return (limits, matches)
                }
            }
            return await group.reduce((0, 0)) { ($0.0 + $1.limits, $0.1 + $1.matches) }
        }
        #expect(counts.0 == 200)
        #expect(counts.1 == 200)
    }
}
