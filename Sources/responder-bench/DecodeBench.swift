import Foundation
import JSONRPC

/// Measures what reading a `message` request costs, two ways: the hand-written parser into a
/// `JSONValue`, then its params through `JSONValueDecoder` (what `serve` does), against
/// Foundation's `JSONDecoder` decoding the whole request into the same typed params. Decides
/// whether the hand-written parser stays: only if Foundation would cost `serve` more than 10% of
/// its throughput (compare the difference per request with `serve`'s time per message).
func runDecodeBench(_ arguments: [String]) throws {
    let count = arguments.first.flatMap { Int($0) } ?? 200_000
    let lines = (0..<1000).map { index in
        """
        {"jsonrpc":"2.0","id":\(index),"method":"message","params":{"conversation":"conv-\(index)","text":"I was charged twice for order \(index), 我的快递三天了还没到","channel":"chat","customer":"cust-\(index % 97)","message_id":"m-\(index)"}}
        """
    }.map { Array($0.utf8) }

    /// The params of `message`, as `serve` decodes them.
    struct Params: Codable {
        let conversation: String
        let text: String
        let channel: String?
        let customer: String?
        let locale: String?
        let test: Bool?
        let messageID: String?

        enum CodingKeys: String, CodingKey {
            case conversation, text, channel, customer, locale, test
            case messageID = "message_id"
        }
    }
    struct Envelope: Codable {
        let jsonrpc: String
        let id: Int
        let method: String
        let params: Params
    }

    func measure(_ name: String, _ body: ([UInt8]) throws -> Int) throws -> (String, [Double]) {
        var timings: [Double] = []
        timings.reserveCapacity(count)
        var checksum = 0
        for index in 0..<count {
            let line = lines[index % lines.count]
            let start = ContinuousClock.now
            checksum &+= try body(line)
            timings.append(Double((ContinuousClock.now - start) / .nanoseconds(1)) / 1000)
        }
        if checksum == 42 { print("") }  // keeps the work from being optimised away
        return (name, timings.sorted())
    }

    let handWritten = try measure("hand-written parser + JSONValueDecoder") { line in
        let value = try line.withUnsafeBytes { try JSONParser.parse($0, maximumDepth: 64) }
        guard let params = value["params"] else { throw BenchError(description: "no params") }
        return try JSONValueDecoder().decode(Params.self, from: params).text.utf8.count
    }
    let decoder = JSONDecoder()
    let foundation = try measure("Foundation JSONDecoder") { line in
        try decoder.decode(Envelope.self, from: Data(line)).params.text.utf8.count
    }
    let foundationValue = try measure("Foundation JSONDecoder to JSONValue + JSONValueDecoder") { line in
        let value = try decoder.decode(JSONValue.self, from: Data(line))
        guard let params = value["params"] else { throw BenchError(description: "no params") }
        return try JSONValueDecoder().decode(Params.self, from: params).text.utf8.count
    }
    print("decoding one `message` request (\(count) requests, \(lines[0].count)-byte lines)")
    print("| way | median µs | p99 µs | requests/s |")
    print("|---|---|---|---|")
    for (name, sorted) in [handWritten, foundation, foundationValue] {
        let total = sorted.reduce(0, +)
        print(
            "| \(name) | \(String(format: "%.2f", percentile(sorted, 0.5))) | \(String(format: "%.2f", percentile(sorted, 0.99))) | \(Int(Double(sorted.count) / (total / 1_000_000))) |"
        )
    }
}
