import Foundation
import ResponderCore
import ResponderEngine

/// Measures the matcher in-process: knowledge-base load time (YAML, the checks for use, training,
/// and a load through the on-disk cache), per-message match time over a labelled JSON Lines file,
/// throughput and peak memory.
func runMatcherBench(_ arguments: [String]) throws {
    var arguments = arguments
    var kb = "knowledgebase"
    var repeatCount = 3
    var loads = 5
    var file: String?
    while !arguments.isEmpty {
        let argument = arguments.removeFirst()
        switch argument {
        case "--kb": kb = arguments.isEmpty ? kb : arguments.removeFirst()
        case "--repeat": repeatCount = Int(arguments.isEmpty ? "" : arguments.removeFirst()) ?? repeatCount
        case "--loads": loads = Int(arguments.isEmpty ? "" : arguments.removeFirst()) ?? loads
        default: file = argument
        }
    }
    guard let file, let text = try? String(contentsOfFile: file, encoding: .utf8) else {
        throw BenchError(description: "usage: responder-bench --kb DIR FILE.jsonl [--repeat N] [--loads N]")
    }
    let utterances = LabelledUtterance.parseAll(text).utterances

    // Load: parse the YAML files, then train (index, refinement and confidence calibration), and
    // load again through a fresh on-disk cache; each several times, reporting the median.
    var parseTimes: [Double] = []
    var checkTimes: [Double] = []
    var trainTimes: [Double] = []
    var cachedTimes: [Double] = []
    let cacheRoot = FileManager.default.temporaryDirectory.appendingPathComponent("bench-cache-\(getpid())")
    defer { try? FileManager.default.removeItem(at: cacheRoot) }
    let cache = ModelCache(root: cacheRoot, engineVersion: "bench")
    var responder: AutoResponder?
    for _ in 0..<max(1, loads) {
        let start = monotonicNanoseconds()
        let loaded = try KnowledgeBaseLoader.load(directory: kb)
        let parsed = monotonicNanoseconds()
        // What a load for use adds: the lint-only checks that can find errors.
        let base = try loaded.checkedForUse().requireValid()
        let checked = monotonicNanoseconds()
        responder = AutoResponder(matcher: Matcher(base: base))
        trainTimes.append(Double(monotonicNanoseconds() - checked) / 1e6)
        checkTimes.append(Double(checked - parsed) / 1e6)
        parseTimes.append(Double(parsed - start) / 1e6)
    }
    guard let responder else { return }
    _ = cache.matcher(for: responder.base)  // fills the cache
    for _ in 0..<max(1, loads) {
        let start = monotonicNanoseconds()
        let base = try KnowledgeBaseLoader.loadForUse(directory: kb).requireValid()
        let (_, outcome) = cache.matcher(for: base)
        cachedTimes.append(Double(monotonicNanoseconds() - start) / 1e6)
        if outcome != .hit { print("(the cache missed: \(outcome))") }
    }
    /// Milliseconds to build the matcher with `options`, `loads` times, sorted.
    func buildTimes(_ options: MatcherOptions) -> [Double] {
        (0..<max(1, loads)).map { _ in
            let start = monotonicNanoseconds()
            _ = Matcher(base: responder.base, options: options)
            return Double(monotonicNanoseconds() - start) / 1e6
        }.sorted()
    }
    var untrained = MatcherOptions.standard
    untrained.refinementEpochs = 0
    untrained.calibrationFolds = 0
    let indexTimes = buildTimes(untrained)
    var uncalibrated = MatcherOptions.standard
    uncalibrated.calibrationFolds = 0
    let refinedTimes = buildTimes(uncalibrated)
    parseTimes.sort()
    checkTimes.sort()
    trainTimes.sort()
    cachedTimes.sort()

    // Match: every line, `repeatCount` times, each timed alone.
    var times: [Double] = []
    times.reserveCapacity(utterances.count * repeatCount)
    var checksum = 0
    let wallStart = monotonicNanoseconds()
    for _ in 0..<repeatCount {
        for utterance in utterances {
            let start = monotonicNanoseconds()
            let reply = responder.reply(to: utterance.text)
            times.append(Double(monotonicNanoseconds() - start) / 1e3)
            checksum &+= reply.match.candidates.count
        }
    }
    let wall = Double(monotonicNanoseconds() - wallStart) / 1e9
    times.sort()
    let mean = times.reduce(0, +) / Double(max(1, times.count))

    let base = responder.base
    let questions = base.entries.reduce(0) { $0 + $1.questions.count }
    let size = responder.matcher.indexSize
    print(
        "knowledge base  \(kb): \(base.entries.count) entries, \(questions) questions, \(size.terms) terms, \(size.postings) postings"
    )
    print("messages        \(file): \(utterances.count) lines x \(repeatCount)")
    print("")
    print("| measure                       | value        |")
    print("|-------------------------------|--------------|")
    let median = { (times: [Double]) in String(format: "%8.1f ms", percentile(times, 0.5)) }
    let label = "reading YAML, median of \(loads)".padding(toLength: 29, withPad: " ", startingAt: 0)
    print("| \(label) | \(median(parseTimes)) |")
    print("| checks for use, median        | \(median(checkTimes)) |")
    print("| training, median              | \(median(trainTimes)) |")
    print("|   index alone (log-odds)      | \(median(indexTimes)) |")
    print("|   index and refinement        | \(median(refinedTimes)) |")
    print("| load from the cache, median   | \(median(cachedTimes)) |")
    print("| match, median                 | \(String(format: "%8.2f µs", percentile(times, 0.5))) |")
    print("| match, mean                   | \(String(format: "%8.2f µs", mean)) |")
    print("| match, p90                    | \(String(format: "%8.2f µs", percentile(times, 0.9))) |")
    print("| match, p99                    | \(String(format: "%8.2f µs", percentile(times, 0.99))) |")
    print("| match, max                    | \(String(format: "%8.2f µs", times.last ?? 0)) |")
    print("| throughput, one thread        | \(String(format: "%8.0f /s", Double(times.count) / wall)) |")
    print("| peak memory (RSS)             | \(String(format: "%8.1f MiB", Double(peakResidentKiB()) / 1024)) |")
    if checksum == 0 { print("(no candidates for any message)") }
}
