import Foundation
import ResponderCore
import ResponderStore

/// Why the engine could not do what an entrance asked, as a value each entrance renders its own
/// way: the CLI as `error: ...` and an exit status, the server as a JSON-RPC error.
public enum EngineError: Error, Sendable, CustomStringConvertible {
    /// A value given to the engine is wrong; `field` is its name in the protocol (`text`,
    /// `locale`, `at`; empty when the problem is between several), `problem` says what is wrong
    /// and what was expected.
    case invalidArgument(field: String, problem: String)
    /// The store refused or failed.
    case store(StoreError)
    /// A knowledge base could not be used (a failed load or reload). `servingVersion` is the
    /// version still answering (a reload keeps the last good base); `diagnostics` are the
    /// findings that refused it, as `responder lint` prints them.
    case knowledgeBase(message: String, servingVersion: String?, diagnostics: [Diagnostic])
    /// The session records nothing (a dry run, or a store that was never opened), but the
    /// request needs the store.
    case noStore(String)

    public var description: String {
        switch self {
        case .invalidArgument(let field, let problem): field.isEmpty ? problem : "\(field): \(problem)"
        case .store(let error): error.description
        case .knowledgeBase(let message, _, _): message
        case .noStore(let reason): reason
        }
    }
}

/// Runs a store call; its error becomes the engine's.
func storeCall<T>(_ body: () throws(StoreError) -> T) throws(EngineError) -> T {
    do {
        return try body()
    } catch {
        throw EngineError.store(error)
    }
}
