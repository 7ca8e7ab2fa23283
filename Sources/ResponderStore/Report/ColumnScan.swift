import GRDB
import GRDBSQLite

/// A query's rows read column by column through SQLite's C API: the fast path for scans over a
/// whole period (a million ledger rows), where GRDB's generic row accessors would cost seconds.
/// GRDB still prepares, binds and steps the statement and reports its errors.
struct ColumnScan {
    private let statement: Statement
    private let cursor: RowCursor
    private let handle: SQLiteStatement

    /// Prepares `sql` with `arguments`.
    init(_ db: Database, sql: String, arguments: StatementArguments = []) throws {
        statement = try db.makeStatement(sql: sql)
        statement.arguments = arguments
        cursor = try Row.fetchCursor(statement)
        handle = statement.sqliteStatement
    }

    /// Steps to the next row; false after the last.
    func next() throws -> Bool { try cursor.next() != nil }

    /// Whether column `index` is NULL.
    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    /// Column `index` as an integer (0 for NULL).
    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    /// Column `index` as an integer, nil for NULL.
    func optionalInt64(_ index: Int32) -> Int64? { isNull(index) ? nil : int64(index) }

    /// Column `index` as a real number, nil for NULL.
    func optionalDouble(_ index: Int32) -> Double? { isNull(index) ? nil : sqlite3_column_double(handle, index) }

    /// Column `index` as a truth value (NULL is false).
    func bool(_ index: Int32) -> Bool { int64(index) != 0 }

    /// Column `index` as text ("" for NULL).
    func string(_ index: Int32) -> String { optionalString(index) ?? "" }

    /// Column `index` as text, nil for NULL.
    func optionalString(_ index: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }
}
