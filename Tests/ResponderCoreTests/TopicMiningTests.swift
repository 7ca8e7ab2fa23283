import Foundation
import ResponderCore
import Testing

@Suite("Topic mining")
struct TopicMiningTests {
    static let jobs = [
        "any job openings at your warehouse", "do you have job openings", "how to apply for a job at the warehouse",
        "warehouse job application", "I want a job at your warehouse",
    ]
    static let seller = [
        "我想在你们平台开店", "怎么入驻你们平台开店", "商家入驻平台开店需要什么条件", "我想开店，怎么入驻", "平台开店入驻流程",
    ]
    static let noise = ["what is the capital of peru", "tell me a joke", "是不是要下雨了"]
    /// What a base's questions give the weighting: the words every support message has.
    static let background = [
        "how do I reset my password", "where is my order", "I want a refund for my order", "can I change my address",
        "how do I cancel my order", "my parcel has not arrived", "我的订单在哪里", "怎么退款", "我想修改地址",
        "how can I pay", "do you ship abroad", "我要取消订单",
    ]

    /// The topic each text ended in, by text.
    private func topicOf(_ texts: [String], clusterer: TopicClusterer = TopicClusterer()) -> [String: Int] {
        let topics = clusterer.topics(of: TermVectors(texts, background: Self.background))
        var result: [String: Int] = [:]
        for (index, topic) in topics.enumerated() {
            for member in topic.members { result[texts[member]] = index }
        }
        return result
    }

    @Test("English and Chinese phrasings of two topics become two topics, noise stays apart")
    func twoTopicsAndNoise() {
        let texts = Self.jobs + Self.noise + Self.seller
        let topic = topicOf(texts)
        let jobTopics = Set(Self.jobs.map { topic[$0]! })
        let sellerTopics = Set(Self.seller.map { topic[$0]! })
        #expect(jobTopics.count == 1, "\(topic)")
        #expect(sellerTopics.count == 1, "\(topic)")
        #expect(jobTopics != sellerTopics)
        for text in Self.noise {
            #expect(!jobTopics.contains(topic[text]!) && !sellerTopics.contains(topic[text]!), "\(text)")
        }
    }

    @Test("The same texts give the same topics, in any order of arrival")
    func deterministic() {
        let texts = Self.jobs + Self.noise + Self.seller
        let first = TopicClusterer().topics(of: TermVectors(texts))
        #expect(first == TopicClusterer().topics(of: TermVectors(texts)))
        // Shuffled input: the same groups of texts.
        let shuffled = Array(texts.reversed())
        let groups = { (texts: [String], topics: [TopicClusterer.Topic]) in
            Set(topics.map { Set($0.members.map { texts[$0] }) })
        }
        #expect(groups(texts, first) == groups(shuffled, TopicClusterer().topics(of: TermVectors(shuffled))))
    }

    @Test("Weights order topics and count as messages")
    func weightsCount() {
        let texts = ["reset my password", "password reset please", "where is my parcel"]
        let topics = TopicClusterer().topics(of: TermVectors(texts), weights: [1, 1, 5])
        #expect(topics.first?.members == [2])
        #expect(topics.first?.weight == 5)
        #expect(topics.map(\.weight).reduce(0, +) == 7)
    }

    @Test("Texts without words are left out")
    func emptyTexts() {
        let topics = TopicClusterer().topics(of: TermVectors(["", "?!", "parcel missing"]))
        #expect(topics.flatMap(\.members) == [2])
    }

    @Test("Keywords are what the topic shares, as customers wrote them")
    func keywords() {
        let texts = ["my deliveries are late", "late deliveries again", "deliveries always late", "hello"]
        let vectors = TermVectors(texts, background: Self.background)
        let keywords = TopicKeywords.keywords(of: [0, 1, 2], texts: texts, vectors: vectors)
        #expect(keywords.map(\.text).contains("deliveries"), "\(keywords)")
        #expect(keywords.map(\.text).contains("late"))
        #expect(!keywords.map(\.text).contains("deliveri"), "stems are shown in their written form")
        #expect(keywords.allSatisfy { $0.coverage >= 0.3 && $0.coverage <= 1 })
    }

    @Test("A drafted entry loads as written, with its comment, group, questions and keywords")
    func newEntryDraftLoads() throws {
        let yaml = EntryDraft.newEntry(
            id: "warehouse-jobs", comment: ["Drafted: review it."], group: "general",
            answer: ("en", #"See "careers": apply online"#),
            questions: [("en", ["are you hiring?", "job: openings # not a comment"]), ("zh", ["招聘吗"])],
            keywords: [("job", 2), ("hiring", 1.5)])
        #expect(yaml.hasPrefix("# Drafted: review it.\n"))
        try withTemporaryBase([
            "settings.yaml": "locales: [en, zh]\n",
            "groups.yaml":
                "default_group: general\ngroups:\n  - id: general\n    name: General\n    first_response: 4h\n",
            "faq/x.yaml": yaml,
        ]) { folder in
            let base = try folder.load().requireValid()
            let entry = try #require(base.entry("warehouse-jobs"))
            #expect(entry.questions.map(\.text) == ["are you hiring?", "job: openings # not a comment", "招聘吗"])
            #expect(entry.questions.map(\.locale) == ["en", "en", "zh"])
            #expect(entry.keywords.map(\.text) == ["job", "hiring"])
            #expect(entry.group == "general")
            #expect(entry.answers == ["en": #"See "careers": apply online"#])
        }
    }

    static let entryFile = """
        # Shipping questions.
        group: general
        entries:
          - id: track
            answer: Track it in the app.
            questions:
              en:
                - where is my parcel
                - "track my order"   # the commonest
              zh:
                - 我的包裹在哪
            keywords: [parcel]

          - id: plain
            answer: Plain.
            questions:
              - one question
              - >-
                a folded
                question

          - id: compact
            answer: Compact.
            questions:
              en:
              - compact question
        """

    @Test("Questions are added after the entry's last question of their locale, the rest unchanged")
    func addingQuestionsKeepsTheFile() throws {
        try withTemporaryBase([
            "settings.yaml": "locales: [en, zh, ja]\n",
            "groups.yaml":
                "default_group: general\ngroups:\n  - id: general\n    name: General\n    first_response: 4h\n",
            "faq/shipping.yaml": Self.entryFile,
        ]) { folder in
            let base = try folder.load().requireValid()
            let track = try #require(base.entry("track"))
            let plain = try #require(base.entry("plain"))
            let rewritten = try EntryDraft.addingQuestions(
                [
                    (track, [("en", ["parcel not here yet"]), ("zh", ["快递到哪了"]), ("ja", ["荷物はどこ"])]),
                    (plain, [("en", ["another: question"]), ("zh", ["第二个"])]),
                    (track, [("ja", ["配達はいつ"])]),
                    (try #require(base.entry("compact")), [("zh", ["紧凑"]), (nil, ["no locale"])]),
                ], in: Self.entryFile, defaultLocale: "en")
            #expect(rewritten.hasPrefix("# Shipping questions.\ngroup: general\n"))
            #expect(rewritten.contains(#""track my order"   # the commonest"#), "comments are kept")
            try folder.write("faq/shipping.yaml", rewritten)
            let again = try folder.load().requireValid()
            let questions = try #require(again.entry("track")).questions
            #expect(
                questions.map(\.text) == [
                    "where is my parcel", "track my order", "parcel not here yet", "我的包裹在哪", "快递到哪了", "荷物はどこ",
                    "配達はいつ",
                ])
            #expect(
                questions.map(\.locale) == ["en", "en", "en", "zh", "zh", "ja", "ja"], "one ja: list for two topics")
            #expect(
                try #require(again.entry("plain")).questions.map(\.text)
                    == ["one question", "a folded question", "another: question", "第二个"])
            #expect(try #require(again.entry("track")).keywords.map(\.text) == ["parcel"])
            let compact = try #require(again.entry("compact")).questions
            #expect(compact.map(\.text) == ["compact question", "no locale", "紧凑"], "a key at its items' indentation")
            #expect(compact.map(\.locale) == ["en", "en", "zh"])
        }
    }

    @Test("Questions written as a flow list cannot be added to, and say where")
    func flowListIsRefused() throws {
        let file = "entries:\n  - id: a\n    answer: A.\n    questions: [one, two]\n"
        try withTemporaryBase(["faq/a.yaml": file]) { folder in
            let entry = try #require(try folder.load().requireValid().entry("a"))
            #expect(throws: EntryDraft.AdditionError.self) {
                try EntryDraft.addingQuestions([(entry, [(nil, ["three"])])], in: file, defaultLocale: "en")
            }
        }
    }
}
