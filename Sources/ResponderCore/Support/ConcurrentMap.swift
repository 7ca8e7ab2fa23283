import Dispatch
import Foundation

/// Splits `0..<count` into contiguous chunks and runs `body` on each, spread over the cores;
/// returns when all are done. Loading a knowledge base uses it to parse files, tokenise
/// questions and prepare training data in parallel.
func concurrentChunks(_ count: Int, _ body: @Sendable (Range<Int>) -> Void) {
    let workers = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
    guard workers > 1 else {
        if count > 0 { body(0..<count) }
        return
    }
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        body((worker * count / workers)..<((worker + 1) * count / workers))
    }
}

extension Array where Element: Sendable {
    /// `map`, spread over the machine's cores; the result is in the same order as `map`'s.
    public func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let count = self.count
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each chunk initialises its own disjoint slice of the buffer, so sharing it is safe.
            nonisolated(unsafe) let output = buffer.baseAddress
            let input = self
            concurrentChunks(count) { chunk in
                for index in chunk { (output! + index).initialize(to: transform(input[index])) }
            }
            initialized = count
        }
    }
}
