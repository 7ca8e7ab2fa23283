import Foundation
import Testing

/// Runs the built `responder` binary, as a user or a script would.
struct ResponderProcess {
    /// What a run produced.
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String

        /// stdout parsed as one JSON object.
        func json() throws -> [String: Any] {
            let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
            guard let dictionary = object as? [String: Any] else { throw CocoaError(.coderReadCorrupt) }
            return dictionary
        }

        /// stdout parsed as one JSON array of objects.
        func jsonArray() throws -> [[String: Any]] {
            let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
            guard let array = object as? [[String: Any]] else { throw CocoaError(.coderReadCorrupt) }
            return array
        }
    }

    /// The package's root folder (for the bundled knowledge base).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled knowledge base.
    static let bundledKnowledgeBase = packageRoot.appendingPathComponent("knowledgebase").path

    /// The binary: `RESPONDER_BIN`, else `responder` beside the test bundle in the build folder.
    static let executable: URL = {
        if let path = ProcessInfo.processInfo.environment["RESPONDER_BIN"] { return URL(fileURLWithPath: path) }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("responder")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/responder")
    }()

    /// Where runs that name no store record: one scratch file for the whole test process, so
    /// that tests never write `responder.sqlite` into the package.
    static let scratchStore = FileManager.default.temporaryDirectory
        .appendingPathComponent("responder-e2e-\(ProcessInfo.processInfo.processIdentifier).sqlite").path

    /// A scratch model cache for every process a test run starts, so tests never fill the user's
    /// `~/.cache/responder` (the cache itself is tested with folders of its own).
    static let scratchCache = FileManager.default.temporaryDirectory
        .appendingPathComponent("responder-e2e-cache-\(ProcessInfo.processInfo.processIdentifier)").path

    /// Runs `responder` with `arguments` in `directory`, feeding `input` to stdin; runs record into
    /// `scratchStore` unless they name a store.
    static func run(
        _ arguments: [String], in directory: URL? = nil, input: String = "", environment extra: [String: String] = [:]
    ) throws -> Output {
        var environment: [String: String?] = [
            "NO_COLOR": "1", "RESPONDER_DB": scratchStore, "RESPONDER_CACHE_DIR": scratchCache,
        ]
        environment.merge(extra.mapValues { $0 }) { $1 }
        return try run(program: executable, arguments, in: directory, input: input, environment: environment)
    }

    /// Runs `program` with `arguments`, feeding `input` to stdin, with this process's environment
    /// changed by `changes` (nil removes a variable); fails instead of hanging when it does not
    /// finish within `timeout` seconds.
    static func run(
        program: URL, _ arguments: [String], in directory: URL? = nil, input: String = "",
        environment changes: [String: String?] = [:], timeout: TimeInterval = 120
    ) throws -> Output {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in changes { environment[name] = value }
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes concurrently so that a full stderr cannot block the child.
        nonisolated(unsafe) var outputData = Data()
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        for (pipe, isError) in [(stdout, false), (stderr, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                if isError { errorData = data } else { outputData = data }
                group.leave()
            }
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            Issue.record(
                "\(program.lastPathComponent) \(arguments.first ?? "") did not finish within \(Int(timeout)) s")
            group.wait()
        }
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("responder-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
