import Foundation
import JSONRPC
import Logging
import ResponderCore
import ResponderEngine
import ResponderServer
import ResponderStore
import Testing

/// The repository's root, found from this file.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The bundled knowledge base.
let bundledKnowledgeBase = repositoryRoot.appendingPathComponent("knowledgebase").path

/// The folder of the suite's shared fixture, removed when the test process exits.
private let sharedFolder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "responder-server-tests-\(ProcessInfo.processInfo.processIdentifier)")

/// A `ResponderService` over an engine session with a store of its own and a stopped clock,
/// driven in-process with `RPCRequest`s as the stdio server would.
///
/// Training the bundled base takes a while, so one fixture is shared by the protocol suite
/// (`shared`), which runs its tests one at a time: the session is not thread-safe. Tests that
/// share it use conversations of their own and compare counts before and after.
final class ServiceFixture: @unchecked Sendable {
    /// The session's clock: Monday 2026-11-23, 23:44 in Shanghai (after hours), in the past.
    static let now = Timestamp.parse("2026-11-23T15:44:00Z")!

    /// The fixture over the bundled base that the protocol suite shares.
    static let shared = Result { () throws -> ServiceFixture in
        atexit { try? FileManager.default.removeItem(at: sharedFolder) }
        return try ServiceFixture(folder: sharedFolder, knowledgeBase: bundledKnowledgeBase)
    }

    let folder: URL
    let session: EngineSession
    let service: ResponderService
    private var nextID = 0

    /// A fixture in `folder` (created) over the base in `knowledgeBase`.
    init(folder: URL, knowledgeBase: String, logger: Logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        throws
    {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let base = try EngineSession.loadBase(directory: knowledgeBase).base
        let store = try Store(
            path: folder.appendingPathComponent("service.sqlite").path,
            redactor: base.settings.redact ? Redactor() : nil)
        session = EngineSession(
            base: base, directory: knowledgeBase, store: store, cache: ModelCache(root: nil, engineVersion: "test"),
            clock: .fixed(Self.now), logger: logger)
        service = ResponderService(session: session, version: "0.0.0-test", logger: logger)
    }

    /// Handles a call of `method` whose params are the JSON text `params` (none when nil).
    func call(_ method: String, _ params: String? = nil) throws -> Result<JSONValue, RPCError> {
        nextID += 1
        let parsed = try params.map { try JSONParser.parse($0) }
        return service.handle(RPCRequest(id: .number(Double(nextID)), method: method, params: parsed, receivedAt: .now))
    }

    /// The result of a call that must succeed.
    func result(_ method: String, _ params: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        throws
        -> JSONValue
    {
        switch try call(method, params) {
        case .success(let result): return result
        case .failure(let error):
            Issue.record("\(method) failed: \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// The error of a call that must fail.
    func error(_ method: String, _ params: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        throws
        -> RPCError
    {
        switch try call(method, params) {
        case .success(let result):
            Issue.record("\(method) succeeded: \(result.serialized)", sourceLocation: sourceLocation)
            throw UnexpectedSuccess()
        case .failure(let error): return error
        }
    }

    /// How many customer messages the report counts (test traffic excluded).
    func messagesReported() throws -> Double? {
        guard case .number(let count)? = try result("report")["messages"] else { return nil }
        return count
    }

    struct UnexpectedSuccess: Error {}
}

extension JSONValue {
    /// An object's keys, in order; empty for anything else.
    var keys: [String] {
        guard case .object(let members) = self else { return [] }
        return members.map(\.0)
    }

    /// An array's items; empty for anything else.
    var items: [JSONValue] {
        guard case .array(let items) = self else { return [] }
        return items
    }

    /// The string, or nil.
    var string: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }
}

extension Optional where Wrapped == JSONValue {
    /// The string, or nil.
    var string: String? { self?.string }
}
