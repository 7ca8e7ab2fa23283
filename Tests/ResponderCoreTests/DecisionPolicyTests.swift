import ResponderCore
import Testing

@Suite("DecisionPolicy")
struct DecisionPolicyTests {
    let policy = DecisionPolicy(threshold: 0.5, margin: 0.25)

    @Test func thresholdIsInclusive() {
        #expect(policy.decide(top: 0.5, runnerUp: nil) == .answer)
        #expect(policy.decide(top: 0.5.nextDown, runnerUp: nil) == .escalate)
        #expect(policy.decide(top: 1, runnerUp: nil) == .answer)
    }

    @Test func noCandidateEscalates() {
        #expect(policy.decide(top: nil, runnerUp: nil) == .escalate)
        #expect(DecisionPolicy(threshold: 0, margin: 0).decide(top: nil, runnerUp: nil) == .escalate)
        #expect(policy.decide([]) == .escalate)
    }

    @Test func belowThresholdClarifiesOnlyWhenTheTwoTogetherReachIt() {
        #expect(policy.decide(top: 0.4, runnerUp: 0.39) == .clarify)  // 0.79 together
        #expect(policy.decide(top: 0.26, runnerUp: 0.24) == .clarify)  // exactly 0.5 together
        #expect(policy.decide(top: 0.26, runnerUp: 0.23) == .escalate)
        #expect(policy.decide(top: 0.4, runnerUp: 0.1) == .escalate)  // not within the margin
        #expect(policy.decide(top: 0, runnerUp: 0) == .escalate)
    }

    /// The margin is a share of the top confidence (0.25: within a quarter of it).
    @Test func clarifiesOnlyWhenTheGapIsStrictlyBelowTheMarginsShare() {
        #expect(policy.decide(top: 0.8, runnerUp: 0.61) == .clarify)  // gap 0.19 < 0.2
        #expect(policy.decide(top: 0.75, runnerUp: 0.75) == .clarify)  // gap 0
        #expect(policy.decide(top: 0.8, runnerUp: 0.6) == .answer)  // gap exactly 0.2
        #expect(policy.decide(top: 0.75, runnerUp: 0.25) == .answer)
        #expect(policy.decide(top: 0.75, runnerUp: nil) == .answer)
        // The same relative gap at low confidence: still close.
        let low = DecisionPolicy(threshold: 0.05, margin: 0.25)
        #expect(low.decide(top: 0.08, runnerUp: 0.07) == .clarify)
        #expect(low.decide(top: 0.08, runnerUp: 0.05) == .answer)
    }

    @Test func zeroMarginNeverClarifies() {
        let policy = DecisionPolicy(threshold: 0.5, margin: 0)
        #expect(policy.decide(top: 0.9, runnerUp: 0.9) == .answer)
        #expect(policy.decide(top: 0.5, runnerUp: 0.5) == .answer)
        #expect(policy.decide(top: 0.49, runnerUp: 0.49) == .escalate)
    }

    @Test func zeroThresholdAnswersAnyCandidate() {
        let policy = DecisionPolicy(threshold: 0, margin: 0)
        #expect(policy.decide(top: 0, runnerUp: nil) == .answer)
        #expect(policy.decide(top: 0.01, runnerUp: 0.005) == .answer)
    }

    @Test func policyFromSettings() {
        var settings = Settings.defaults
        #expect(DecisionPolicy(settings) == DecisionPolicy(threshold: 0.5, margin: 0.02))
        settings.answerThreshold = 0.7
        settings.ambiguityMargin = 0.1
        let policy = DecisionPolicy(settings)
        #expect(policy.threshold == 0.7)
        #expect(policy.margin == 0.1)
        #expect(policy.decide(top: 0.65, runnerUp: nil) == .escalate)
    }

    @Test func decideOnCandidatesUsesTheTopTwo() throws {
        // Candidates can only be made by a matcher: use the bundled base's ranking.
        let responder = try Bundled.responder()
        let candidates = responder.matcher.match("I forgot my password").candidates
        try #require(candidates.count >= 2)
        let top = candidates[0].confidence
        let runnerUp = candidates[1].confidence
        for policy in [
            DecisionPolicy(threshold: top, margin: 0),
            DecisionPolicy(threshold: top.nextUp, margin: 0),
            DecisionPolicy(threshold: 0, margin: (top - runnerUp) / top),
            DecisionPolicy(threshold: 0, margin: ((top - runnerUp) / top).nextUp),
        ] {
            #expect(policy.decide(candidates) == policy.decide(top: top, runnerUp: runnerUp))
        }
        #expect(DecisionPolicy(threshold: top.nextUp, margin: 0).decide(candidates) == .escalate)
        #expect(DecisionPolicy(threshold: 0, margin: 1).decide(candidates) == .clarify)
        #expect(DecisionPolicy(threshold: 0, margin: 0).decide(Array(candidates.prefix(1))) == .answer)
    }
}
