import ResponderCore
import Testing

@Suite("Matching on the bundled base")
struct MatchingTests {
    @Test(arguments: ["I forgot my password", "我忘记密码了", "ＰＡＳＳＷＯＲＤ reset", "我想 reset 我的 password"])
    func passwordQuestionsAnswerPasswordReset(message: String) throws {
        let reply = try Bundled.responder().reply(to: message)
        #expect(reply.decision == .answer, "\(message): \(reply.match.candidates.map { ($0.intent, $0.confidence) })")
        #expect(reply.intent == "password-reset")
        #expect(reply.match.top?.intent == "password-reset")
        #expect(reply.confidence == reply.match.top?.confidence)
        #expect(reply.options.isEmpty)
    }

    @Test func englishQuestionIsAnsweredInEnglish() throws {
        let responder = try Bundled.responder()
        let reply = responder.reply(to: "I forgot my password")
        #expect(reply.locale == "en")
        let entry = try #require(responder.base.entry("password-reset"))
        #expect(reply.answer == entry.answers["en"])
        #expect(reply.answer.map(containsHan) == false)
    }

    @Test func chineseQuestionIsAnsweredInChinese() throws {
        let responder = try Bundled.responder()
        let reply = responder.reply(to: "我忘记密码了")
        #expect(reply.locale == "zh")
        let answer = try #require(reply.answer)
        #expect(containsHan(answer))
        #expect(answer == responder.base.entry("password-reset")?.answers["zh"])
    }

    @Test func explicitLocaleWins() throws {
        let reply = try Bundled.responder().reply(to: "I forgot my password", locale: "zh")
        #expect(reply.locale == "zh")
        #expect(reply.answer.map(containsHan) == true)
    }

    @Test(arguments: ["what is the capital of peru", "qwertyuiop asdfghjkl"])
    func offTopicMessagesEscalate(message: String) throws {
        let reply = try Bundled.responder().reply(to: message)
        #expect(reply.decision == .escalate, "\(reply.match.candidates.map { ($0.intent, $0.confidence) })")
        #expect(reply.intent == nil)
        #expect(reply.answer == nil)
        #expect(reply.escalateTo == nil)
    }

    @Test func emptyMessageHasNoCandidates() throws {
        let reply = try Bundled.responder().reply(to: "  !! ")
        #expect(reply.match.candidates.isEmpty)
        #expect(reply.confidence == 0)
        #expect(reply.decision == .escalate)
    }

    @Test(arguments: [
        "I forgot my password", "where is my parcel", "我要退款", "cancel my order", "hello", "charged twice",
    ])
    func confidencesAreInRangeAndSorted(message: String) throws {
        let responder = try Bundled.responder()
        let candidates = responder.matcher.match(message).candidates
        #expect(!candidates.isEmpty)
        #expect(candidates.count <= responder.matcher.options.candidateCount)
        for candidate in candidates {
            #expect((0...1).contains(candidate.confidence))
            #expect(responder.base.entries[candidate.entryIndex].id == candidate.intent)
            #expect(candidate.contributions.isEmpty, "contributions only when explaining")
        }
        for (higher, lower) in zip(candidates, candidates.dropFirst()) {
            #expect(higher.confidence >= lower.confidence)
            #expect(higher.score >= lower.score)
        }
        // The top's confidence is what its explained calibration adds up to.
        let explained = try #require(responder.matcher.match(message, explain: true).top)
        let calibration = try #require(explained.calibration)
        #expect(abs(explained.confidence - calibration.confidence) < 1e-9)
        #expect(explained.confidence == candidates.first?.confidence)
        #expect(Set(candidates.map(\.intent)).count == candidates.count)
    }

    static let explained = ["I forgot my password", "我的快递到哪了", "cancel my order please"]

    /// Every term with a weight for the candidate is listed, negative refined weights included,
    /// so the contributions add up to the score, with and without refinement.
    @Test(arguments: explained, [0, 5])
    func explanationSumsToTheScore(message: String, refinementEpochs: Int) throws {
        let base = try Bundled.base()
        var options = MatcherOptions.standard
        options.refinementEpochs = refinementEpochs
        let matcher = Matcher(base: base, options: options)
        let plain = matcher.match(message)
        let explained = matcher.match(message, explain: true)
        #expect(explained.candidates.map(\.intent) == plain.candidates.map(\.intent))
        #expect(!explained.candidates.isEmpty)
        for candidate in explained.candidates {
            #expect(!candidate.contributions.isEmpty)
            let sum = candidate.contributions.reduce(0) { $0 + $1.score }
            #expect(abs(sum - candidate.score) <= 1e-4 * max(1, candidate.score), "\(candidate.intent)")
        }
    }

    @Test(arguments: explained)
    func contributionsAreTermsOfTheMessageLargestFirst(message: String) throws {
        let responder = try Bundled.responder()
        let terms = Set(Tokenizer.terms(of: message, options: responder.matcher.options.tokenizer))
        let candidates = responder.matcher.match(message, explain: true).candidates
        #expect(candidates.map(\.intent) == responder.matcher.match(message).candidates.map(\.intent))
        for candidate in candidates {
            #expect(!candidate.contributions.isEmpty)
            let scores = candidate.contributions.map(\.score)
            #expect(scores == scores.sorted(by: >))
            for contribution in candidate.contributions {
                if case .term(let term) = contribution.source {
                    #expect(terms.contains(term), "\(term) is not a term of '\(message)'")
                }
            }
        }
    }

    /// A term listed as pointing nowhere contributes to no candidate.
    @Test(arguments: explained + ["I was charged twice for my order"])
    func unknownTermsContributeNothing(message: String) throws {
        let result = try Bundled.responder().matcher.match(message, explain: true)
        let contributing = Set(
            result.candidates.flatMap(\.contributions).compactMap { contribution -> Term? in
                if case .term(let term) = contribution.source { return term }
                return nil
            })
        #expect(contributing.isDisjoint(with: result.unknownTerms), "\(result.unknownTerms)")
    }

    @Test func patternMatchAppearsAsPatternContribution() throws {
        let responder = try Bundled.responder()
        let entry = try #require(responder.base.entry("password-reset"))
        let pattern = try #require(entry.patterns.first)
        let message = "I forgot my password"
        #expect(try pattern.pattern.matches(message))
        let candidate = try #require(responder.matcher.match(message, explain: true).candidates.first)
        #expect(candidate.intent == "password-reset")
        let patternContributions = candidate.contributions.filter {
            if case .pattern = $0.source { true } else { false }
        }
        try #require(patternContributions.count == 1)
        #expect(patternContributions[0].source == .pattern(pattern.pattern.source, pattern.location))
        #expect(patternContributions[0].score == responder.matcher.options.patternScore * pattern.weight)
        #expect(pattern.location.file.hasSuffix("faq/account.yaml"))
    }

    @Test func unknownTermsAreListedWhenExplaining() throws {
        let responder = try Bundled.responder()
        let result = responder.matcher.match("password zzyzxq", explain: true)
        #expect(result.unknownTerms.contains(Term(.unigram, "zzyzxq")))
        #expect(!result.unknownTerms.contains(Term(.unigram, "password")))
        #expect(responder.matcher.match("password zzyzxq").unknownTerms.isEmpty)
    }
}

/// Loading runs on several threads; the weights must not depend on their timing.
@Suite struct MatcherDeterminismTests {
    @Test func buildingTheSameBaseTwiceGivesTheSameScores() throws {
        let base = try Bundled.base()
        let first = Matcher(base: base)
        let second = Matcher(base: base)
        for message in ["I forgot my password", "我的快递到哪了", "refund", "hi", "where is my order 58213", "发票怎么开"] {
            let a = first.match(message).candidates
            let b = second.match(message).candidates
            #expect(a.map(\.intent) == b.map(\.intent))
            #expect(a.map(\.score) == b.map(\.score))
        }
    }
}
