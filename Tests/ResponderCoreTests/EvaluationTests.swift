import ResponderCore
import Testing

@Suite("Labelled data and evaluation")
struct EvaluationTests {
    @Test func parsesAGoodLine() throws {
        let utterance = try LabelledUtterance.parse(
            #"{"text": "where is my refund", "intent": "refund-status"}"#, number: 7)
        #expect(utterance == LabelledUtterance(text: "where is my refund", intent: "refund-status", line: 7))
    }

    @Test func nullOrMissingIntentIsOutOfScope() throws {
        let null = try LabelledUtterance.parse(#"{"text": "capital of peru", "intent": null}"#, number: 1)
        #expect(null == LabelledUtterance(text: "capital of peru", intent: nil, line: 1))
        let missing = try LabelledUtterance.parse(#"{"text": "hi"}"#, number: 2)
        #expect(missing?.intent == nil)
        #expect(missing?.text == "hi")
    }

    @Test func blankLineIsNil() throws {
        #expect(try LabelledUtterance.parse("", number: 1) == nil)
        #expect(try LabelledUtterance.parse("   \t ", number: 2) == nil)
    }

    @Test(arguments: [
        (#"{"text": "unterminated"#, "not valid JSON"),
        (#"["text", "intent"]"#, #"expected a JSON object with "text" and "intent""#),
        (#"{"intent": "refund"}"#, #""text" must be a string"#),
        (#"{"text": 42, "intent": "refund"}"#, #""text" must be a string"#),
        (#"{"text": "  ", "intent": "refund"}"#, #""text" is empty"#),
        (#"{"text": "hi", "intent": ""}"#, #""intent" must be a non-empty string or null"#),
        (#"{"text": "hi", "intent": 3}"#, #""intent" must be a non-empty string or null"#),
    ])
    func badLinesThrowWithTheLineNumber(line: String, message: String) throws {
        let error = try #require(throws: LabelledDataError.self) { _ = try LabelledUtterance.parse(line, number: 12) }
        #expect(error.line == 12)
        #expect(error.message == message)
    }

    @Test func parseAllReportsEveryBadLine() {
        let document = """
            {"text": "reset my password", "intent": "password-reset"}
            {"text": broken}

            {"intent": "x"}
            {"text": "capital of peru", "intent": null}
            not json at all

            """
        let (utterances, errors) = LabelledUtterance.parseAll(document)
        #expect(utterances.map(\.line) == [1, 5])
        #expect(utterances.map(\.intent) == ["password-reset", nil])
        #expect(errors.map(\.line) == [2, 4, 6])
        #expect(errors.map(\.message) == ["not valid JSON", #""text" must be a string"#, "not valid JSON"])
    }

    /// Nine predictions under threshold 0.5 / margin 0.1, worked out by hand:
    /// answers a(1 ✓), b(2 ✗ a→b), b(3 ✓), escalate(4 ✗), escalate(5 ✓ oos),
    /// c(6 ✗ oos), clarify(7 ✗), b(8 ✗ c→b), b(9 ✗ a→b).
    static let predictions = [
        Prediction(expected: "a", top: "a", topConfidence: 0.9, runnerUpConfidence: 0.2),
        Prediction(expected: "a", top: "b", topConfidence: 0.8, runnerUpConfidence: 0.1),
        Prediction(expected: "b", top: "b", topConfidence: 0.7, runnerUpConfidence: nil),
        Prediction(expected: "b", top: "b", topConfidence: 0.4, runnerUpConfidence: nil),
        Prediction(expected: nil, top: "a", topConfidence: 0.3, runnerUpConfidence: nil),
        Prediction(expected: nil, top: "c", topConfidence: 0.95, runnerUpConfidence: 0.1),
        Prediction(expected: "a", top: "a", topConfidence: 0.6, runnerUpConfidence: 0.55),
        Prediction(expected: "c", top: "b", topConfidence: 0.9, runnerUpConfidence: nil),
        Prediction(expected: "a", top: "b", topConfidence: 0.85, runnerUpConfidence: nil),
    ]
    static let policy = DecisionPolicy(threshold: 0.5, margin: 0.1)

    @Test func reportFiguresMatchTheHandComputation() {
        let report = EvaluationReport(predictions: Self.predictions, policy: Self.policy)
        #expect(report.lines == 9)
        #expect(report.inScope == 7)
        #expect(report.outOfScope == 2)
        #expect(report.inScopeAccuracy == 2.0 / 7.0)
        #expect(report.outOfScopeRecall == 0.5)
        #expect(report.accuracy == 3.0 / 9.0)
        #expect(report.escalationRate == 2.0 / 9.0)
        #expect(report.clarificationRate == 1.0 / 9.0)
        #expect(report.policy == Self.policy)
    }

    @Test func worstIntentsAndConfusions() {
        let report = EvaluationReport(predictions: Self.predictions, policy: Self.policy)
        // a: P 1/1, R 1/4, F1 0.4; b: P 1/4, R 1/2, F1 1/3; c: P 0/1, R 0, F1 0.
        #expect(report.worstIntents.map(\.intent) == ["c", "b", "a"])
        #expect(report.worstIntents.map(\.support) == [1, 2, 4])
        let b = report.worstIntents[1]
        #expect(abs(b.precision - 0.25) < 1e-12 && abs(b.recall - 0.5) < 1e-12 && abs(b.f1 - 1.0 / 3.0) < 1e-12)
        let a = report.worstIntents[2]
        #expect(abs(a.precision - 1) < 1e-12 && abs(a.recall - 0.25) < 1e-12 && abs(a.f1 - 0.4) < 1e-12)
        #expect(report.worstIntents[0].f1 == 0)
        #expect(report.confusions.map(\.expected) == ["a", "c"])
        #expect(report.confusions.map(\.answered) == ["b", "b"])
        #expect(report.confusions.map(\.count) == [2, 1])
        let limited = EvaluationReport(predictions: Self.predictions, policy: Self.policy, worst: 1)
        #expect(limited.worstIntents.map(\.intent) == ["c"])
        #expect(limited.confusions.count == 1)
    }

    @Test func predictionDecisions() {
        #expect(Self.predictions[0].isCorrect(under: Self.policy))
        #expect(Self.predictions[1].answered(under: Self.policy) == "b")
        #expect(!Self.predictions[1].isCorrect(under: Self.policy))
        #expect(Self.predictions[4].answered(under: Self.policy) == nil)
        #expect(Self.predictions[4].isCorrect(under: Self.policy))
        #expect(Self.predictions[6].answered(under: Self.policy) == nil)  // clarified
        let none = Prediction(expected: nil, top: nil, topConfidence: 0, runnerUpConfidence: nil)
        #expect(none.answered(under: DecisionPolicy(threshold: 0, margin: 0)) == nil)
    }

    @Test func emptyReportIsAllZero() {
        let report = EvaluationReport(predictions: [], policy: Self.policy)
        #expect(report.lines == 0 && report.accuracy == 0 && report.escalationRate == 0)
        #expect(report.worstIntents.isEmpty && report.confusions.isEmpty)
    }
}
