import ArgumentParser
import Foundation
import ResponderCore
import ResponderStore

/// `--db PATH`, shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "SQLite store (default: $RESPONDER_DB, else \(Store.defaultFileName) in the working directory).",
            valueName: "path"))
    var path: String?

    /// The store's path: `--db`, else `RESPONDER_DB`, else the default file.
    var resolvedPath: String {
        if let path { return path }
        if let path = ProcessInfo.processInfo.environment["RESPONDER_DB"], !path.isEmpty { return path }
        return Store.defaultFileName
    }

    /// Opens the store, redacting what it writes when `settings` say so. With `mustExist`, a
    /// missing file is an error rather than a new, empty store.
    func open(settings: Settings, mustExist: Bool = false) throws -> Store {
        if mustExist, !FileManager.default.fileExists(atPath: resolvedPath) {
            throw CommandFailure(
                "error: no store at \(resolvedPath): `responder ask` creates it when it records a message (or pass --db PATH)"
            )
        }
        do {
            return try Store(
                path: resolvedPath, redactor: settings.redact ? Redactor() : nil, timeZone: settings.timeZone,
                create: !mustExist)
        } catch {
            throw CommandFailure("error: \(error)")
        }
    }
}
