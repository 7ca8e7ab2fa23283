import Foundation
import LogCapture
import Logging
import ResponderCore
import ResponderEngine
import ResponderStore
import Testing

/// The repository's bundled knowledge base, found from this file.
let bundledKnowledgeBase = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("knowledgebase").path

/// `2026-11-23T15:44:00Z` as a date.
func instant(_ text: String) -> Date {
    guard let date = Timestamp.parse(text) else { fatalError("bad test time \(text)") }
    return date
}

/// A clock the test sets.
final class SettableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date

    init(_ date: Date) { self.date = date }

    var now: Date {
        get { lock.withLock { date } }
        set { lock.withLock { date = newValue } }
    }

    var engineClock: EngineClock { EngineClock { self.now } }
}

/// The error `body` throws, or nil.
func engineError<T>(_ body: () throws(EngineError) -> T) -> EngineError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// The folder of the shared session, removed when the test process exits.
private let sharedFolder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "responder-engine-tests-\(ProcessInfo.processInfo.processIdentifier)")

/// One session over the bundled base with a store of its own and a clock the tests set: trained
/// once, shared by the suite, which runs one test at a time (a session is not thread-safe).
final class EngineFixture: @unchecked Sendable {
    static let shared = Result { () throws -> EngineFixture in
        atexit { try? FileManager.default.removeItem(at: sharedFolder) }
        return try EngineFixture(folder: sharedFolder)
    }

    let clock = SettableClock(instant("2026-11-23T15:44:00Z"))
    let session: EngineSession
    let store: Store

    private init(folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let base = try EngineSession.loadBase(directory: bundledKnowledgeBase).base
        store = try Store(path: folder.appendingPathComponent("engine.sqlite").path)
        session = EngineSession(
            base: base, directory: bundledKnowledgeBase, store: store,
            cache: ModelCache(root: nil, engineVersion: "test"), clock: clock.engineClock,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    /// Customer messages the report counts on the day of `day` (YYYY-MM-DD, the desk's day).
    func messages(on day: String) throws -> Int {
        try session.report(from: day, to: day).report.messages
    }
}

/// A message the bundled base escalates to logistics (4 business hours) at normal priority.
private let courierText = "The courier left my parcel in the rain and everything is soaked"

@Suite("Engine session", .serialized)
struct EngineSessionTests {
    private var fixture: EngineFixture { get throws { try EngineFixture.shared.get() } }

    @Test("an escalation is recorded with a work order due by the session's clock")
    func escalationFollowsTheClock() throws {
        let fixture = try fixture
        let session = fixture.session
        // Monday 23:44 in Shanghai, after hours: due 13:00 the next business day.
        fixture.clock.now = instant("2026-11-23T15:44:00Z")
        let before = try fixture.messages(on: "2026-11-23")
        let late = try session.handle(CustomerMessage(text: courierText, conversation: "clock-late"))
        #expect(late.decision == .escalate)
        #expect(!late.isDuplicate)
        let order = try #require(late.workOrder)
        #expect(order.createdAt == instant("2026-11-23T15:44:00Z"))
        #expect(order.slaDue == instant("2026-11-24T13:00:00+08:00"))
        #expect(order.group == "logistics")
        #expect(late.slaDue == order.slaDue)
        #expect(try session.workOrder(order.id).workOrder == order, "the work order is in the store")
        #expect(try fixture.messages(on: "2026-11-23") == before + 1, "the message is in the ledger")

        // Tuesday 10:00 in Shanghai, within hours: due four hours later.
        fixture.clock.now = instant("2026-11-24T02:00:00Z")
        let early = try session.handle(CustomerMessage(text: courierText, conversation: "clock-early"))
        let second = try #require(early.workOrder)
        #expect(second.createdAt == instant("2026-11-24T10:00:00+08:00"))
        #expect(second.slaDue == instant("2026-11-24T14:00:00+08:00"))
        #expect(second.id != order.id)
        fixture.clock.now = instant("2026-11-23T15:44:00Z")
    }

    @Test("an imported message is recorded at the time it was received, not the clock's")
    func receivedAtIsRecorded() throws {
        let fixture = try fixture
        fixture.clock.now = instant("2026-11-23T15:44:00Z")
        let received = instant("2026-11-20T11:00:00+08:00")  // a Friday morning
        let today = try fixture.messages(on: "2026-11-23")
        let outcome = try fixture.session.handle(
            CustomerMessage(text: courierText, conversation: "import-1", receivedAt: received))
        let order = try #require(outcome.workOrder)
        #expect(order.createdAt == received)
        #expect(order.slaDue == instant("2026-11-20T15:00:00+08:00"), "due four business hours after it arrived")
        #expect(try fixture.messages(on: "2026-11-20") == 1, "the ledger has it on the day it arrived")
        #expect(try fixture.messages(on: "2026-11-23") == today)
    }

    @Test("a received time more than five minutes ahead of the clock is refused and nothing recorded")
    func receivedInTheFuture() throws {
        let fixture = try fixture
        fixture.clock.now = instant("2026-11-23T15:44:00Z")
        let before = try fixture.session.workOrders(.all).count
        let today = try fixture.messages(on: "2026-11-23")
        let error = engineError { () throws(EngineError) in
            try fixture.session.handle(
                CustomerMessage(
                    text: courierText, conversation: "future-1", receivedAt: instant("2026-11-23T15:50:00Z")))
        }
        guard case .invalidArgument(let field, let problem)? = error else {
            Issue.record("expected an invalid argument, got \(String(describing: error))")
            return
        }
        #expect(field == "at")
        #expect(problem == "2026-11-23T23:50:00+08:00 is in the future")
        #expect(error?.description == "at: 2026-11-23T23:50:00+08:00 is in the future")
        #expect(try fixture.session.workOrders(.all).count == before)
        #expect(try fixture.messages(on: "2026-11-23") == today)

        // A sender's clock a little ahead is tolerated.
        let skewed = try fixture.session.handle(
            CustomerMessage(text: courierText, conversation: "future-2", receivedAt: instant("2026-11-23T15:47:00Z")))
        #expect(skewed.workOrder?.createdAt == instant("2026-11-23T15:47:00Z"))
    }

    @Test("a retry returns the first outcome as a duplicate and records nothing new")
    func retry() throws {
        let fixture = try fixture
        let session = fixture.session
        fixture.clock.now = instant("2026-11-23T15:44:00Z")
        let message = CustomerMessage(text: courierText, conversation: "retry-1", messageKey: "m-1")
        let first = try session.handle(message)
        #expect(!first.isDuplicate)
        let order = try #require(first.workOrder)
        let workOrders = try session.workOrders(.all).count
        let today = try fixture.messages(on: "2026-11-23")
        let tomorrow = try fixture.messages(on: "2026-11-24")

        fixture.clock.now = instant("2026-11-24T02:00:00Z")
        let second = try session.handle(message)
        #expect(second.isDuplicate)
        #expect(second.decision == first.decision)
        #expect(second.workOrder?.id == order.id)
        #expect(second.slaDue == first.slaDue, "the first due time, not one from the later clock")
        #expect(second.candidates.map(\.intent) == first.candidates.map(\.intent))
        #expect(second.latencyMicroseconds == first.latencyMicroseconds)
        #expect(try session.workOrders(.all).count == workOrders, "no second work order")
        #expect(try fixture.messages(on: "2026-11-23") == today, "no second ledger row")
        #expect(try fixture.messages(on: "2026-11-24") == tomorrow)
        fixture.clock.now = instant("2026-11-23T15:44:00Z")

        let stored = try #require(try fixture.store.recordedMessage(conversation: "retry-1", messageKey: "m-1"))
        #expect(stored.workOrder?.id == order.id)
    }

    @Test("the queue shows unresolved work orders unless asked for all or a status")
    func defaultSelection() throws {
        let fixture = try fixture
        let session = fixture.session
        fixture.clock.now = instant("2026-11-23T15:44:00Z")
        let open = try #require(
            try session.handle(CustomerMessage(text: courierText, conversation: "queue-open")).workOrder?.id)
        let done = try #require(
            try session.handle(CustomerMessage(text: courierText, conversation: "queue-done")).workOrder?.id)
        _ = try session.assign(done, to: "alice")
        _ = try session.reply(to: done, agent: "alice", text: "on its way")
        let resolved = try session.resolve(done)
        #expect(resolved.workOrder.status == .resolved)
        #expect(resolved.workOrder.resolvedAt == fixture.clock.now)

        let queue = try session.workOrders().map(\.workOrder)
        #expect(queue.contains { $0.id == open })
        #expect(!queue.contains { $0.id == done }, "a resolved work order is not in the default list")
        #expect(queue.allSatisfy { $0.status != .resolved })
        let all = try session.workOrders(.all).map(\.workOrder.id)
        #expect(all.contains(open) && all.contains(done))
        let onlyResolved = try session.workOrders(.status(.resolved)).map(\.workOrder.id)
        #expect(onlyResolved.contains(done) && !onlyResolved.contains(open))
    }

    @Test("a locale the base lacks is refused, naming the base's locales")
    func unknownLocale() throws {
        let fixture = try fixture
        let today = try fixture.messages(on: "2026-11-23")
        let error = engineError { () throws(EngineError) in
            try fixture.session.handle(
                CustomerMessage(text: "I forgot my password", conversation: "locale-1", locale: "fr"))
        }
        guard case .invalidArgument(let field, let problem)? = error else {
            Issue.record("expected an invalid argument, got \(String(describing: error))")
            return
        }
        #expect(field == "locale")
        #expect(problem == "expected one of the knowledge base's locales (en, zh), got 'fr'")
        #expect(try fixture.messages(on: "2026-11-23") == today, "nothing recorded")
        let zh = try fixture.session.handle(
            CustomerMessage(text: "I forgot my password", conversation: "locale-2", locale: "zh"))
        #expect(zh.locale == "zh")
        #expect(zh.answer?.contains("重置密码") == true)
    }
}

/// Reloads over a copy of the bundled base, in a folder of the test's own.
@Suite("Engine reload")
struct EngineReloadTests {
    @Test("a reload of a base with an error keeps the last good one serving and logs a warning")
    func brokenReload() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("engine-reload-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let kb = folder.appendingPathComponent("kb")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: bundledKnowledgeBase), to: kb)
        let logs = CapturedLogs()
        let base = try EngineSession.loadBase(directory: kb.path).base
        let session = EngineSession(
            base: base, directory: kb.path, store: nil, cache: ModelCache(root: nil, engineVersion: "test"),
            logger: logs.logger(level: .info))
        let version = base.version

        let file = kb.appendingPathComponent("faq/account.yaml")
        let original = try String(contentsOf: file, encoding: .utf8)
        let oldAnswer = "To reset your password, tap Forgot Password"
        try original.replacingOccurrences(of: "tags: [account, password]", with: "tags: [account, password")
            .replacingOccurrences(of: oldAnswer, with: "Reloaded: tap Forgot Password")
            .write(to: file, atomically: true, encoding: .utf8)

        let error = engineError { () throws(EngineError) in try session.reload() }
        guard case .knowledgeBase(let message, let serving, let diagnostics)? = error else {
            Issue.record("expected a knowledge-base error, got \(String(describing: error))")
            return
        }
        #expect(message == "the knowledge base has 1 error; still serving version \(version)")
        #expect(serving == version)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.allSatisfy { $0.severity == .error && $0.location.file.hasSuffix("faq/account.yaml") })
        #expect(session.base.version == version)
        #expect(session.summary.version == version)
        let answer = try session.handle(CustomerMessage(text: "I forgot my password", conversation: "c"))
        #expect(answer.answer?.hasPrefix(oldAnswer) == true, "the last good base answers")

        let warnings = logs.records.filter { $0.level == .warning }
        #expect(warnings.map(\.message) == ["reload refused; still serving the previous version"])
        #expect(warnings.first?.metadata["serving"] == version)
        #expect(warnings.first?.metadata["errors"] == "1")
        #expect(warnings.first?.metadata["directory"] == kb.path)

        // The folder gone altogether: refused too, with the reason and no diagnostics.
        let moved = folder.appendingPathComponent("kb-moved")
        try FileManager.default.moveItem(at: kb, to: moved)
        let missing = engineError { () throws(EngineError) in try session.reload() }
        guard case .knowledgeBase(let reason, let stillServing, let none)? = missing else {
            Issue.record("expected a knowledge-base error, got \(String(describing: missing))")
            return
        }
        #expect(reason.hasSuffix("still serving version \(version)"), "\(reason)")
        #expect(stillServing == version)
        #expect(none.isEmpty)
        #expect(session.base.version == version)
        #expect(logs.records.filter { $0.level == .warning }.count == 2)

        // Repaired: the new base serves, and the reload is logged at info.
        try FileManager.default.moveItem(at: moved, to: kb)
        try original.replacingOccurrences(of: oldAnswer, with: "Reloaded: tap Forgot Password").write(
            to: file, atomically: true, encoding: .utf8)
        let outcome = try session.reload()
        #expect(outcome.previousVersion == version)
        #expect(outcome.version != version)
        #expect(!outcome.isUnchanged)
        #expect(outcome.entries == 58)
        #expect(session.base.version == outcome.version)
        let fresh = try session.handle(CustomerMessage(text: "I forgot my password", conversation: "d"))
        #expect(fresh.answer?.hasPrefix("Reloaded: tap Forgot Password") == true)
        #expect(logs.records.last?.level == .info)
        #expect(logs.records.last?.message == "knowledge base reloaded")
    }
}
