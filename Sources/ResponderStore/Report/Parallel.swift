import Dispatch

/// A pure computation to run beside others (`runConcurrently`), and its result once run: for
/// the reports and dashboard figures computed from data already read.
final class Computation<Value: Sendable>: ConcurrentWork, @unchecked Sendable {
    private let work: @Sendable () -> Value
    // Written once by `run`, read after `runConcurrently` has returned, which orders the two.
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        self.work = work
    }

    func run() { value = work() }

    /// The result; only after `runConcurrently` ran it.
    var result: Value {
        guard let value else { preconditionFailure("a computation was read before it ran") }
        return value
    }
}

/// Something `runConcurrently` can run.
protocol ConcurrentWork: Sendable {
    func run()
}

/// Runs `works` on the machine's cores, each once, and returns when all have finished. Put the
/// longest first: they are taken in order as cores come free.
func runConcurrently(_ works: [any ConcurrentWork]) {
    DispatchQueue.concurrentPerform(iterations: works.count) { works[$0].run() }
}
