import Foundation
import Testing

@testable import ResponderCore

@Suite("Confidence calibration")
struct ConfidenceCalibrationTests {
    /// Examples drawn from a known logistic model over two features.
    private func samples(count: Int, bias: Double, weights: [Double], seed: UInt64) -> [LogisticRegression.Example] {
        var random = SplitMix(seed: seed)
        return (0..<count).map { _ in
            let features = weights.indices.map { _ in Double(random.next() % 10_000) / 2_500 - 2 }
            let logit = zip(weights, features).reduce(bias) { $0 + $1.0 * $1.1 }
            let p = 1 / (1 + exp(-logit))
            let draw = Double(random.next() % 1_000_000) / 1_000_000
            return LogisticRegression.Example(features: features, label: draw < p, weight: 1)
        }
    }

    @Test func logisticRegressionRecoversAKnownModel() throws {
        let fitted = try #require(
            LogisticRegression.fit(samples(count: 20_000, bias: -1, weights: [2, -0.5], seed: 7), l2: 0.01))
        #expect(abs(fitted.bias - -1) < 0.1)
        #expect(abs(fitted.weights[0] - 2) < 0.1)
        #expect(abs(fitted.weights[1] - -0.5) < 0.1)
    }

    @Test func aWeightOfTheWrongSignIsDroppedNotLearnedBackwards() throws {
        // The data say the second feature lowers the odds; its sign says it may only raise them.
        let examples = samples(count: 5_000, bias: 0, weights: [1.5, -1], seed: 11)
        let fitted = try #require(LogisticRegression.fit(examples, signs: [1, 1], l2: 0.01))
        #expect(fitted.weights[1] == 0)
        #expect(fitted.weights[0] > 1)
        let free = try #require(LogisticRegression.fit(examples, signs: [0, 0], l2: 0.01))
        #expect(free.weights[1] < -0.5)
    }

    @Test func fewExamplesStayNearThePrior() throws {
        let prior = [1.0, 1.0]
        let few = try #require(
            LogisticRegression.fit(samples(count: 12, bias: 0, weights: [-3, 3], seed: 3), l2: 50, prior: prior))
        #expect(abs(few.weights[0] - 1) < 0.5 && abs(few.weights[1] - 1) < 0.5)
        let many = try #require(
            LogisticRegression.fit(samples(count: 20_000, bias: 0, weights: [-3, 3], seed: 3), l2: 1, prior: prior))
        #expect(many.weights[0] < -2, "enough data overrule the prior")
    }

    @Test func theBundledBaseLearnsItsOwnCalibratorAndATinyBaseGetsTheStandardOne() throws {
        let matcher = try Bundled.responder().matcher
        #expect(matcher.calibrator.origin == .trained)
        #expect(matcher.calibrator != .standard)
        let tiny = try withTemporaryBase([
            "settings.yaml": "locales: [en]\n",
            "faq/a.yaml": """
            entries:
              - id: refund
                answer: Refunds take five days.
                questions: [I want a refund, refund my money]
              - id: password
                answer: Use the reset link.
                questions: [I forgot my password, reset my password]
            """,
        ]) { try $0.load().requireValid() }
        #expect(Matcher(base: tiny).calibrator == .standard)
    }

    @Test func trainingIsDeterministic() throws {
        let base = try Bundled.base()
        #expect(Matcher(base: base).calibrator == Matcher(base: base).calibrator)
    }

    /// What users rely on: the confidence means what it says. On the bundled base's labelled
    /// messages (written without looking at its questions), confidence and how often the top
    /// entry is right differ by little, and answers above 0.9 are right at least 9 times in 10.
    @Test func confidenceIsCalibratedOnTheBundledEvalSet() throws {
        let responder = try Bundled.responder()
        let file = URL(fileURLWithPath: Bundled.directory).deletingLastPathComponent()
            .appendingPathComponent("eval/bundled.jsonl").path
        let utterances = LabelledUtterance.parseAll(try String(contentsOfFile: file, encoding: .utf8)).utterances
        #expect(utterances.count > 300)
        let predictions = utterances.map { utterance in
            let candidates = responder.matcher.match(utterance.text).candidates
            return Prediction(
                expected: utterance.intent, top: candidates.first?.intent,
                topConfidence: candidates.first?.confidence ?? 0,
                runnerUpConfidence: candidates.dropFirst().first?.confidence)
        }
        let report = CalibrationReport(predictions: predictions)
        #expect(report.expectedCalibrationError < 0.08)
        let confident = try #require(report.reliability.last)
        #expect(confident.count > 50)
        #expect(confident.accuracy >= 0.9)
    }

    @Test func theExplainedBreakdownAddsUpToTheConfidence() throws {
        let responder = try Bundled.responder()
        for message in ["I was charged twice", "where is my parcel", "我要退款", "hello"] {
            let top = try #require(responder.matcher.match(message, explain: true).top)
            let calibration = try #require(top.calibration)
            #expect(abs(calibration.confidence - top.confidence) < 1e-9, "\(message)")
            #expect(calibration.terms.map(\.name) == ConfidenceFeatures.names + ["pattern"])
        }
        // A matching pattern adds its fixed share to the logit.
        let charged = try #require(responder.matcher.match("I was charged twice", explain: true).top?.calibration)
        #expect(charged.terms.last?.contribution == responder.matcher.calibrator.patternLogit)
    }

    @Test func onlyMessagesTheBaseKnowsReachTheDefaultThreshold() throws {
        let matcher = try Bundled.responder().matcher
        for message in ["qwerty zxcvb asdfg", "what is the capital of peru", "今天天气怎么样"] {
            #expect((matcher.match(message).top?.confidence ?? 0) < 0.5, "\(message)")
        }
        for message in ["I forgot my password", "where is my order", "我要退款", "忘记密码了"] {
            #expect((matcher.match(message).top?.confidence ?? 0) >= 0.5, "\(message): answered at the default")
        }
    }
}

@Suite("Calibration report")
struct CalibrationReportTests {
    private func prediction(_ expected: String?, _ top: String?, _ confidence: Double) -> Prediction {
        Prediction(expected: expected, top: top, topConfidence: confidence, runnerUpConfidence: nil)
    }

    @Test func binsExpectedCalibrationErrorAndTopOne() {
        let report = CalibrationReport(predictions: [
            prediction("a", "a", 0.95),  // right, bin 9
            prediction("a", "b", 0.91),  // wrong, bin 9
            prediction("b", "b", 0.35),  // right, bin 3
            prediction(nil, "a", 0.05),  // out of scope: never right, bin 0
            prediction("c", nil, 0),  // no candidate, bin 0
            prediction("a", "a", 1.0),  // 1 falls in the last bin
        ])
        #expect(report.reliability.count == 10)
        #expect(report.reliability[9].count == 3)
        #expect(abs(report.reliability[9].meanConfidence - (0.95 + 0.91 + 1) / 3) < 1e-12)
        #expect(abs(report.reliability[9].accuracy - 2.0 / 3) < 1e-12)
        #expect(report.reliability[3].count == 1 && report.reliability[3].accuracy == 1)
        #expect(report.reliability[0].count == 2 && report.reliability[0].accuracy == 0)
        #expect(report.reliability[5].count == 0)
        let expected =
            (3 * abs(2.0 / 3 - (0.95 + 0.91 + 1) / 3) + abs(1 - 0.35) + 2 * abs(0 - 0.025)) / 6
        #expect(abs(report.expectedCalibrationError - expected) < 1e-12)
        #expect(report.topOneAccuracy == 3.0 / 5)
    }

    @Test func coverageCurveTradesAnsweredAgainstAccuracy() throws {
        let report = CalibrationReport(predictions: [
            prediction("a", "a", 0.95), prediction("a", "b", 0.6), prediction(nil, "a", 0.2), prediction(nil, nil, 0),
        ])
        #expect(report.coverage.map(\.threshold) == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
        let low = report.coverage[0]  // 0.1: three answered, one right; one out-of-scope line escalated
        #expect(low.answered == 0.75)
        #expect(low.answerAccuracy == 1.0 / 3)
        #expect(low.accuracy == 0.5)
        let high = report.coverage[8]  // 0.9: one answered and right; both out-of-scope lines escalated
        #expect(high.answered == 0.25)
        #expect(high.answerAccuracy == 1)
        #expect(high.accuracy == 0.75)
        #expect(CalibrationReport(predictions: []).coverage[0].answerAccuracy == nil)
    }
}
