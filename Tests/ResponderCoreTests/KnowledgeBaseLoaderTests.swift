import ResponderCore
import Testing

@Suite("KnowledgeBaseLoader: valid bases")
struct KnowledgeBaseLoaderTests {
    static let settings = """
        locales: [en, zh]
        answer_threshold: 0.7
        ambiguity_margin: 0.1
        time_zone: Asia/Shanghai
        business_hours:
          mon-fri: "09:00-18:00"
          sat: closed
        holidays: ["2026-10-01", "2028-02-29"]
        redact: false
        """

    static let groups = """
        default_group: billing
        groups:
          - id: billing
            name: Billing
            first_response: 1h30m
          - id: general
            first_response: 1d
        """

    static let faq = """
        entries:
          - id: refund-status
            answer:
              en: We refund within 5 days.
              zh: 我们会在5天内退款。
            questions:
              en:
                - where is my refund
                - refund status
              zh:
                - 我的退款呢
            keywords: [refund, money back]
            patterns:
              - 'refund\\W+status'
              - pattern: 'REFUND'
                weight: 2.5
                case_sensitive: true
            escalate: billing
            tags: [payments, refunds]
          - id: opening-hours
            answer: We are open from 9 to 6.
            questions: [when are you open, opening hours]
            keywords:
              opening hours: 2
              open: 1.5
        """

    static let files = ["settings.yaml": settings, "groups.yaml": groups, "faq/general.yaml": faq]

    @Test func settingsAreRead() throws {
        let result = try withTemporaryBase(Self.files) { try $0.load() }
        #expect(result.diagnostics == [])
        let settings = result.base.settings
        #expect(settings.locales == ["en", "zh"])
        #expect(settings.defaultLocale == "en")
        #expect(settings.answerThreshold == 0.7)
        #expect(settings.ambiguityMargin == 0.1)
        #expect(settings.timeZone.identifier == "Asia/Shanghai")
        #expect(settings.redact == false)
        #expect(settings.holidays.map(\.description) == ["2026-10-01", "2028-02-29"])
        #expect(settings.businessHours.intervals[.monday] == [540..<1080])
        #expect(settings.businessHours.intervals[.friday] == [540..<1080])
        #expect(settings.businessHours.intervals[.saturday] == [])
        #expect(settings.businessHours.intervals[.sunday] == nil)
        #expect(settings.locations["time_zone"]?.line == 4)
    }

    @Test func groupsAreRead() throws {
        let result = try withTemporaryBase(Self.files) { try $0.load() }
        let groups = result.base.groups
        #expect(groups.defaultGroup == "billing")
        #expect(groups.groups.map(\.id) == ["billing", "general"])
        #expect(groups.group("billing")?.name == "Billing")
        #expect(groups.group("billing")?.firstResponse == .businessTime(seconds: 5400))
        #expect(groups.group("general")?.name == "general")
        #expect(groups.group("general")?.firstResponse == .businessTime(seconds: 86400))
    }

    @Test func localisedAnswersAndQuestions() throws {
        let result = try withTemporaryBase(Self.files) { try $0.load() }
        let base = result.base
        #expect(base.entries.map(\.id) == ["refund-status", "opening-hours"])
        let refund = try #require(base.entry("refund-status"))
        #expect(refund.answers == ["en": "We refund within 5 days.", "zh": "我们会在5天内退款。"])
        #expect(refund.questions.map(\.text) == ["where is my refund", "refund status", "我的退款呢"])
        #expect(refund.questions.map(\.locale) == ["en", "en", "zh"])
        #expect(refund.questions.map(\.location.line) == [8, 9, 11])
        #expect(refund.questions[0].location.column == 11)
        #expect(
            refund.location
                == ResponderCore.SourceLocation(file: result.base.directory + "/faq/general.yaml", line: 2, column: 5))
        #expect(refund.escalate == "billing")
        #expect(refund.tags == ["payments", "refunds"])
        #expect(refund.answer(locale: "zh", fallback: "en") == "我们会在5天内退款。")

        let hours = try #require(base.entry("opening-hours"))
        // A single-language answer is stored under the default locale; questions have no locale.
        #expect(hours.answers == ["en": "We are open from 9 to 6."])
        #expect(hours.answer(locale: "zh", fallback: "en") == "We are open from 9 to 6.")
        #expect(hours.questions.map(\.text) == ["when are you open", "opening hours"])
        #expect(hours.questions.allSatisfy { $0.locale == nil })
        #expect(hours.escalate == nil)
    }

    @Test func keywordListAndMapForms() throws {
        let base = try withTemporaryBase(Self.files) { try $0.load() }.base
        let listed = try #require(base.entry("refund-status")).keywords
        #expect(listed.map(\.text) == ["refund", "money back"])
        #expect(listed.map(\.weight) == [1, 1])
        let mapped = try #require(base.entry("opening-hours")).keywords
        let weights = Dictionary(uniqueKeysWithValues: mapped.map { ($0.text, $0.weight) })
        #expect(weights == ["opening hours": 2, "open": 1.5])
        #expect(mapped.first { $0.text == "open" }?.location.line == 25)
    }

    @Test func patternListAndMappingForms() throws {
        let base = try withTemporaryBase(Self.files) { try $0.load() }.base
        let patterns = try #require(base.entry("refund-status")).patterns
        try #require(patterns.count == 2)
        #expect(patterns[0].pattern.source == #"refund\W+status"#)
        #expect(patterns[0].weight == 1)
        #expect(patterns[0].pattern.options.caseSensitive == false)
        #expect(try patterns[0].pattern.matches("REFUND: status?"))
        // Where the pattern's text starts: after the opening quote.
        #expect(patterns[0].location.line == 14)
        #expect(patterns[0].location.column == 10)
        #expect(patterns[1].pattern.source == "REFUND")
        #expect(patterns[1].weight == 2.5)
        #expect(patterns[1].pattern.options.caseSensitive)
        #expect(try patterns[1].pattern.matches("REFUND"))
        #expect(try !patterns[1].pattern.matches("refund"))
        #expect(patterns[1].location.line == 15)
        #expect(patterns[1].location.column == 19)
    }

    @Test func versionChangesWhenAFileChanges() throws {
        try withTemporaryBase(Self.files) { folder in
            let first = try folder.load().base.version
            #expect(first.count == 16)
            #expect(try folder.load().base.version == first)
            try folder.write("faq/general.yaml", Self.faq.replacingOccurrences(of: "5 days", with: "7 days"))
            let second = try folder.load().base.version
            #expect(second != first)
            try folder.write("faq/extra.yaml", "entries:\n  - id: extra\n    answer: x\n    questions: [y]\n")
            let third = try folder.load()
            #expect(third.diagnostics == [])
            #expect(third.base.version != second)
            #expect(third.base.entries.count == 3)
        }
    }

    @Test func missingFolderIsNotADirectory() throws {
        let path = "/tmp/responder-tests-does-not-exist-\(UInt64.random(in: 0...UInt64.max))"
        let error = try #require(throws: KnowledgeBaseError.self) { _ = try KnowledgeBaseLoader.load(directory: path) }
        #expect(error.code == .notADirectory)
        #expect(error.path == path)
        #expect(error.description == "\(path): error: knowledge base folder not found")
    }

    @Test func aFileIsNotADirectory() throws {
        try withTemporaryBase(Self.files) { folder in
            let file = folder.file("settings.yaml")
            let error = try #require(throws: KnowledgeBaseError.self) {
                _ = try KnowledgeBaseLoader.load(directory: file)
            }
            #expect(error.code == .notADirectory)
        }
    }

    @Test func bundledBaseIsCleanAndBilingual() throws {
        let result = try Bundled.loaded.get()
        #expect(result.diagnostics.map(\.description) == [])
        let base = result.base
        #expect(base.entries.count >= 40)
        #expect(base.settings.locales == ["en", "zh"])
        for entry in base.entries {
            let en = entry.questions.filter { $0.locale == "en" }.count
            let zh = entry.questions.filter { $0.locale == "zh" }.count
            #expect(en >= 5, "\(entry.id) has \(en) English questions")
            #expect(zh >= 5, "\(entry.id) has \(zh) Chinese questions")
            #expect(entry.answers["en"]?.isEmpty == false, "\(entry.id) has no English answer")
            #expect(entry.answers["zh"].map(containsHan) == true, "\(entry.id) has no Chinese answer")
        }
        #expect(Set(base.entries.map(\.id)).count == base.entries.count)
    }
}
