import ArgumentParser
import Foundation
import JSONRPC
import Logging
import ResponderCore
import ResponderEngine
import ResponderServer

/// `responder serve`: JSON-RPC 2.0 over stdin/stdout for chat front ends.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve chat front ends: JSON-RPC 2.0 over stdin/stdout, one message per line.",
        discussion: """
            Reads requests from standard input and writes one response line per call to standard \
            output, in request order; logs go to standard error only. Ends, exit status 0, at end of \
            input or on SIGTERM/SIGINT, after answering every complete request read. The protocol is \
            documented in docs/protocol.md.
            """)

    @OptionGroup var session: SessionOptions

    @Option(help: "Longest request line accepted, in bytes; longer lines get an error and are skipped.")
    var maxLine = 1 << 20

    @Option(help: "error, warning, info, debug or trace (default: $RESPONDER_LOG, else info).")
    var logLevel: String?

    func validate() throws {
        if maxLine < 64 { throw ValidationError("--max-line must be at least 64 bytes") }
        if let name = logLevel ?? ProcessInfo.processInfo.environment["RESPONDER_LOG"], Logger.Level(name: name) == nil
        {
            throw ValidationError(
                "log level '\(name)': expected error, warning, info, debug, trace, notice or critical")
        }
    }

    func run() throws {
        // First of all, so that SIGTERM/SIGINT while the base loads ends the server cleanly too.
        let stop = StopSignal()
        let name = logLevel ?? ProcessInfo.processInfo.environment["RESPONDER_LOG"] ?? "info"
        let level = Logger.Level(name: name) ?? .info
        var logger = Logger(label: "responder.serve") { _ in StandardErrorLogHandler(level: level) }
        logger.logLevel = level
        let session = try self.session.open(logger: logger)
        let service = ResponderService(session: session, version: ResponderVersion.current, logger: logger)
        logger.info(
            "serving",
            metadata: [
                "entries": "\(session.base.entries.count)", "knowledge_base": "\(session.base.version.prefix(12))",
                "store": "\(session.store?.path ?? "-")",
            ])
        let status = StdioServer(handler: service, maximumLineLength: maxLine, log: logger, stop: stop).run()
        if status != 0 { throw ExitCode(status) }
    }
}
