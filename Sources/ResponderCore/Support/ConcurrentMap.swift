import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map`, spread over the machine's cores; the result is in the same order as `map`'s.
    /// Loading a knowledge base uses it to parse files and tokenise questions in parallel.
    func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let count = self.count
        let workers = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
        guard workers > 1 else { return map(transform) }
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each worker initialises its own disjoint slice of the buffer, so sharing it is safe.
            nonisolated(unsafe) let output = buffer.baseAddress!
            let input = self
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let start = worker * count / workers
                let end = (worker + 1) * count / workers
                for index in start..<end { (output + index).initialize(to: transform(input[index])) }
            }
            initialized = count
        }
    }
}
