import Foundation
import ResponderCore

/// Measures how well `TopicClusterer` groups labelled utterances, as `kb suggest` groups
/// escalations, and how fast: each label (an intent; `null` lines are noise) should become a
/// topic of its own, and a topic should hold one label.
///
///     responder-bench topics FILE.jsonl [--similarity X] [--min-size N] [--times K] [--background FILE]
///
/// `--times K` repeats the data K times (with a suffix that keeps each copy distinct), to time
/// large inputs; `--background FILE` weighs terms against another file's texts too (as
/// `kb suggest` does against the base's questions).
func runTopicsBench(_ arguments: [String]) throws {
    var arguments = arguments
    var clusterer = TopicClusterer()
    var minSize = 3
    var times = 1
    var file: String?
    var background: [String] = []
    while !arguments.isEmpty {
        let argument = arguments.removeFirst()
        let value = { arguments.isEmpty ? "" : arguments.removeFirst() }
        switch argument {
        case "--similarity": clusterer.similarity = Double(value()) ?? clusterer.similarity
        case "--merge": clusterer.mergeSimilarity = Double(value()) ?? clusterer.mergeSimilarity
        case "--min-size": minSize = Int(value()) ?? minSize
        case "--times": times = max(1, Int(value()) ?? times)
        case "--background":
            let text = try String(contentsOfFile: value(), encoding: .utf8)
            background = LabelledUtterance.parseAll(text).utterances.map(\.text)
        default: file = argument
        }
    }
    guard let file, let text = try? String(contentsOfFile: file, encoding: .utf8) else {
        throw BenchError(
            description:
                "usage: responder-bench topics FILE.jsonl [--similarity X] [--min-size N] [--times K] [--background FILE]"
        )
    }
    let utterances = LabelledUtterance.parseAll(text).utterances
    var texts: [String] = []
    var labels: [String?] = []
    for copy in 0..<times {
        for utterance in utterances {
            texts.append(copy == 0 ? utterance.text : "\(utterance.text) x\(copy)")
            labels.append(utterance.intent)
        }
    }
    let start = monotonicNanoseconds()
    let vectors = TermVectors(texts, background: background)
    let vectorised = monotonicNanoseconds()
    let topics = clusterer.topics(of: vectors)
    let done = monotonicNanoseconds()

    // Quality: of the topics of at least minSize, how pure they are, and which labels own one.
    let shown = topics.filter { $0.weight >= minSize }
    var pure = 0
    var owned: [String: Int] = [:]  // label -> messages in the largest topic it is the majority of
    var fragments: [String: Int] = [:]
    for topic in shown {
        var tally: [String: Int] = [:]
        for member in topic.members { tally[labels[member] ?? "(noise)", default: 0] += 1 }
        let (label, count) = tally.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!
        pure += count
        guard label != "(noise)" else { continue }
        fragments[label, default: 0] += 1
        owned[label] = max(owned[label] ?? 0, count)
    }
    var sizes: [String: Int] = [:]
    for label in labels { if let label { sizes[label, default: 0] += 1 } }
    let recovered = sizes.filter { label, size in (owned[label] ?? 0) * 2 >= size }.count
    let shownMessages = shown.reduce(0) { $0 + $1.weight }
    let noise = labels.filter { $0 == nil }.count
    let noiseInTopics = shown.flatMap(\.members).filter { labels[$0] == nil }.count

    print("texts                 \(texts.count) (\(sizes.count) labels, \(noise) noise)")
    print("similarity            \(clusterer.similarity), min size \(minSize)")
    print("topics                \(topics.count) in all, \(shown.count) of at least \(minSize)")
    print(
        "recovered labels      \(recovered) of \(sizes.count) (a topic whose majority they are holds half their lines or more)"
    )
    print(
        String(
            format: "purity                %.3f (messages of shown topics with their topic's majority label)",
            shownMessages == 0 ? 0 : Double(pure) / Double(shownMessages)))
    print(
        String(
            format: "coverage              %.3f (labelled messages in a shown topic)",
            Double(shown.flatMap(\.members).filter { labels[$0] != nil }.count) / Double(max(1, texts.count - noise))))
    print(
        String(
            format: "fragments per label   %.2f (shown topics a label is the majority of)",
            fragments.isEmpty ? 0 : Double(fragments.values.reduce(0, +)) / Double(fragments.count)))
    print("labels owning a topic \(fragments.count) of \(sizes.count)")
    print("noise in shown topics \(noiseInTopics) of \(noise)")
    print(
        String(
            format: "time                  %.0f ms vectors + %.0f ms clustering, peak memory %d MB",
            Double(vectorised - start) / 1e6, Double(done - vectorised) / 1e6, peakResidentKiB() / 1024))
}
