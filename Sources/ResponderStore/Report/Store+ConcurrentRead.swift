import Dispatch
import Foundation
import GRDB

extension Store {
    /// `reportData` read on two cores: each period's messages in two halves by time, each half
    /// on a read-only connection of its own. Both connections read one snapshot: this one holds
    /// the write lock only until both have begun their reads (milliseconds), so that no commit
    /// falls between them, and lets go before they read anything else.
    ///
    /// nil when it cannot be done that way, and the caller reads on one connection: inside a
    /// batch (whose uncommitted view must be read), when the store cannot be write-locked at
    /// once (a read-only file, another process writing: a report does not wait for writers), or
    /// when a second connection cannot be opened or begin its read.
    func readOnTwoCores(_ periods: [ReportOptions], progress: ((Int) -> Void)?) throws(StoreError) -> [ReportData]? {
        guard !isInBatch else { return nil }
        // Each period splits in the middle of its time; a period without bounds, in the middle
        // of its recorded messages'. Any instant splits it in two: the halves need not be even.
        guard let span = try messageSpan() else { return nil }
        let splits = periods.map { options in
            let from = max(options.from?.storedMilliseconds ?? Int64.min, span.first.storedMilliseconds)
            let to = min(options.to?.storedMilliseconds ?? Int64.max, span.last.storedMilliseconds + 1)
            return from < to ? from + (to - from) / 2 : nil
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        configuration.label = "responder-store-report"
        guard
            let readers = try? (0..<2).map({ _ in try DatabaseQueue(path: path, configuration: configuration) })
        else { return nil }
        defer { for reader in readers { try? reader.close() } }

        let halves = [HalfBox(), HalfBox()]
        let progress = UncheckedSendable(progress)
        let began = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        do {
            try holdingWriteLock {
                for half in 0..<2 {
                    DispatchQueue.global(qos: .userInitiated).async(group: done) {
                        // Signalled once: when the snapshot has begun, or when it could not.
                        var signalled = false
                        defer { halves[half].began = signalled }
                        halves[half].result = Result {
                            try readers[half].read { db in
                                // The snapshot begins with the first read.
                                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM meta")
                                began.signal()
                                signalled = true
                                return try Self.readHalf(
                                    half, of: periods, splits: splits, db, progress: half == 0 ? progress.value : nil)
                            }
                        }
                        if !signalled { began.signal() }
                    }
                }
                began.wait()
                began.wait()
            }
        } catch {
            // Not write-lockable: nothing was started.
            done.wait()
            return nil
        }
        done.wait()
        // A connection that could not begin its read (SQLite busy recovering the file, say):
        // read on one connection instead.
        if !halves[0].began || !halves[1].began { return nil }
        do {
            // The first half has room for the second: appended in place, not copied.
            var first = try halves[0].result?.get() ?? []
            let second = try halves[1].result?.get() ?? []
            halves[0].result = nil
            return periods.indices.map { index in
                var records: [MessageRecord] = []
                swap(&records, &first[index].records)
                records.append(contentsOf: second[index].records)
                return ReportData(options: periods[index], records: records, workOrders: second[index].workOrders)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable(path: path, reason: Self.reason(error))
        }
    }

    /// Half `half` (0: up to the split, 1: from it) of every period's messages; the second half
    /// also brings the periods' work orders.
    private static func readHalf(
        _ half: Int, of periods: [ReportOptions], splits: [Int64?], _ db: Database, progress: ((Int) -> Void)?
    ) throws -> [ReportData] {
        let since = half == 0 ? earliest(periods) : splits.compactMap { $0 }.min() ?? earliest(periods)
        let lookups = try RecordLookups(db, since: since)
        return try periods.enumerated().map { index, options in
            let split = splits[index].map(Date.init(storedMilliseconds:))
            let workOrders = half == 1 ? try ReportData.workOrders(db, options) : []
            // A period with no recorded message to split is read whole by the first half.
            if half == 1, split == nil { return ReportData(options: options, records: [], workOrders: workOrders) }
            let (from, to) = half == 0 ? (options.from, split ?? options.to) : (split, options.to)
            // Both halves of a period report to `progress` as one: this one counts for two.
            let records = try messageRecords(
                db, from: from, to: to, progress: index == 0 ? progress.map { report in { report($0 * 2) } } : nil,
                lookups: lookups,
                // The first half has room for the whole period: the second is appended to it.
                capacity: half == 0 ? try customerMessages(db, from: options.from, to: options.to) : nil)
            return ReportData(options: options, records: records, workOrders: workOrders)
        }
    }
}

/// Where a reading thread leaves its half: written once before the group it ran in is left,
/// read after `DispatchGroup.wait`, which orders the two.
private final class HalfBox: @unchecked Sendable {
    var result: Result<[ReportData], any Error>?
    /// Its connection began its read (in the pinned snapshot).
    var began = false
}

/// A value handed to the one thread that uses it (a progress callback, called only from the
/// reading thread of the first half).
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
