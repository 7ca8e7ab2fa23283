import Foundation
import JSONRPC
import ResponderCore

/// Measures `responder serve` over a pipe: messages per second from the first request written to
/// the last response read, the distribution of the replies' `latency_us`, and the server's peak
/// memory. Messages cycle through a labelled file's texts, each in a conversation of its own.
func runServeBench(_ arguments: [String]) throws {
    var arguments = arguments
    var responder = "responder"
    var kb = "knowledgebase"
    var count = 100_000
    var file: String?
    while !arguments.isEmpty {
        let argument = arguments.removeFirst()
        guard argument.hasPrefix("--") else {
            file = argument
            continue
        }
        let value = arguments.isEmpty ? "" : arguments.removeFirst()
        switch argument {
        case "--responder": responder = value
        case "--kb": kb = value
        case "--count": count = Int(value) ?? count
        default: throw BenchError(description: "unknown option \(argument)")
        }
    }
    guard let file, let text = try? String(contentsOfFile: file, encoding: .utf8) else {
        throw BenchError(description: "usage: responder-bench serve --responder BIN --kb DIR [--count N] FILE.jsonl")
    }
    let texts = LabelledUtterance.parseAll(text).utterances.map(\.text)
    guard !texts.isEmpty else { throw BenchError(description: "\(file) has no messages") }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("responder-serve-bench-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: responder)
    process.arguments = ["serve", "--kb", kb, "--db", folder.appendingPathComponent("bench.sqlite").path]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.standardError
    try process.run()

    // Wait until the server answers, so that start-up (loading the base) is not timed.
    input.fileHandleForWriting.write(Data("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\"}\n".utf8))
    var reader = LineReader(handle: output.fileHandleForReading)
    guard reader.next() != nil else { throw BenchError(description: "the server did not answer initialize") }

    let lines = (0..<count).map { index -> Data in
        let escaped = texts[index % texts.count].replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        return Data(
            "{\"jsonrpc\":\"2.0\",\"id\":\(index + 1),\"method\":\"message\",\"params\":{\"conversation\":\"bench-\(index)\",\"text\":\"\(escaped)\"}}\n"
                .utf8)
    }
    let start = monotonicNanoseconds()
    let writer = Thread {
        var batch = Data()
        for line in lines {
            batch.append(line)
            if batch.count > 64 * 1024 {
                input.fileHandleForWriting.write(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        input.fileHandleForWriting.write(batch)
    }
    writer.start()
    var latencies: [Double] = []
    latencies.reserveCapacity(count)
    var escalations = 0
    var expectedID = 1
    while latencies.count < count, let line = reader.next() {
        let response = try JSONParser.parse(Array(line))
        guard response["id"] == .number(Double(expectedID)), let result = response["result"],
            case .number(let latency)? = result["latency_us"]
        else { throw BenchError(description: "unexpected response: \(String(decoding: line, as: UTF8.self))") }
        expectedID += 1
        latencies.append(latency)
        if case .string? = result["work_order"] { escalations += 1 }
    }
    let wall = Double(monotonicNanoseconds() - start) / 1e9
    let peak = peakResidentKiB(of: process.processIdentifier)
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    latencies.sort()
    print("| measure                                  | value         |")
    print("|------------------------------------------|---------------|")
    print("| messages through serve                   | \(String(format: "%13d", count)) |")
    print("|   escalated (a work order each)          | \(String(format: "%13d", escalations)) |")
    print("| throughput                               | \(String(format: "%11.0f /s", Double(count) / wall)) |")
    print("| latency_us, median                       | \(String(format: "%10.1f µs", percentile(latencies, 0.5))) |")
    print("| latency_us, p99                          | \(String(format: "%10.1f µs", percentile(latencies, 0.99))) |")
    print("| server peak memory (RSS)                 | \(String(format: "%9.1f MiB", Double(peak) / 1024)) |")
    print("| server exit status                       | \(String(format: "%13d", process.terminationStatus)) |")
}

/// Newline-delimited lines from a file handle.
private struct LineReader {
    let handle: FileHandle
    private var buffer = Data()

    init(handle: FileHandle) { self.handle = handle }

    mutating func next() -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                return Data(line)
            }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }
}
