import ResponderCore
import Testing

/// Lint reports the cause of a problem once, at the place that introduced it: not its
/// consequences, and not on files that were not touched.
@Suite("Linter: blame the cause, once")
struct LintBlameTests {
    static let english = "locales: [en]\n"

    /// Three entries about orders, each with questions that say "order".
    static let orders = """
        entries:
          - id: track-order
            answer: Track your order under Orders in the app.
            questions: [where is my order, track my order, has my order shipped, order tracking, when will my order arrive]
          - id: cancel-order
            answer: Cancel an order under Orders before it ships.
            questions: [cancel my order, I want to cancel my order, stop the order, cancel a purchase, cancel an order I just placed]
          - id: change-order
            answer: Change an order's address or items under Orders before it ships.
            questions: [change my order, change the delivery address of my order, edit an order, add an item to the order, swap a size in my order]

        """

    /// Every finding for `files`, with paths relative to the base.
    static func lint(_ files: [String: String]) throws -> [Diagnostic] {
        try LintRuleTests.lint(files)
    }

    /// `faq/refunds.yaml` with the pattern `pattern` (the example of docs/lint.md).
    static func refunds(pattern: String) -> String {
        """
        entries:
          - id: refund
            answer: Refunds reach your card within 5 working days.
            questions: [how do I get a refund, money back please, refund please, return it for a refund, refund status]
            patterns: ['\(pattern)']

        """
    }

    /// `faq/orders.yaml` of that example: two entries about orders, untouched.
    static let twoOrders = """
        entries:
          - id: track-order
            answer: Track your order under Orders in the app.
            questions: [where is my order, track my order, has my order shipped, order tracking, when will my order arrive]
          - id: cancel-order
            answer: Cancel an order under Orders before it ships.
            questions: [cancel my order, I want to cancel my order, stop the order, cancel a purchase, cancel an order I just placed]

        """

    @Test func aConflictCausedByAPatternIsReportedOnceAtThePattern() throws {
        let findings = try Self.lint([
            "settings.yaml": Self.english, "faq/orders.yaml": Self.twoOrders,
            "faq/refunds.yaml": Self.refunds(pattern: "order"),
        ])
        // Nothing on the untouched file: its questions are fine, the pattern is not.
        #expect(findings.count == 1, "\(findings)")
        let finding = try #require(findings.first)
        #expect(finding.lintRule == .questionConflict)
        #expect(finding.location == .init(file: "faq/refunds.yaml", line: 5, column: 17))
        #expect(
            finding.message.hasPrefix(
                "pattern 'order' of entry 'refund' makes the matcher answer 9 questions of other entries with 'refund' "
            ))
        #expect(finding.message.contains("5 of 'track-order', e.g. 'where is my order' ("), "\(finding.message)")
        #expect(finding.message.contains("/faq/orders.yaml:4:17); 4 of 'cancel-order', e.g. "), "\(finding.message)")

        let fixed = try Self.lint([
            "settings.yaml": Self.english, "faq/orders.yaml": Self.twoOrders,
            "faq/refunds.yaml": Self.refunds(pattern: "refund"),
        ])
        #expect(fixed.isEmpty, "\(fixed)")
    }

    @Test func aWeightierPatternCapturesQuestionsOfEveryEntry() throws {
        let refunds = Self.refunds(pattern: "order").replacingOccurrences(
            of: "patterns: ['order']", with: "patterns: [{pattern: 'order', weight: 3}]")
        let findings = try Self.lint([
            "settings.yaml": Self.english, "faq/orders.yaml": Self.orders, "faq/refunds.yaml": refunds,
        ])
        let conflicts = findings.filter { $0.lintRule == .questionConflict }
        #expect(conflicts.map(\.location) == [.init(file: "faq/refunds.yaml", line: 5, column: 27)], "\(findings)")
        for entry in ["track-order", "cancel-order", "change-order"] {
            #expect(conflicts.first?.message.contains(" of '\(entry)', e.g. '") == true, "\(conflicts)")
        }
    }

    @Test func aConflictThePatternDoesNotDecideStaysAtTheQuestion() throws {
        // "can I get a refund" goes to `refund` on its words alone: the pattern is not the cause.
        let orders = """
            entries:
              - id: refund
                answer: Refunds reach your card within 5 working days.
                questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]
                patterns: ['refund']
              - id: cancel-order
                answer: Cancel an order under Orders before it ships.
                questions: [cancel my order, I want to cancel, stop the order, cancel a purchase, cancel an order I just placed, can I get a refund]

            """
        let findings = try Self.lint([
            "settings.yaml": "locales: [en]\nanswer_threshold: 0.4\n", "faq/orders.yaml": orders,
        ])
        let conflicts = findings.filter { $0.lintRule == .questionConflict }
        #expect(conflicts.map(\.location) == [.init(file: "faq/orders.yaml", line: 8, column: 118)], "\(findings)")
    }

    @Test func aSharedQuestionIsReportedOnceAtTheEntryItFitsLeast() throws {
        // `refund` sorts later, but the question is about refunds: the copy in `cancel-order` is the stray one.
        let cancel = """
            entries:
              - id: cancel-order
                answer: Cancel an order under Orders before it ships.
                questions: [cancel my order, I want to cancel, stop the order, cancel a purchase, cancel an order I just placed, I want my money back]

            """
        let refunds = """
            entries:
              - id: refund
                answer: Refunds reach your card within 5 working days.
                questions: [how do I get my money back, I want my money back, money back please, return it for a refund, refund status]

            """
        let findings = try Self.lint([
            "settings.yaml": Self.english, "faq/a-orders.yaml": cancel, "faq/b-refunds.yaml": refunds,
        ])
        #expect(findings.map(\.lintRule) == [.sharedQuestion], "\(findings)")
        let finding = try #require(findings.first)
        #expect(finding.location == .init(file: "faq/a-orders.yaml", line: 4, column: 118))
        #expect(finding.message.contains("also in "), "\(finding.message)")
        #expect(finding.message.contains("faq/b-refunds.yaml:4:45"), "\(finding.message)")
        #expect(
            finding.message.hasSuffix("so keep it in one: 'refund', whose other questions share more of its words"),
            "\(finding.message)")
    }

    @Test func aSharedQuestionThatFitsBothEquallyIsReportedAtTheCopyReadLast() throws {
        let files = """
            entries:
              - id: a
                answer: A.
                questions: [alpha one, alpha two, alpha three, alpha four, alpha five, hello there]
              - id: b
                answer: B.
                questions: [beta one, beta two, beta three, beta four, beta five, hello there]

            """
        let findings = try Self.lint(["settings.yaml": Self.english, "faq/x.yaml": files]).filter {
            $0.lintRule == .sharedQuestion
        }
        #expect(findings.map(\.location) == [.init(file: "faq/x.yaml", line: 7, column: 71)], "\(findings)")
    }

    @Test func aMisspeltKeyIsOneFinding() throws {
        let refunds = """
            entries:
              - id: refund
                answer:
                  en: Refunds reach your card within 5 working days.
                  zh: 退款将在5个工作日内退回您的银行卡。
                questons: [how do I get a refund, I want my money back, refund please, 怎么退款, 我要退款]

            """
        let findings = try Self.lint(["settings.yaml": "locales: [en, zh]\n", "faq/refunds.yaml": refunds])
        #expect(findings.count == 1, "\(findings)")
        let finding = try #require(findings.first)
        #expect(finding.lintRule == .unknownKey)
        #expect(finding.location == .init(file: "faq/refunds.yaml", line: 6, column: 5))
        #expect(finding.message == "unknown key 'questons' in an entry; did you mean 'questions'?")
    }

    @Test func aMisspeltAnswerIsOneFinding() throws {
        let refunds = """
            entries:
              - id: refund
                anwser: Refunds reach your card within 5 working days.
                questions:
                  en: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]
                  zh: [怎么退款, 我要退款, 退款什么时候到账, 退款多久到, 退款进度]

            """
        let findings = try Self.lint(["settings.yaml": "locales: [en, zh]\n", "faq/refunds.yaml": refunds])
        #expect(findings.map(\.lintRule) == [.unknownKey], "\(findings)")
    }

    @Test func aMisspeltKeyBesideTheRightOneStillLetsItsChecksRun() throws {
        let refunds = """
            entries:
              - id: refund
                answer: Refunds reach your card within 5 working days.
                questions: [how do I get a refund, I want my money back]
                questons: [refund please]

            """
        let findings = try Self.lint(["settings.yaml": Self.english, "faq/refunds.yaml": refunds])
        #expect(findings.map(\.lintRule) == [.thinEntry, .unknownKey], "\(findings)")
    }

    /// A thin entry (2 questions) under `settings`.
    private func thinEntryFindings(settings: String) throws -> [Diagnostic] {
        let refunds = """
            entries:
              - id: refund
                answer: Refunds reach your card within 5 working days.
                questions: [how do I get a refund, I want my money back]

            """
        return try Self.lint(["settings.yaml": settings, "faq/refunds.yaml": refunds])
    }

    @Test func anOutOfRangeMinimumSkipsTheThinEntryCheck() throws {
        let findings = try thinEntryFindings(settings: "locales: [en]\nlint:\n  min_questions: -3\n")
        #expect(findings.map(\.lintRule) == [.outOfRange], "\(findings)")
        #expect(findings.first?.location == .init(file: "settings.yaml", line: 3, column: 18))
    }

    @Test func aMisspeltMinimumSkipsTheThinEntryCheck() throws {
        let findings = try thinEntryFindings(settings: "locales: [en]\nlint:\n  min_question: 8\n")
        #expect(findings.map(\.lintRule) == [.unknownKey], "\(findings)")
    }

    @Test func aLintSettingThatIsNotAMappingSkipsBothThresholdChecks() throws {
        let findings = try thinEntryFindings(settings: "locales: [en]\nlint: 8\n")
        #expect(findings.map(\.lintRule) == [.wrongType], "\(findings)")
    }

    @Test func aValidMinimumStillRuns() throws {
        let findings = try thinEntryFindings(settings: "locales: [en]\nlint:\n  min_questions: 2\n")
        #expect(findings.isEmpty, "\(findings)")
        let strict = try thinEntryFindings(settings: "locales: [en]\nlint:\n  min_questions: 3\n")
        #expect(strict.map(\.lintRule) == [.thinEntry], "\(strict)")
    }

    @Test func anInvalidKeywordShareSkipsTheCommonKeywordCheck() throws {
        let orders = Self.orders.replacingOccurrences(
            of: "order tracking, when will my order arrive]",
            with: "order tracking, when will my order arrive]\n    keywords: [order]")
        let valid = try Self.lint(["settings.yaml": Self.english, "faq/orders.yaml": orders])
        #expect(valid.contains { $0.lintRule == .commonKeyword }, "\(valid)")
        let findings = try Self.lint([
            "settings.yaml": "locales: [en]\nlint:\n  common_keyword_share: 25%\n", "faq/orders.yaml": orders,
        ])
        #expect(!findings.contains { $0.lintRule == .commonKeyword }, "\(findings)")
        #expect(findings.contains { $0.lintRule == .wrongType }, "\(findings)")
    }

    @Test func anOutOfRangeThresholdSkipsTheConflictChecks() throws {
        let orders = """
            entries:
              - id: refund
                answer: Refunds reach your card within 5 working days.
                questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]
              - id: cancel-order
                answer: Cancel an order under Orders before it ships.
                questions: [cancel my order, I want to cancel, stop the order, cancel a purchase, cancel an order I just placed, can I get a refund]

            """
        let valid = try Self.lint([
            "settings.yaml": "locales: [en]\nanswer_threshold: 0.4\n", "faq/orders.yaml": orders,
        ])
        #expect(valid.map(\.lintRule) == [.questionConflict], "\(valid)")
        let findings = try Self.lint([
            "settings.yaml": "locales: [en]\nanswer_threshold: 40\n", "faq/orders.yaml": orders,
        ])
        #expect(findings.map(\.lintRule) == [.outOfRange], "\(findings)")
    }
}
