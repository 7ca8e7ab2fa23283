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
    let database: DatabaseQueue

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
    public init(
        path: String, redactor: Redactor? = Redactor(), busyTimeout: TimeInterval = 30,
        durability: Durability = .full
    ) throws(StoreError) {
        self.path = path
        self.redactor = redactor
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "responder-store"
        let synchronous = durability == .full ? "FULL" : "NORMAL"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
        }
        do {
            try Self.createPrivately(path)
            database = try DatabaseQueue(path: path, configuration: configuration)
            try Schema.migrate(database, path: path)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable(path: path, reason: Self.reason(error))
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
    /// become `StoreError.unavailable`.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
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

    /// Runs `body` with a consistent snapshot of the store.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable(path: path, reason: Self.reason(error))
        }
    }

    /// Runs SQLite's `PRAGMA integrity_check`; the empty list means the file is sound.
    public func integrityProblems() throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
        }
    }

    func redacted(_ text: String) -> String { redactor?.redact(text) ?? text }
}

/// Milliseconds since 1970 as stored, and back.
extension Date {
    var storedMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(storedMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(storedMilliseconds) / 1000)
    }
}
