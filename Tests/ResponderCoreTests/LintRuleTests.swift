import Foundation
import ResponderCore
import Testing

/// Every rule of `LintRule.all` with a knowledge base that triggers it and its minimal fix, the
/// examples of `docs/lint.md`.
@Suite("Linter: every rule")
struct LintRuleTests {
    /// A rule's two examples: a small knowledge base (relative path to contents) that triggers
    /// it, and the same base with the problem fixed, which is the "how to fix" example.
    struct Fixture: Sendable {
        /// The file (relative to the base) the finding points into.
        let file: String
        /// A base with at least one finding of the rule.
        let triggers: [String: String]
        /// The triggering base with the problem fixed: no finding of the rule, and (but for
        /// `cleanWithOtherFindings`) none of any other rule either.
        let clean: [String: String]
    }

    static let english = "locales: [en]\n"
    static let bilingual = "locales: [en, zh]\n"

    /// An entry that lints clean on its own.
    static let refund = """
        entries:
          - id: refund
            answer: Refunds reach your card within 5 working days.
            questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]

        """

    /// A second entry with words of its own.
    static let tracking = """
        entries:
          - id: track-parcel
            answer: Track your parcel under Orders in the app.
            questions: [where is my parcel, track my parcel, has the package shipped, parcel tracking number, delivery date of the package]

        """

    /// One group, the default.
    static let generalGroup = """
        default_group: general
        groups:
          - id: general
            first_response: 4h

        """

    /// Rules whose clean fixture still has findings of other rules: `too-many-entries`, whose
    /// 65,535 entries have no questions (see `generated`).
    static let cleanWithOtherFindings: Set<String> = ["too-many-entries"]

    /// The rule id to its examples.
    static let fixtures: [String: Fixture] = [
        // Files and YAML.
        "unreadable-file": Fixture(
            file: "faq/shipping.yaml",
            // Running as root, a file with mode 000 is still readable: a folder named like a
            // YAML file cannot be read as one either way.
            triggers: [
                "settings.yaml": english, "faq/refunds.yaml": refund, "faq/shipping.yaml/notes.txt": "to do\n",
            ],
            clean: ["settings.yaml": english, "faq/refunds.yaml": refund]),
        "yaml-syntax": Fixture(
            file: "faq/refunds.yaml",
            triggers: [
                "settings.yaml": english,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer: Refunds: within 5 working days.
                    questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]

                """,
            ],
            clean: [
                "settings.yaml": english,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer: "Refunds: within 5 working days."
                    questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]

                """,
            ]),
        "empty-file": Fixture(
            file: "faq/shipping.yaml",
            triggers: [
                "settings.yaml": english, "faq/refunds.yaml": refund, "faq/shipping.yaml": "# shipping: to do\n",
            ],
            clean: ["settings.yaml": english, "faq/refunds.yaml": refund]),
        "unknown-key": Fixture(
            file: "faq/refunds.yaml",
            triggers: [
                "settings.yaml": english,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer: Refunds reach your card within 5 working days.
                    questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]
                    tag: [billing]

                """,
            ],
            clean: [
                "settings.yaml": english,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer: Refunds reach your card within 5 working days.
                    questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]
                    tags: [billing]

                """,
            ]),
        "duplicate-key": Fixture(
            file: "faq/refunds.yaml",
            triggers: [
                "settings.yaml": english,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer: Refunds reach your card within 5 working days.
                    questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]
                    answer: Refunds take 5 days.

                """,
            ],
            clean: ["settings.yaml": english, "faq/refunds.yaml": refund]),
        "missing-field": Fixture(
            file: "faq/refunds.yaml",
            triggers: [
                "settings.yaml": english,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]

                """,
            ],
            clean: ["settings.yaml": english, "faq/refunds.yaml": refund]),
        "empty-value": Fixture(
            file: "faq/refunds.yaml",
            triggers: [
                "settings.yaml": english,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer: ""
                    questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]

                """,
            ],
            clean: ["settings.yaml": english, "faq/refunds.yaml": refund]),
        "wrong-type": Fixture(
            file: "faq/refunds.yaml",
            triggers: [
                "settings.yaml": english,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer:
                      - Refunds reach your card within 5 working days.
                      - Ask us if it takes longer.
                    questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]

                """,
            ],
            clean: [
                "settings.yaml": english,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer: |
                      Refunds reach your card within 5 working days.
                      Ask us if it takes longer.
                    questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]

                """,
            ]),
        "out-of-range": Fixture(
            file: "settings.yaml",
            triggers: ["settings.yaml": "locales: [en]\nanswer_threshold: 50\n", "faq/refunds.yaml": refund],
            clean: ["settings.yaml": "locales: [en]\nanswer_threshold: 0.5\n", "faq/refunds.yaml": refund]),
        "invalid-id": Fixture(
            file: "faq/refunds.yaml",
            triggers: [
                "settings.yaml": english,
                "faq/refunds.yaml": """
                entries:
                  - id: refund policy
                    answer: Refunds reach your card within 5 working days.
                    questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]

                """,
            ],
            clean: [
                "settings.yaml": english,
                "faq/refunds.yaml": """
                entries:
                  - id: refund-policy
                    answer: Refunds reach your card within 5 working days.
                    questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]

                """,
            ]),
        "duplicate-id": Fixture(
            file: "faq/shipping.yaml",
            triggers: [
                "settings.yaml": english, "faq/refunds.yaml": refund,
                "faq/shipping.yaml": tracking.replacingOccurrences(of: "id: track-parcel", with: "id: refund"),
            ],
            clean: ["settings.yaml": english, "faq/refunds.yaml": refund, "faq/shipping.yaml": tracking]),
        "no-entries": Fixture(
            file: "faq",
            triggers: ["settings.yaml": english],
            clean: ["settings.yaml": english, "faq/refunds.yaml": refund]),
        "too-many-entries": Fixture(
            file: "faq",
            triggers: ["settings.yaml": english, "faq/generated.yaml": generated(65_536)],
            clean: ["settings.yaml": english, "faq/generated.yaml": generated(65_535)]),

        // References and configuration.
        "unknown-locale": Fixture(
            file: "settings.yaml",
            triggers: ["settings.yaml": "locales: [en]\ndefault_locale: english\n", "faq/refunds.yaml": refund],
            clean: ["settings.yaml": "locales: [en]\ndefault_locale: en\n", "faq/refunds.yaml": refund]),
        "unknown-group": Fixture(
            file: "faq/refunds.yaml",
            triggers: [
                "settings.yaml": english, "groups.yaml": generalGroup,
                "faq/refunds.yaml": "group: genral\n" + refund,
            ],
            clean: [
                "settings.yaml": english, "groups.yaml": generalGroup,
                "faq/refunds.yaml": "group: general\n" + refund,
            ]),
        "invalid-time-zone": Fixture(
            file: "settings.yaml",
            triggers: ["settings.yaml": "locales: [en]\ntime_zone: Beijing\n", "faq/refunds.yaml": refund],
            clean: ["settings.yaml": "locales: [en]\ntime_zone: Asia/Shanghai\n", "faq/refunds.yaml": refund]),
        "invalid-business-hours": Fixture(
            file: "settings.yaml",
            triggers: [
                "settings.yaml": "locales: [en]\nbusiness_hours:\n  mon-fri: 9am-6pm\n", "faq/refunds.yaml": refund,
            ],
            clean: [
                "settings.yaml": "locales: [en]\nbusiness_hours:\n  mon-fri: \"09:00-18:00\"\n",
                "faq/refunds.yaml": refund,
            ]),
        "invalid-date": Fixture(
            file: "settings.yaml",
            triggers: ["settings.yaml": "locales: [en]\nholidays: [\"2026-10-1\"]\n", "faq/refunds.yaml": refund],
            clean: ["settings.yaml": "locales: [en]\nholidays: [\"2026-10-01\"]\n", "faq/refunds.yaml": refund]),
        "invalid-duration": Fixture(
            file: "groups.yaml",
            triggers: [
                "settings.yaml": english, "faq/refunds.yaml": refund,
                "groups.yaml": generalGroup.replacingOccurrences(of: "4h", with: "4 hours"),
            ],
            clean: ["settings.yaml": english, "faq/refunds.yaml": refund, "groups.yaml": generalGroup]),
        "invalid-priority": Fixture(
            file: "groups.yaml",
            triggers: [
                "settings.yaml": english, "faq/refunds.yaml": refund,
                "groups.yaml": generalGroup + "priority_rules:\n  - priority: critical\n    keywords: [fraud]\n",
            ],
            clean: [
                "settings.yaml": english, "faq/refunds.yaml": refund,
                "groups.yaml": generalGroup + "priority_rules:\n  - priority: urgent\n    keywords: [fraud]\n",
            ]),
        "unreachable-group": Fixture(
            file: "groups.yaml",
            triggers: [
                "settings.yaml": english, "faq/refunds.yaml": refund,
                "groups.yaml": generalGroup + "  - id: legal\n    first_response: 1d\n",
            ],
            clean: [
                "settings.yaml": english, "faq/refunds.yaml": refund,
                "groups.yaml": generalGroup + "  - id: legal\n    first_response: 1d\n    keywords: [lawyer, court]\n",
            ]),

        // Patterns.
        "pattern-syntax": Fixture(
            file: "faq/refunds.yaml",
            triggers: [
                "settings.yaml": english, "faq/refunds.yaml": refund + "    patterns: ['(?:money back|refund']\n",
            ],
            clean: [
                "settings.yaml": english, "faq/refunds.yaml": refund + "    patterns: ['(?:money back|refund)']\n",
            ]),
        "pattern-empty-match": Fixture(
            file: "faq/refunds.yaml",
            triggers: [
                "settings.yaml": english, "faq/refunds.yaml": refund + "    patterns: ['(?:money back|refund)*']\n",
            ],
            clean: [
                "settings.yaml": english, "faq/refunds.yaml": refund + "    patterns: ['(?:money back|refund)+']\n",
            ]),
        "pattern-backtracking": Fixture(
            file: "faq/shipping.yaml",
            triggers: [
                "settings.yaml": english, "faq/shipping.yaml": tracking + "    patterns: ['^(\\d+\\s?)+$']\n",
            ],
            clean: [
                "settings.yaml": english, "faq/shipping.yaml": tracking + "    patterns: ['^\\d+(?:\\s\\d+)*$']\n",
            ]),
        "pattern-cjk-boundary": Fixture(
            file: "faq/refunds.yaml",
            triggers: ["settings.yaml": english, "faq/refunds.yaml": refund + "    patterns: ['\\b退款\\b']\n"],
            clean: ["settings.yaml": english, "faq/refunds.yaml": refund + "    patterns: ['退款']\n"]),

        // Questions and entries.
        "duplicate-question": Fixture(
            file: "faq/refunds.yaml",
            triggers: [
                "settings.yaml": english,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer: Refunds reach your card within 5 working days.
                    questions:
                      - How do I get a refund?
                      - I want my money back
                      - refund please
                      - return it for a refund
                      - refund status
                      - how do I get a refund

                """,
            ],
            clean: [
                "settings.yaml": english,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer: Refunds reach your card within 5 working days.
                    questions:
                      - How do I get a refund?
                      - I want my money back
                      - refund please
                      - return it for a refund
                      - refund status

                """,
            ]),
        "shared-question": Fixture(
            file: "faq/orders.yaml",
            triggers: [
                "settings.yaml": english,
                "faq/orders.yaml": """
                entries:
                  - id: refund
                    answer: Refunds reach your card within 5 working days.
                    questions: [how do I get my money back, I want my money back, refund please, return it for a refund, refund status]
                  - id: cancel-order
                    answer: Cancel an order under Orders before it ships.
                    questions: [cancel my order, I want to cancel, stop the order, cancel a purchase, cancel an order I just placed, I want my money back]

                """,
            ],
            clean: [
                "settings.yaml": english,
                "faq/orders.yaml": """
                entries:
                  - id: refund
                    answer: Refunds reach your card within 5 working days.
                    questions: [how do I get my money back, I want my money back, refund please, return it for a refund, refund status]
                  - id: cancel-order
                    answer: Cancel an order under Orders before it ships.
                    questions: [cancel my order, I want to cancel, stop the order, cancel a purchase, cancel an order I just placed]

                """,
            ]),
        "thin-entry": Fixture(
            file: "faq/refunds.yaml",
            triggers: [
                "settings.yaml": english,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer: Refunds reach your card within 5 working days.
                    questions: [how do I get a refund, I want my money back]

                """,
            ],
            clean: ["settings.yaml": english, "faq/refunds.yaml": refund]),
        "placeholder-answer": Fixture(
            file: "faq/refunds.yaml",
            triggers: [
                "settings.yaml": english,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer: "TODO: write the answer for 'refund'"
                    questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]

                """,
            ],
            clean: ["settings.yaml": english, "faq/refunds.yaml": refund]),
        "missing-locale-questions": Fixture(
            file: "faq/refunds.yaml",
            triggers: [
                "settings.yaml": bilingual,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer:
                      en: Refunds reach your card within 5 working days.
                      zh: 退款将在5个工作日内退回您的银行卡。
                    questions:
                      en: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]

                """,
            ],
            clean: [
                "settings.yaml": bilingual,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer:
                      en: Refunds reach your card within 5 working days.
                      zh: 退款将在5个工作日内退回您的银行卡。
                    questions:
                      en: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]
                      zh: [怎么退款, 我要退款, 退款什么时候到账]

                """,
            ]),
        "missing-locale-answer": Fixture(
            file: "faq/refunds.yaml",
            triggers: [
                "settings.yaml": bilingual,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer: Refunds reach your card within 5 working days.
                    questions:
                      en: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]
                      zh: [怎么退款, 我要退款, 退款什么时候到账]

                """,
            ],
            clean: [
                "settings.yaml": bilingual,
                "faq/refunds.yaml": """
                entries:
                  - id: refund
                    answer:
                      en: Refunds reach your card within 5 working days.
                      zh: 退款将在5个工作日内退回您的银行卡。
                    questions:
                      en: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]
                      zh: [怎么退款, 我要退款, 退款什么时候到账]

                """,
            ]),
        "common-keyword": Fixture(
            file: "faq/orders.yaml",
            triggers: ["settings.yaml": english, "faq/orders.yaml": orders(trackingKeyword: "order")],
            clean: ["settings.yaml": english, "faq/orders.yaml": orders(trackingKeyword: "tracking")]),

        // Conflicts between entries.
        "question-conflict": Fixture(
            file: "faq/orders.yaml",
            triggers: [
                "settings.yaml": "locales: [en]\nanswer_threshold: 0.4\n",
                "faq/orders.yaml": """
                entries:
                  - id: refund
                    answer: Refunds reach your card within 5 working days.
                    questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]
                  - id: cancel-order
                    answer: Cancel an order under Orders before it ships.
                    questions: [cancel my order, I want to cancel, stop the order, cancel a purchase, cancel an order I just placed, can I get a refund]

                """,
            ],
            clean: [
                "settings.yaml": "locales: [en]\nanswer_threshold: 0.4\n",
                "faq/orders.yaml": """
                entries:
                  - id: refund
                    answer: Refunds reach your card within 5 working days.
                    questions: [how do I get a refund, I want my money back, refund please, return it for a refund, refund status]
                  - id: cancel-order
                    answer: Cancel an order under Orders before it ships.
                    questions: [cancel my order, I want to cancel, stop the order, cancel a purchase, cancel an order I just placed, can I cancel before it ships]

                """,
            ]),
        "ambiguous-entries": Fixture(
            file: "faq/orders.yaml",
            triggers: [
                "settings.yaml": "locales: [en]\nanswer_threshold: 0.25\nambiguity_margin: 0.1\n",
                "faq/orders.yaml": """
                entries:
                  - id: cancel-order
                    answer: Cancel an order under Orders before it ships.
                    questions: [cancel my order, please cancel it, cancel the purchase, cancel before it ships, I need to cancel, cancel or return it]
                  - id: return-item
                    answer: Return an item within 30 days from Orders, Return.
                    questions: [return an item, how do I return this, return the shoes, can I return it, return policy]

                """,
            ],
            clean: [
                "settings.yaml": "locales: [en]\nanswer_threshold: 0.25\nambiguity_margin: 0.1\n",
                "faq/orders.yaml": """
                entries:
                  - id: cancel-order
                    answer: Cancel an order under Orders before it ships.
                    questions: [cancel my order, please cancel it, cancel the purchase, cancel before it ships, I need to cancel, call off my order]
                  - id: return-item
                    answer: Return an item within 30 days from Orders, Return.
                    questions: [return an item, how do I return this, return the shoes, can I return it, return policy]

                """,
            ]),
    ]

    /// `count` entries without questions. Entries without questions still count towards the limit,
    /// and cross-validating 65,535 questions would take the conflict checks a minute in a debug build.
    static func generated(_ count: Int) -> String {
        var text = "entries:\n"
        for index in 0..<count { text += "  - {id: e\(index), answer: a, questions: []}\n" }
        return text
    }

    /// Three entries about orders; `track-order` has the keyword `trackingKeyword`.
    static func orders(trackingKeyword: String) -> String {
        """
        entries:
          - id: track-order
            answer: Track your order under Orders in the app.
            questions: [where is my order, track my order, has the parcel shipped, order tracking, when will the parcel arrive]
            keywords: [\(trackingKeyword)]
          - id: cancel-order
            answer: Cancel an order under Orders before it ships.
            questions: [cancel my order, I want to cancel, stop the order, cancel a purchase, cancel an order I just placed]
          - id: change-order
            answer: Change an order's address or items under Orders before it ships.
            questions: [change my order, change the delivery address, edit an order, add an item to the order, swap a size]

        """
    }

    /// Every finding for the base written from `files`, with paths relative to the base.
    static func lint(_ files: [String: String]) throws -> [Diagnostic] {
        try withTemporaryBase(files) { folder in
            let prefix = folder.path + "/"
            return Linter.lint(try folder.load()).map { finding in
                let file = finding.location.file
                return finding.moved(
                    to: ResponderCore.SourceLocation(
                        file: file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file,
                        line: finding.location.line, column: finding.location.column))
            }
        }
    }

    @Test(arguments: LintRule.all.map(\.id))
    func ruleHasATriggeringAndACleanFixture(_ id: String) throws {
        let fixture = try #require(Self.fixtures[id], "no fixture for rule '\(id)'")
        let rule = try #require(LintRule.rule(id))

        let findings = try Self.lint(fixture.triggers).filter { $0.rule == id }
        #expect(!findings.isEmpty, "the triggering fixture of '\(id)' has no finding of it")
        for finding in findings {
            #expect(finding.severity == rule.severity, "\(finding)")
            #expect(finding.location.file == fixture.file, "\(finding)")
            #expect(finding.location.line > 0, "\(finding)")
            #expect(finding.location.column > 0, "\(finding)")
        }

        let clean = try Self.lint(fixture.clean)
        #expect(!clean.contains { $0.rule == id }, "\(clean.filter { $0.rule == id })")
        // The fix is complete: the clean fixture has no other finding either.
        if !Self.cleanWithOtherFindings.contains(id) {
            #expect(clean.isEmpty, "\(clean)")
        }
    }

    @Test func everyRuleIsDeclaredOnceWithItsOwnID() {
        let ids = LintRule.all.map(\.id)
        #expect(Set(ids).count == ids.count, "\(ids)")
        for rule in LintRule.all {
            #expect(LintRule.rule(rule.id) == rule)
            #expect("\(rule)" == rule.id)
        }
        let finding = Diagnostic(.sharedQuestion, at: .file("faq/a.yaml"), "twice")
        #expect(finding.rule == "shared-question")
        #expect(finding.severity == .error)
    }

    @Test func everyFixtureIsForARule() {
        let ids = Set(LintRule.all.map(\.id))
        #expect(Set(Self.fixtures.keys).subtracting(ids).isEmpty)
    }

    @Test func everyEmittedRuleIsListed() throws {
        let ids = Set(LintRule.all.map(\.id))
        var emitted: Set<String> = []
        for fixture in Self.fixtures.values {
            emitted.formUnion(try Self.lint(fixture.triggers).map(\.rule))
        }
        #expect(emitted.subtracting(ids).isEmpty, "undocumented rule ids: \(emitted.subtracting(ids).sorted())")
    }

    @Test func everyRuleHasAHeadingInTheDocs() throws {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // ResponderCoreTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("docs").appendingPathComponent("lint.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // Headings outside code blocks, without their #s and backquotes.
        var headings: [String] = []
        var inCode = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inCode.toggle() }
            guard !inCode, line.hasPrefix("#") else { continue }
            headings.append(line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).filter { $0 != "`" })
        }
        let ids = LintRule.all.map(\.id)
        for id in ids {
            #expect(headings.contains(id), "docs/lint.md has no heading '\(id)'")
        }
        // One section per rule, in the order of `LintRule.all`.
        #expect(headings.filter { ids.contains($0) } == ids)
    }
}
