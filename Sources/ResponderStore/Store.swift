import Foundation
import GRDB
import ResponderCore

#if canImport(Glibc)
    import Glibc
#endif

/// The persistent side of the engine: work orders, the response ledger and CSAT ratings, in one
/// SQLite file.
///
/// The file is in WAL mode with a busy timeout, so several `responder` processes on one machine
/// can use it at once; every write is one `BEGIN IMMEDIATE` transaction, by default committed
/// with `synchronous = FULL`, so a work order that a call has returned is on disk. Text and customer
/// ids are redacted (when `redactor` is set) before they are written.
public final class Store: Sendable {
    /// The default file name, in the working directory.
    public static let defaultFileName = "responder.sqlite"

    /// The database file.
    public let path: String
    /// Masks personal data in everything written; nil stores text as given.
    public let redactor: Redactor?
    /// The desk's time zone: times in error messages are printed in it, as in every other output.
    public let timeZone: TimeZone
    /// How long a write waits for another process's write before giving up.
    let busyTimeout: TimeInterval
    let database: DatabaseQueue
    /// Keys the pseudonyms of personal data in identifiers (HMAC-SHA256); the key never leaves
    /// the file.
    let pseudonymKey: [UInt8]
    /// Keys the 32-bit pseudonyms of a store that holds rows from before HMAC pseudonyms, so
    /// that lookups find those rows too; nil in a store without any.
    let legacyPseudonyms: SipHash?
    /// The store has rows from before numbers glued to letters were personal data: ids such as
    /// `wa-13800138000` may be stored as they were written (see `storedForms`).
    let legacyGluedIdentifiers: Bool
    /// The open transaction of `batch`, which the store's calls on that thread join.
    private let currentBatch = BatchSlot()

    /// How far a commit is on disk when a write returns.
    public enum Durability: Sendable {
        /// Every commit is synced to the device (`synchronous = FULL`): it survives a power cut.
        case full
        /// Commits survive the process crashing, but the last ones may be lost in a power cut
        /// (`synchronous = NORMAL`); for bulk loads and benchmarks.
        case processCrash
    }

    /// Opens (creating it with mode 0600 if needed) and migrates the store at `path`.
    ///
    /// - Parameters:
    ///   - redactor: applied to message text, reply text and customer ids before they are stored.
    ///   - busyTimeout: how long a write waits for another process's write before giving up.
    ///   - durability: how far a commit is on disk when a write returns.
    ///   - create: make a new store when the file is missing or empty; when false, only an
    ///     existing store is opened (commands that read or work the queue).
    public init(
        path: String, redactor: Redactor? = Redactor(), timeZone: TimeZone = .gmt, busyTimeout: TimeInterval = 30,
        durability: Durability = .full, create: Bool = true
    ) throws(StoreError) {
        self.path = path
        self.timeZone = timeZone
        self.busyTimeout = busyTimeout
        self.redactor = redactor
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "responder-store"
        // A store this process may not write (mode 0444, a read-only mount) is opened read-only:
        // commands that read it work, and nothing is written to it, not even its journal mode.
        let readOnly = !create && FileManager.default.fileExists(atPath: path) && access(path, W_OK) != 0
        if readOnly {
            configuration.readonly = true
        } else {
            configuration.journalMode = .wal
            let synchronous = durability == .full ? "FULL" : "NORMAL"
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
            }
        }
        do {
            try Self.checkBeforeOpening(path, create: create)
            if create { try Self.createPrivately(path) }
            database = try DatabaseQueue(path: path, configuration: configuration)
            if readOnly {
                let version = try database.read { db in try Schema.identify(db, path: path, create: false) }
                guard version == Schema.migrations.count else {
                    throw StoreError.unavailable(
                        path: path, reason: "it is read-only and needs an upgrade that only writing can make")
                }
            } else {
                try Schema.migrate(database, path: path, create: create)
            }
            let (key, legacyKey, gluedIdentifiers) = try database.read { db in
                (
                    try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'pseudonym_hmac_key'"),
                    try Data.fetchOne(
                        db,
                        sql: """
                            SELECT value FROM meta WHERE name = 'pseudonym_key'
                                AND EXISTS (SELECT 1 FROM meta WHERE name = 'legacy_pseudonyms')
                            """),
                    try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM meta WHERE name = 'legacy_glued_ids')")
                        ?? false
                )
            }
            legacyGluedIdentifiers = gluedIdentifiers
            guard let key, key.count >= 32 else {
                throw StoreError.unavailable(path: path, reason: "the store's pseudonym key is missing")
            }
            pseudonymKey = Array(key)
            legacyPseudonyms = legacyKey.flatMap { $0.count >= 16 ? SipHash(key: Array($0)) : nil }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable(path: path, reason: Self.reason(error))
        }
    }

    /// Makes sure that opening `path` for writing (which switches it to WAL mode) cannot touch a
    /// file that is not a Responder store, or one from a newer Responder: an existing non-empty
    /// file is first inspected read-only. Without `create`, a missing or empty file is refused too.
    private static func checkBeforeOpening(_ path: String, create: Bool) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size, size > 0 else {
            if create { return }
            throw StoreError.notAStore(
                path: path,
                reason: size == nil ? "there is no such file" : "it is an empty file; `responder ask` creates a store")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let probe = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? probe.close() }
        let version = try probe.read { db in try Schema.identify(db, path: path, create: create) }
        // Refused here, read-only: opening a newer store for writing would already change it.
        if version > Schema.migrations.count {
            throw StoreError.newerSchema(path: path, version: version, known: Schema.migrations.count)
        }
    }

    /// Creates an empty file readable and writable by its owner only, unless it exists.
    /// SQLite gives its `-wal` and `-shm` files the same mode.
    private static func createPrivately(_ path: String) throws {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw StoreError.unavailable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// SQLite's own message for `error`, without GRDB's decoration.
    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    /// Runs `body` in one immediate (write-locking) transaction; errors other than `StoreError`
    /// become `StoreError.unavailable`. Inside `batch`, it runs in a savepoint of the batch's
    /// transaction instead, so that a refused change undoes only itself (or, when the caller
    /// says `atomic` is not needed, a single statement, directly).
    func write<T>(atomic: Bool = true, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            if let db = currentBatch.database {
                try beginBatchTransaction(db)
                if !atomic { return try body(db) }
                var result: T?
                try db.inSavepoint {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
            return try database.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable(path: path, reason: Self.reason(error))
        }
    }

    /// Whether this thread is inside `batch`, whose uncommitted view only its connection sees.
    var isInBatch: Bool { currentBatch.database != nil }

    /// Runs `body` holding the store's write lock, which no other connection can commit without:
    /// to begin reads on several connections in one snapshot. Throws at once, without waiting,
    /// when the store cannot be write-locked (a read-only file, another process writing).
    func holdingWriteLock(_ body: () throws -> Void) throws {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(busyTimeout * 1000))") }
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            try body()
        }
    }

    /// Runs `body` with a consistent snapshot of the store (inside `batch`, the batch's own view).
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            if let db = currentBatch.database {
                if currentBatch.hasBegun || db.isInsideTransaction { return try body(db) }
                // Before the batch's first change: a snapshot of its own, which locks nothing.
                var result: T?
                try db.inTransaction(.deferred) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
            return try database.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable(path: path, reason: Self.reason(error))
        }
    }

    /// Runs `work` as one unit: every change it makes on this thread joins one transaction
    /// (each change in its own savepoint), committed durably when it returns. A server handles
    /// all the requests it read together this way, so that one sync covers them all and every
    /// work order is on disk before any of their replies is written.
    ///
    /// The transaction (and with it the store's write lock) begins at the unit's first change,
    /// not before: a unit that only reads (reports, lists) locks nothing, and other processes
    /// write meanwhile. Each read before the first change sees a snapshot of its own.
    /// - Throws: `StoreError.unavailable` when the transaction cannot commit; then nothing
    ///   `work` changed was stored. A transaction that cannot begin (the store stays locked)
    ///   fails the change that needed it, and every later change of the unit at once.
    public func batch(_ work: () -> Void) throws(StoreError) {
        do {
            try database.writeWithoutTransaction { db in
                currentBatch.enter(db)
                defer { currentBatch.leave() }
                work()
                guard currentBatch.hasBegun else { return }
                if let failure = currentBatch.failure, !db.isInsideTransaction { throw failure }
                do {
                    try db.execute(sql: "COMMIT")
                } catch {
                    try? db.execute(sql: "ROLLBACK")
                    throw error
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable(path: path, reason: Self.reason(error))
        }
    }

    /// Runs `body`'s reads of the store on one snapshot: inside a batch that has not changed
    /// anything yet, in one read transaction of their own (which locks nothing); elsewhere each
    /// as usual.
    public func snapshot<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        guard let db = currentBatch.database, !currentBatch.hasBegun, !db.isInsideTransaction else {
            return try body()
        }
        do {
            try db.beginTransaction(.deferred)
        } catch {
            throw StoreError.unavailable(path: path, reason: Self.reason(error))
        }
        defer { try? db.commit() }
        return try body()
    }

    /// Begins the batch's transaction, holding the write lock, unless it has begun; after one
    /// failure to begin, fails at once (a unit of a thousand messages must not wait a thousand
    /// times for a lock that did not come).
    private func beginBatchTransaction(_ db: Database) throws {
        if let failure = currentBatch.failure { throw failure }
        if currentBatch.hasBegun {
            // SQLite rolls a transaction back by itself on some errors (a full disk, I/O): the
            // changes after it must not commit on their own.
            guard db.isInsideTransaction else {
                let failure = StoreError.unavailable(path: path, reason: "the unit's transaction was rolled back")
                currentBatch.fail(failure)
                throw failure
            }
            return
        }
        do {
            try db.execute(sql: "BEGIN IMMEDIATE")
            currentBatch.markBegun()
        } catch {
            let failure = StoreError.unavailable(path: path, reason: Self.reason(error))
            currentBatch.fail(failure)
            throw failure
        }
    }

    /// Runs SQLite's `PRAGMA integrity_check`; the empty list means the file is sound.
    public func integrityProblems() throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
        }
    }

    /// `text` with personal data masked (`[phone]`), when redaction is on.
    func redacted(_ text: String) -> String { redactor?.redact(text) ?? text }
}

/// Milliseconds since 1970 as stored, and back.
extension Date {
    var storedMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(storedMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(storedMilliseconds) / 1000)
    }
}

/// The database connection of the batch running on this thread, if any, and whether its
/// transaction has begun.
private final class BatchSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var owner: pthread_t?
    private var connection: Database?
    private var began = false
    private var beginFailure: StoreError?

    /// The batch's connection when the calling thread is running a batch.
    var database: Database? {
        lock.lock()
        defer { lock.unlock() }
        guard let owner, pthread_equal(owner, pthread_self()) != 0 else { return nil }
        return connection
    }

    /// The batch's transaction has begun (it made a change).
    var hasBegun: Bool { lock.withLock { began } }

    /// Why the batch's transaction could not begin, if it tried and failed.
    var failure: StoreError? { lock.withLock { beginFailure } }

    func markBegun() { lock.withLock { began = true } }

    func fail(_ error: StoreError) { lock.withLock { beginFailure = error } }

    func enter(_ db: Database) {
        lock.withLock {
            owner = pthread_self()
            connection = db
            began = false
            beginFailure = nil
        }
    }

    func leave() {
        lock.withLock {
            owner = nil
            connection = nil
            began = false
            beginFailure = nil
        }
    }
}
