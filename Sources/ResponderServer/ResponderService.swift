import Foundation
import JSONRPC
import Logging
import ResponderEngine

/// The engine's JSON-RPC methods over an `EngineSession`: each request is decoded into its
/// method's typed params (`MethodRegistry`), handled by the session, and its typed result
/// encoded. Every request read together is handled in one store transaction (`perform`),
/// committed durably before any of their responses is written.
public final class ResponderService: RPCHandler {
    private let session: EngineSession
    private let version: String
    private let logger: Logger

    /// A service over `session`; `version` is the server's, reported by `initialize`.
    public init(session: EngineSession, version: String, logger: Logger) {
        self.session = session
        self.version = version
        self.logger = logger
    }

    public func perform(_ work: () -> Void) -> RPCError? {
        do {
            try session.batch(work)
            return nil
        } catch {
            return ServiceError.rpc(error)
        }
    }

    public func handle(_ request: RPCRequest) -> Result<JSONValue, RPCError> {
        let context = MethodContext(session: session, receivedAt: request.receivedAt, serverVersion: version)
        let result: Result<JSONValue, RPCError>
        do throws(RPCError) {
            result = .success(try MethodRegistry.call(request, in: context))
        } catch {
            result = .failure(error)
        }
        if logger.logLevel <= .debug {
            let micros = (ContinuousClock.now - request.receivedAt) / .microseconds(1)
            var metadata: Logger.Metadata = [
                "method": "\(request.method)", "id": "\(request.id?.description ?? "-")", "us": "\(Int(micros))",
            ]
            switch result {
            case .success: metadata["outcome"] = "ok"
            case .failure(let error):
                metadata["outcome"] = "error"
                metadata["code"] = "\(error.code)"
            }
            logger.debug("request", metadata: metadata)
        }
        return result
    }
}
