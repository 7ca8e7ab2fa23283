/// The application behind a JSON-RPC server: it handles requests and decides what "read
/// together" means for durability.
public protocol RPCHandler: AnyObject {
    /// Handles one request (a call or a notification); the result is sent for calls only.
    func handle(_ request: RPCRequest) -> Result<JSONValue, RPCError>

    /// Runs `work`, which handles every request read together, as one unit (e.g. one database
    /// transaction committed before any of their responses is written). Returns an error when the
    /// unit failed as a whole: the responses of its requests are then replaced by that error.
    func perform(_ work: () -> Void) -> RPCError?
}
