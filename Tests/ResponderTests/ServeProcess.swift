import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `responder serve` run as a chat front end runs it: a child process spoken to through pipes,
/// one JSON-RPC message per line. Output is read as it arrives on threads of its own, so a test
/// can send a line and wait (with a time limit, so that a hang fails instead of blocking) for the
/// next response line, and the child never blocks on a full pipe.
final class ServeProcess: @unchecked Sendable {
    /// Why a step failed: a time limit, the end of the output, or output that is not JSON-RPC.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// What a finished server left behind.
    struct Finished {
        /// The exit status (or the signal number, when `signaled`).
        let status: Int32
        /// True when the server was ended by a signal rather than exiting.
        let signaled: Bool
        /// The complete stdout lines not taken with `nextLine` (every line, for `run`).
        let lines: [String]
        /// Bytes after the last newline on stdout: a half-written line (should be empty).
        let trailing: Data
        /// Everything written to stderr.
        let stderr: String
    }

    /// How long any single wait lasts before the test fails rather than hangs.
    static let timeout: TimeInterval = 20

    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errorOutput = Pipe()
    private let condition = NSCondition()
    private let exited = DispatchSemaphore(value: 0)
    private let readersDone = DispatchGroup()

    // Guarded by `condition`.
    private var pending: [Data] = []
    private var partial = Data()
    private var outputEnded = false
    private var errorData = Data()

    /// Starts `responder serve` with the bundled knowledge base (or `kb`), the store `db` and
    /// `arguments` after them. With `readsOutput` false nothing reads its stdout, as a client
    /// that stopped reading: the pipe fills and the server's writes block.
    init(
        kb: String = ResponderProcess.bundledKnowledgeBase, db: String, arguments: [String] = [],
        environment extra: [String: String] = [:], readsOutput: Bool = true
    ) throws {
        // Writing to a server that has exited must fail with EPIPE, not kill the test runner.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = ResponderProcess.executable
        process.arguments = ["serve", "--kb", kb, "--db", db] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["RESPONDER_LOG"] = nil
        environment["RESPONDER_CACHE_DIR"] = ResponderProcess.scratchCache
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errorOutput
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        try Self.launch(process)
        // The readers hold the server weakly, so that a test that fails early still ends it (deinit).
        if readsOutput {
            startReader(output.fileHandleForReading.fileDescriptor) { [weak self] chunk in
                guard let self else { return }
                if let chunk { take(chunk) } else { outputEnded = true }
            }
        }
        startReader(errorOutput.fileHandleForReading.fileDescriptor) { [weak self] chunk in
            guard let self, let chunk else { return }
            errorData.append(chunk)
        }
    }

    /// Starts `process` from a thread with no signal blocked. A child inherits the signal mask of
    /// the thread that spawns it, and the test runner's worker threads block most signals; a
    /// front end's do not, and SIGTERM/SIGINT must be tested as a front end sends them.
    private static func launch(_ process: Process) throws {
        nonisolated(unsafe) var failure: (any Error)? = nil
        let launched = DispatchSemaphore(value: 0)
        Thread {
            var none = sigset_t()
            sigemptyset(&none)
            pthread_sigmask(SIG_SETMASK, &none, nil)
            do { try process.run() } catch { failure = error }
            launched.signal()
        }.start()
        launched.wait()
        if let failure { throw failure }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Reads `descriptor` to its end on a thread of its own, handing each chunk (then nil) to
    /// `deliver` with the condition locked.
    private func startReader(_ descriptor: Int32, deliver: @escaping @Sendable (Data?) -> Void) {
        readersDone.enter()
        let condition = self.condition
        let done = readersDone
        Thread {
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                condition.lock()
                deliver(count > 0 ? Data(buffer[0..<count]) : nil)
                condition.broadcast()
                condition.unlock()
                if count <= 0 { break }
            }
            done.leave()
        }.start()
    }

    /// Splits `chunk` into complete lines (condition locked).
    private func take(_ chunk: Data) {
        partial.append(chunk)
        while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
            pending.append(Data(partial[partial.startIndex..<newline]))
            partial = Data(partial[(newline + 1)...])
        }
    }

    // MARK: - Writing

    /// Writes `bytes` to the server's stdin as they are.
    func write(_ bytes: Data) throws {
        try input.fileHandleForWriting.write(contentsOf: bytes)
    }

    /// Writes `line` and a newline.
    func send(_ line: String) throws {
        try write(Data((line + "\n").utf8))
    }

    /// Sends a call of `method` with `params` and `id`.
    func sendCall(_ method: String, _ params: [String: Any]? = nil, id: Int) throws {
        try send(try Self.request(method, params, id: id))
    }

    /// Closes stdin: end of input for the server.
    func closeInput() throws {
        try input.fileHandleForWriting.close()
    }

    /// Sends `signal` to the server.
    func sendSignal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// The text of a request: a call with `id`, a notification without.
    static func request(_ method: String, _ params: [String: Any]? = nil, id: Int? = nil) throws -> String {
        var object: [String: Any] = ["jsonrpc": "2.0", "method": method]
        if let params { object["params"] = params }
        if let id { object["id"] = id }
        return String(
            decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    // MARK: - Reading

    /// The next complete stdout line, waiting at most `timeout` seconds for it.
    func nextLine(timeout: TimeInterval = ServeProcess.timeout) throws -> String {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty {
            if outputEnded {
                throw Failure(description: "stdout ended while a response line was expected; stderr: \(stderrText)")
            }
            if !condition.wait(until: deadline) && pending.isEmpty {
                throw Failure(description: "no response line within \(Int(timeout)) s; stderr: \(stderrText)")
            }
        }
        return String(decoding: pending.removeFirst(), as: UTF8.self)
    }

    /// The next line, parsed and checked as a single JSON-RPC response object.
    func nextResponse(timeout: TimeInterval = ServeProcess.timeout) throws -> [String: Any] {
        let line = try nextLine(timeout: timeout)
        guard case .single(let response) = try Self.parse(line) else {
            throw Failure(description: "expected one response object, got a batch: \(line)")
        }
        return response
    }

    /// Sends a call and returns its response, checking that it answers `id`.
    func call(_ method: String, _ params: [String: Any]? = nil, id: Int = 1) throws -> [String: Any] {
        try sendCall(method, params, id: id)
        let response = try nextResponse()
        guard response["id"] as? Int == id else {
            throw Failure(description: "response to id \(id) expected, got \(response)")
        }
        return response
    }

    /// Sends a call that must succeed and returns its result object.
    func result(_ method: String, _ params: [String: Any]? = nil, id: Int = 1) throws -> [String: Any] {
        let response = try call(method, params, id: id)
        guard let result = response["result"] as? [String: Any] else {
            throw Failure(description: "\(method) failed: \(response)")
        }
        return result
    }

    /// Sends a call that must fail and returns its error object.
    func error(_ method: String, _ params: [String: Any]? = nil, id: Int = 1) throws -> [String: Any] {
        let response = try call(method, params, id: id)
        guard let error = response["error"] as? [String: Any] else {
            throw Failure(description: "\(method) was expected to fail: \(response)")
        }
        return error
    }

    /// How many complete stdout lines have arrived and not been taken.
    var availableLineCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return pending.count
    }

    /// stderr so far.
    var stderr: String {
        condition.lock()
        defer { condition.unlock() }
        return stderrText
    }

    private var stderrText: String { String(decoding: errorData, as: UTF8.self) }

    // MARK: - Ending

    /// Waits for the server to exit on its own (killing it after `timeout` seconds, which fails),
    /// then for the end of its output; returns what was not taken yet.
    func waitForExit(timeout: TimeInterval = ServeProcess.timeout) throws -> Finished {
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw Failure(description: "the server did not exit within \(Int(timeout)) s; stderr: \(stderr)")
        }
        process.waitUntilExit()
        if readersDone.wait(timeout: .now() + timeout) == .timedOut {
            throw Failure(description: "the server's output did not end within \(Int(timeout)) s")
        }
        condition.lock()
        defer { condition.unlock() }
        let lines = pending.map { String(decoding: $0, as: UTF8.self) }
        pending.removeAll()
        return Finished(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal, lines: lines,
            trailing: partial, stderr: stderrText)
    }

    /// Closes stdin and waits for the server to finish.
    func finish(timeout: TimeInterval = ServeProcess.timeout) throws -> Finished {
        try closeInput()
        return try waitForExit(timeout: timeout)
    }

    /// Runs a server to completion: writes all of `input` (from a thread of its own, while the
    /// output is read), closes stdin and collects every line.
    static func run(
        input: Data, kb: String = ResponderProcess.bundledKnowledgeBase, db: String, arguments: [String] = [],
        environment: [String: String] = [:], timeout: TimeInterval = ServeProcess.timeout
    ) throws -> Finished {
        let server = try ServeProcess(kb: kb, db: db, arguments: arguments, environment: environment)
        let handle = server.input.fileHandleForWriting
        Thread {
            try? handle.write(contentsOf: input)
            try? handle.close()
        }.start()
        return try server.waitForExit(timeout: timeout)
    }

    /// `run` with text input.
    static func run(
        _ input: String, kb: String = ResponderProcess.bundledKnowledgeBase, db: String, arguments: [String] = [],
        environment: [String: String] = [:]
    ) throws -> Finished {
        try run(input: Data(input.utf8), kb: kb, db: db, arguments: arguments, environment: environment)
    }

    // MARK: - Checking the protocol

    /// A stdout line: one response, or the responses of a batch.
    enum Line {
        case single([String: Any])
        case batch([[String: Any]])

        /// The responses, one for a single response.
        var responses: [[String: Any]] {
            switch self {
            case .single(let response): [response]
            case .batch(let responses): responses
            }
        }
    }

    /// Parses a stdout line, failing unless it is a JSON-RPC 2.0 response or a non-empty array
    /// of them.
    static func parse(_ line: String) throws -> Line {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
        } catch {
            throw Failure(description: "stdout line is not JSON: \(line.prefix(300))")
        }
        if let object = value as? [String: Any] {
            try checkResponse(object, line: line)
            return .single(object)
        }
        if let array = value as? [Any], !array.isEmpty {
            let objects = array.compactMap { $0 as? [String: Any] }
            guard objects.count == array.count else {
                throw Failure(description: "a batch response holds something other than objects: \(line.prefix(300))")
            }
            for object in objects { try checkResponse(object, line: line) }
            return .batch(objects)
        }
        throw Failure(description: "stdout line is neither a response nor a batch of them: \(line.prefix(300))")
    }

    /// Checks the members of a response object: `jsonrpc` "2.0", an `id`, and exactly one of
    /// `result` and `error` (an error with an integer code, a message and perhaps data).
    static func checkResponse(_ object: [String: Any], line: String) throws {
        let problem: String?
        if object["jsonrpc"] as? String != "2.0" {
            problem = "jsonrpc is not \"2.0\""
        } else if object["id"] == nil {
            problem = "no id"
        } else if !(object["id"] is String || object["id"] is NSNumber || object["id"] is NSNull) {
            problem = "the id is not a string, a number or null"
        } else if !Set(object.keys).isSubset(of: ["jsonrpc", "id", "result", "error"]) {
            problem = "unexpected members \(object.keys.sorted())"
        } else if (object["result"] == nil) == (object["error"] == nil) {
            problem = "not exactly one of result and error"
        } else if let error = object["error"] {
            if let error = error as? [String: Any], error["code"] is Int, error["message"] is String,
                Set(error.keys).isSubset(of: ["code", "message", "data"])
            {
                problem = nil
            } else {
                problem = "malformed error object"
            }
        } else {
            problem = nil
        }
        if let problem { throw Failure(description: "not a JSON-RPC 2.0 response (\(problem)): \(line.prefix(300))") }
    }

    /// Every line parsed and checked.
    static func parseAll(_ lines: [String]) throws -> [Line] {
        try lines.map(parse)
    }
}
