import Foundation
import LogCapture
import Testing

@testable import JSONRPC

/// The stdio transport with handlers whose units fail, driven through pipes in-process.
@Suite("StdioServer", .serialized)
struct StdioServerTests {
    /// Answers every call with its method name; `perform` fails as told.
    final class Handler: RPCHandler {
        enum Failure { case none, beforeStarting, afterRunning }
        let failure: Failure
        var handled: [String] = []

        init(failure: Failure) { self.failure = failure }

        func handle(_ request: RPCRequest) -> Result<JSONValue, RPCError> {
            handled.append(request.method)
            return .success(.string(request.method))
        }

        func perform(_ work: () -> Void) -> RPCError? {
            switch failure {
            case .none:
                work()
                return nil
            case .beforeStarting:
                return RPCError(code: -32004, message: "store unavailable")
            case .afterRunning:
                work()
                return RPCError(code: -32004, message: "commit failed")
            }
        }
    }

    /// Runs a server over `input` and returns what it wrote.
    private func serve(_ input: String, handler: Handler, logs: CapturedLogs = CapturedLogs()) throws -> [String] {
        var inPipe: [Int32] = [0, 0]
        var outPipe: [Int32] = [0, 0]
        #expect(pipe(&inPipe) == 0 && pipe(&outPipe) == 0)
        _ = input.withCString { write(inPipe[1], $0, strlen($0)) }
        close(inPipe[1])
        let server = StdioServer(
            handler: handler, log: logs.logger(), input: inPipe[0], output: outPipe[1], stop: StopSignal())
        #expect(server.run() == 0)
        close(outPipe[1])
        close(inPipe[0])
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = read(outPipe[0], &buffer, buffer.count), count > 0 { bytes += buffer[0..<count] }
        close(outPipe[0])
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    private let requests = """
        {"jsonrpc":"2.0","id":1,"method":"a"}
        {"jsonrpc":"2.0","method":"notified"}
        [{"jsonrpc":"2.0","id":2,"method":"b"},{"jsonrpc":"2.0","id":3}]
        not json

        """

    @Test("Calls are answered in order; a notification is handled but not answered")
    func answers() throws {
        let handler = Handler(failure: .none)
        let lines = try serve(requests, handler: handler)
        #expect(
            lines == [
                #"{"jsonrpc":"2.0","id":1,"result":"a"}"#,
                #"[{"jsonrpc":"2.0","id":2,"result":"b"},{"jsonrpc":"2.0","id":3,"error":{"code":-32600,"message":"method must be a string"}}]"#,
                #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error: invalid literal (expected null) at byte 0"}}"#,
            ])
        #expect(handler.handled == ["a", "notified", "b"])
    }

    @Test("A unit that cannot start still answers every call, with its error")
    func failedBeforeStarting() throws {
        let handler = Handler(failure: .beforeStarting)
        let lines = try serve(requests, handler: handler)
        #expect(lines.count == 3)
        #expect(lines[0] == #"{"jsonrpc":"2.0","id":1,"error":{"code":-32004,"message":"store unavailable"}}"#)
        #expect(lines[1].contains(#""id":2,"error":{"code":-32004"#))
        #expect(lines[1].contains(#""id":3,"error":{"code":-32600"#), "invalid requests keep their own error")
        #expect(lines[2].contains("-32700"))
        #expect(handler.handled.isEmpty)
    }

    @Test("A unit that fails after running replaces its results with the error, and says so in the log")
    func failedAfterRunning() throws {
        let logs = CapturedLogs()
        let lines = try serve(requests, handler: Handler(failure: .afterRunning), logs: logs)
        #expect(lines[0] == #"{"jsonrpc":"2.0","id":1,"error":{"code":-32004,"message":"commit failed"}}"#)
        #expect(logs.records.contains { $0.level == .error && $0.message.contains("commit failed") })
        #expect(logs.records.last == .init(level: .info, message: "end of input", metadata: [:]))
    }

    @Test("Stop signals catch SIGTERM while they live and give its disposition back when the last goes")
    func stopSignalsGiveTheDispositionBack() throws {
        /// The handler's address: SIG_DFL is 0, SIG_IGN is 1.
        func terminationHandler() -> Int {
            var current = sigaction()
            sigaction(SIGTERM, nil, &current)
            return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
        }
        let ignored = unsafeBitCast(SIG_IGN, to: Int.self)
        let before = terminationHandler()
        do {
            let first = StopSignal()
            let second = StopSignal()
            #expect(terminationHandler() == ignored)
            withExtendedLifetime(first) {}
            #expect(terminationHandler() == ignored, "one stop signal still lives")
            withExtendedLifetime(second) {}
        }
        #expect(terminationHandler() == before, "programs started later must not inherit SIGTERM ignored")
    }
}
