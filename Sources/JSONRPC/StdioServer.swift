import Dispatch
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// JSON-RPC 2.0 over stdin/stdout, one message per line (the framing of MCP's stdio transport).
///
/// Requests are answered in order. Every line read in one go is handled as one unit of the
/// handler (`perform`), and their responses are written together as soon as it completes, so
/// nothing waits for more input. End of input, SIGTERM and SIGINT all end the same way: the
/// complete lines already read are answered, output is flushed, and `run` returns 0. A partial
/// line is answered at end of input and dropped on a signal (its sender is still writing it).
public final class StdioServer {
    private let dispatcher: RPCDispatcher
    private let handler: any RPCHandler
    private let maximumLineLength: Int
    private let log: Logger
    private let input: Int32
    private let output: Int32
    private let stop: StopSignal

    /// A server for `handler` on file descriptors `input` and `output` (stdin and stdout),
    /// stopping on `stop` (create it before slow start-up work, so that a signal during it is
    /// not lost).
    public init(
        handler: any RPCHandler, maximumLineLength: Int = 1 << 20, log: Logger, input: Int32 = 0, output: Int32 = 1,
        stop: StopSignal
    ) {
        self.stop = stop
        self.handler = handler
        self.dispatcher = RPCDispatcher(handler: handler, maximumLineLength: maximumLineLength)
        self.maximumLineLength = maximumLineLength
        self.log = log
        self.input = input
        self.output = output
    }

    /// Serves until end of input or SIGTERM/SIGINT; returns the process exit status.
    public func run() -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        var framer = LineFramer(maximumLength: maximumLineLength)
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        var descriptors = [
            pollfd(fd: input, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stop.descriptor, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            if poll(&descriptors, 2, -1) < 0 {
                if errno == EINTR { continue }
                log.error("poll failed: \(String(cString: strerror(errno)))")
                return 1
            }
            if descriptors[1].revents != 0 {
                if framer.hasPartialLine {
                    log.warning("stopping on a signal; a partial request line was dropped")
                }
                log.info("stopping on a signal")
                return 0
            }
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                log.error("cannot read the input: \(String(cString: strerror(errno)))")
                return 1
            }
            if count == 0 {
                guard serve(framer.finish()) else { return 0 }
                log.info("end of input")
                return 0
            }
            let items = buffer.withUnsafeBytes { framer.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            guard serve(items) else { return 0 }
        }
    }

    /// Answers `items` as one unit; false when the output is gone (the client closed it).
    private func serve(_ items: [LineFramer.Item]) -> Bool {
        guard !items.isEmpty else { return true }
        var replies: [RPCDispatcher.LineReply] = []
        replies.reserveCapacity(items.count)
        let failure = handler.perform {
            for item in items { replies.append(dispatcher.reply(to: item)) }
        }
        if let failure {
            log.error("requests failed together: \(failure.message)")
            // The unit failed as a whole (e.g. its commit): answer every call with the failure;
            // replies already made are replaced by it too (`failedUnit` below).
            if replies.count < items.count {
                replies = items.map { dispatcher.reply(to: $0, answering: { _ in .failure(failure) }) }
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(replies.count * 512)
        for reply in replies { RPCDispatcher.write(reply, failedUnit: failure, to: &bytes) }
        return writeAll(bytes)
    }

    /// Writes `bytes`, in pieces the pipe takes without blocking, while watching for SIGTERM
    /// and SIGINT: a client that stopped reading cannot keep the server from stopping. On a
    /// signal it finishes the line it is writing (waiting at most two seconds), so that no
    /// half response is left, and gives up the rest. False when it stopped or the output is gone.
    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            var offset = 0
            var stopAt: Int? = nil  // set on a signal: the end of the line being written
            var deadline = ContinuousClock.now
            var descriptors = [
                pollfd(fd: output, events: Int16(POLLOUT), revents: 0),
                pollfd(fd: stop.descriptor, events: Int16(POLLIN), revents: 0),
            ]
            while offset < (stopAt ?? bytes.count) {
                descriptors[0].revents = 0
                descriptors[1].revents = 0
                let timeout: Int32 = stopAt == nil ? -1 : 100
                if poll(&descriptors, 2, timeout) < 0, errno != EINTR { return false }
                if stopAt == nil, descriptors[1].revents != 0 {
                    // The rest of the current line, if one is half written; nothing if at a line start.
                    let atLineStart = offset == 0 || bytes[offset - 1] == 0x0A
                    stopAt =
                        atLineStart ? offset : (bytes[offset...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count)
                    deadline = ContinuousClock.now + .seconds(2)
                    log.warning(
                        "stopping on a signal while the client is not reading; \(bytes.count - stopAt!) response bytes dropped"
                    )
                    continue
                }
                if stopAt != nil, ContinuousClock.now > deadline { return false }
                guard descriptors[0].revents != 0 else { continue }
                let end = min(stopAt ?? bytes.count, offset + 4096)
                let written = write(output, bytes.baseAddress! + offset, end - offset)
                if written < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    log.warning("the output is closed (\(String(cString: strerror(errno)))); stopping")
                    return false
                }
                offset += written
            }
            return stopAt == nil
        }
    }
}

/// SIGTERM and SIGINT turned into a readable file descriptor, so that a server waiting for input
/// notices them; a signal that arrives before the server runs is kept until it does.
public final class StopSignal: @unchecked Sendable {
    /// Readable once SIGTERM or SIGINT has arrived.
    public let descriptor: Int32
    private let writer: Int32
    private let sources: [any DispatchSourceSignal]

    /// Starts catching SIGTERM and SIGINT (they no longer end the process by themselves,
    /// until the last stop signal is released).
    public init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) != 0 { ends = [open("/dev/null", O_RDONLY), -1] }
        descriptor = ends[0]
        writer = ends[1]
        let writer = ends[1]
        StopSignal.dispositions.ignore()
        sources = [SIGTERM, SIGINT].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                var byte: UInt8 = 1
                _ = write(writer, &byte, 1)
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
        StopSignal.dispositions.restore()
        close(descriptor)
        if writer >= 0 { close(writer) }
    }

    private static let dispositions = Dispositions()

    /// The process-wide dispositions of SIGTERM and SIGINT: ignored (so that only the dispatch
    /// sources see them) while any stop signal lives, and given back as they were when the
    /// last one goes, since programs the process starts later would inherit them ignored.
    private final class Dispositions: @unchecked Sendable {
        private let lock = NSLock()
        private var holders = 0
        private var saved: [(number: Int32, action: sigaction)] = []

        func ignore() {
            lock.withLock {
                holders += 1
                guard holders == 1 else { return }
                var ignore = sigaction()
                ignore.__sigaction_handler.sa_handler = SIG_IGN
                saved = [SIGTERM, SIGINT].map { number in
                    var old = sigaction()
                    sigaction(number, &ignore, &old)
                    return (number, old)
                }
            }
        }

        func restore() {
            lock.withLock {
                holders -= 1
                guard holders == 0 else { return }
                for (number, action) in saved {
                    var action = action
                    sigaction(number, &action, nil)
                }
                saved = []
            }
        }
    }
}
