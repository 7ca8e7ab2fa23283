import ResponderCore
import Testing

@Suite("KnowledgeBaseLoader: settings and groups diagnostics")
struct SettingsDiagnosticsTests {
    static let faq = "entries:\n  - id: a\n    answer: Hi\n    questions: [hi]\n"

    /// Loads a base with a valid FAQ file and the given `settings.yaml` and/or `groups.yaml`.
    private func load(settings: String? = nil, groups: String? = nil) throws -> (LoadResult, TemporaryBase) {
        var files = ["faq/a.yaml": Self.faq]
        files["settings.yaml"] = settings
        files["groups.yaml"] = groups
        return try withTemporaryBase(files) { folder in (try folder.load(), folder) }
    }

    @Test func wrongTypeForAnswerThreshold() throws {
        let (result, folder) = try load(settings: "locales: [en]\nanswer_threshold: \"high\"\n")
        let diagnostic = try expectOnly(result, "wrong-type", file: folder.file("settings.yaml"), line: 2, column: 19)
        #expect(diagnostic.message == "answer_threshold must be a number")
        #expect(result.base.settings.answerThreshold == Settings.defaults.answerThreshold)
    }

    @Test func outOfRangeThreshold() throws {
        let (result, folder) = try load(settings: "answer_threshold: 1.5\n")
        try expectOnly(result, "out-of-range", file: folder.file("settings.yaml"), line: 1, column: 19)
    }

    @Test func invalidTimeZone() throws {
        let (result, folder) = try load(settings: "locales: [en]\ntime_zone: Mars/Olympus\n")
        let diagnostic = try expectOnly(
            result, "invalid-time-zone", file: folder.file("settings.yaml"), line: 2, column: 12)
        #expect(diagnostic.message.contains("'Mars/Olympus'"))
        #expect(result.base.settings.timeZone == .gmt)
    }

    @Test func improvementTargetsAreReadAndCheckedWhereTheyAreWritten() throws {
        let good = """
            targets:
              csat: 4.5
              human_first_response_mean: {improve: 10%, from: 2026-11-01, within: 30d}
              sla_attainment: {improve: 5%, from: 2026-11-01, within: 14d, baseline: 0.8}
            """
        let (loaded, _) = try load(settings: good + "\n")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let targets = loaded.base.settings.targets
        #expect(targets.csat == 4.5)
        #expect(
            targets.improvements["human_first_response_mean"]
                == ReportTargets.Improvement(share: 0.1, from: try #require(CalendarDate("2026-11-01")), days: 30))
        #expect(targets.improvements["sla_attainment"]?.baseline == 0.8)

        let bad = """
            targets:
              human_first_response_mean: {improve: 10%, from: 2026-11-01}
              automation_rate: {improve: 150%, from: 2026-11-01, within: 30d}
              csat: {improve: 10%, from: 2026-02-30, within: 30d}
              sla_attainment: {improve: 10%, from: 2026-11-01, within: 2 weeks}
              first_response_mean: {improve: 10%, from: 2026-11-01, within: 30d, baseline: soon}
            """
        let (result, folder) = try load(settings: bad + "\n")
        let file = folder.file("settings.yaml")
        #expect(
            result.diagnostics.map { "\($0.rule):\($0.location.line):\($0.location.column)" } == [
                "missing-field:2:30", "out-of-range:3:30", "invalid-date:4:30", "invalid-duration:5:60",
                "invalid-duration:6:80",
            ])
        #expect(result.diagnostics.allSatisfy { $0.location.file == file })
        #expect(result.base.settings.targets.improvements.isEmpty, "a wrong target is not half-read")
    }

    @Test func invalidHolidayDate() throws {
        let settings = "holidays:\n  - \"2026-01-01\"\n  - \"2026-02-30\"\n  - \"2027-02-29\"\n"
        let (result, folder) = try load(settings: settings)
        #expect(result.diagnostics.map(\.rule) == ["invalid-date", "invalid-date"])
        #expect(result.diagnostics.map(\.location.line) == [3, 4])
        #expect(
            result.diagnostics.allSatisfy {
                $0.location.column == 5 && $0.location.file == folder.file("settings.yaml")
            })
        #expect(result.diagnostics.first?.message == "holiday '2026-02-30' is not a date YYYY-MM-DD")
    }

    @Test func invalidBusinessHours() throws {
        let settings = "business_hours:\n  mon-fri: \"18:00-09:00\"\n  sat: \"10:00-16:00\"\n"
        let (result, folder) = try load(settings: settings)
        let diagnostic = try expectOnly(
            result, "invalid-business-hours", file: folder.file("settings.yaml"), line: 2, column: 12)
        #expect(diagnostic.message.contains("'18:00-09:00'"))
        #expect(result.base.settings.businessHours == .officeHours)
    }

    @Test func invalidBusinessDay() throws {
        let (result, folder) = try load(settings: "business_hours:\n  mon-fry: \"09:00-18:00\"\n")
        try expectOnly(result, "invalid-business-hours", file: folder.file("settings.yaml"), line: 2, column: 3)
    }

    @Test func invalidDuration() throws {
        let groups = "default_group: general\ngroups:\n  - id: general\n    first_response: 5x\n"
        let (result, folder) = try load(groups: groups)
        let diagnostic = try expectOnly(
            result, "invalid-duration", file: folder.file("groups.yaml"), line: 4, column: 21)
        #expect(diagnostic.message.contains("'5x'"))
    }

    @Test func unknownDefaultGroup() throws {
        let groups = "default_group: genral\ngroups:\n  - id: general\n    first_response: 4h\n"
        let (result, folder) = try load(groups: groups)
        let diagnostic = try expectOnly(result, "unknown-group", file: folder.file("groups.yaml"), line: 1, column: 16)
        #expect(diagnostic.message.hasSuffix("did you mean 'general'?"))
    }

    @Test func everyProblemIsReportedInOnePass() throws {
        let settings = "locales: [en]\ntime_zone: Nowhere/Special\n"
        let groups = "default_group: general\ngroups:\n  - id: general\n    first_response: soon\n"
        let faq = "entries:\n  - id: a\n    questions: [hi]\n"
        let result = try withTemporaryBase(["settings.yaml": settings, "groups.yaml": groups, "faq/a.yaml": faq]) {
            try $0.load()
        }
        #expect(result.diagnostics.map(\.rule) == ["invalid-time-zone", "invalid-duration", "missing-field"])
        #expect(result.diagnostics.map(\.location.line) == [2, 4, 2])
        #expect(result.diagnostics.map(\.location.column) == [12, 21, 5])
        let error = try #require(throws: KnowledgeBaseError.self) { _ = try result.requireValid() }
        #expect(error.code == .invalid)
        #expect(error.diagnostics == result.diagnostics)
        #expect(error.description.hasSuffix(": 3 errors; fix them and try again"))
    }

    @Test func descriptionFormat() throws {
        let location = ResponderCore.SourceLocation(file: "kb/faq/a.yaml", line: 4, column: 5)
        let error = Diagnostic(.unknownKey, at: location, "unknown key 'x'")
        #expect(error.description == "kb/faq/a.yaml:4:5: error: unknown key 'x' [unknown-key]")
        let warning = Diagnostic(.thinEntry, at: location.advanced(by: 2), "still a TODO")
        #expect(warning.description == "kb/faq/a.yaml:4:7: warning: still a TODO [thin-entry]")
        #expect([warning].containsErrors == false)
        #expect([warning, error].containsErrors)

        let (result, folder) = try load(settings: "time_zone: Mars/Olympus\n")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(
            diagnostic.description
                == "\(folder.file("settings.yaml")):1:12: error: \(diagnostic.message) [invalid-time-zone]")
    }
}
