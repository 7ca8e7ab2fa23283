import ArgumentParser
import Foundation
import ResponderCore
import ResponderEngine

/// `responder eval FILE.jsonl`: how well the knowledge base answers labelled utterances.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the matcher on labelled utterances (JSON Lines).",
        discussion: """
            In-scope accuracy = lines with an intent answered with that intent / lines with an intent. \
            Out-of-scope recall = lines with "intent": null not answered / such lines. A clarify counts \
            as not answered. --sweep finds the threshold with the best accuracy over all lines (out of \
            scope counted as its own class); choose thresholds on a validation set, never on the test set.
            """)

    @Argument(help: "Labelled utterances, one JSON object a line.")
    var file: String

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Option(help: "Answer threshold (overrides settings.yaml).")
    var threshold: Double?

    @Option(help: "Clarification margin (overrides settings.yaml; 0 never clarifies).")
    var margin: Double?

    @Flag(help: "Try every threshold from 0 to 1 and report the best.")
    var sweep = false

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        try validateUnitInterval(threshold, "--threshold")
        try validateUnitInterval(margin, "--margin")
    }

    /// The entry a label names: itself, or the id `kb import` gave it when it is not a valid id.
    private func entryID(for label: String, in base: KnowledgeBase) -> String {
        if base.entry(label) != nil { return label }
        let imported = KnowledgeBaseImporter.identifier(label)
        return base.entry(imported) != nil ? imported : label
    }

    func run() throws {
        let base = try knowledgeBase.load()
        let utterances = try LabelledDataFile.read(file)
        let matcher = ModelCache.cli.matcher(for: base).0
        var progress = Progress("evaluating", total: utterances.count)
        var predictions: [Prediction] = []
        predictions.reserveCapacity(utterances.count)
        for (done, utterance) in utterances.enumerated() {
            let candidates = matcher.match(utterance.text).candidates
            predictions.append(
                Prediction(
                    expected: utterance.intent.map { entryID(for: $0, in: base) }, top: candidates.first?.intent,
                    topConfidence: candidates.first?.confidence ?? 0,
                    runnerUpConfidence: candidates.dropFirst().first?.confidence))
            progress.update(done + 1)
        }
        progress.finish()

        let margin = margin ?? base.settings.ambiguityMargin
        var threshold = threshold ?? base.settings.answerThreshold
        var sweepResult: ThresholdSweep? = nil
        if sweep {
            let result = ThresholdSweep(predictions: predictions, margin: margin)
            threshold = result.best.threshold
            sweepResult = result
        }
        let report = EvaluationReport(
            predictions: predictions, policy: DecisionPolicy(threshold: threshold, margin: margin))
        let calibration = CalibrationReport(predictions: predictions)
        let unknown = Set(predictions.compactMap(\.expected)).filter { base.entry($0) == nil }.sorted()
        if json {
            print(
                EvalFormatter.json(report, calibration: calibration, sweep: sweepResult, unknownIntents: unknown)
                    .serialized)
        } else {
            print(
                EvalFormatter.text(
                    report, calibration: calibration, sweep: sweepResult, base: base, file: file,
                    unknownIntents: unknown),
                terminator: "")
        }
    }
}
