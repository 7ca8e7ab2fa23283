/// Turns request lines into response lines: parsing, validation, batches and notifications, as
/// the JSON-RPC 2.0 specification says; the handler sees only valid requests.
public struct RPCDispatcher {
    /// The deepest nesting accepted in a request.
    public static let maximumDepth = 64
    /// The most requests accepted in one batch (a line of a megabyte could otherwise hold half a
    /// million, each answered with an error).
    public static let maximumBatch = 1000

    /// What one input line produced.
    struct LineReply {
        /// A batch (array) rather than a single response.
        var isBatch = false
        /// Responses in order: the id, the outcome, and whether the handler produced it.
        var responses: [(id: RPCID, result: Result<JSONValue, RPCError>, handled: Bool)] = []
    }

    let handler: any RPCHandler
    /// The line limit, reported with a line that exceeds it.
    let maximumLineLength: Int

    /// Parses `line` and hands its valid requests to the handler (or to `answering`, which
    /// replaces it).
    func reply(
        to item: LineFramer.Item, clock: ContinuousClock = ContinuousClock(),
        answering: ((RPCRequest) -> Result<JSONValue, RPCError>)? = nil
    ) -> LineReply {
        let receivedAt = clock.now
        var reply = LineReply()
        let bytes: [UInt8]
        switch item {
        case .tooLong(let length):
            reply.responses.append(
                (
                    .null,
                    .failure(
                        .invalidRequest(
                            "request line of \(length) bytes is longer than the limit of \(maximumLineLength); skipped",
                            data: .object([("max_line", .number(Double(maximumLineLength)))]))), false
                ))
            return reply
        case .line(let line):
            // Blank lines (between messages, or a trailing CRLF) are not requests.
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return reply }
            bytes = line
        }
        let value: JSONValue
        do {
            value = try bytes.withUnsafeBytes { buffer throws(JSONParseError) in
                try JSONParser.parse(buffer, maximumDepth: Self.maximumDepth)
            }
        } catch {
            reply.responses.append((.null, .failure(.parseError("parse error: \(error)")), false))
            return reply
        }
        if case .array(let elements) = value {
            reply.isBatch = true
            if elements.isEmpty {
                reply.responses.append((.null, .failure(.invalidRequest("a batch must not be empty")), false))
                reply.isBatch = false
                return reply
            }
            if elements.count > Self.maximumBatch {
                let error = RPCError.invalidRequest(
                    "a batch of \(elements.count) requests is larger than the limit of \(Self.maximumBatch); none was handled",
                    data: .object([("max_batch", .number(Double(Self.maximumBatch)))]))
                reply.responses.append((.null, .failure(error), false))
                reply.isBatch = false
                return reply
            }
            for element in elements { handle(element, receivedAt: receivedAt, answering: answering, into: &reply) }
        } else {
            handle(value, receivedAt: receivedAt, answering: answering, into: &reply)
        }
        return reply
    }

    private func handle(
        _ value: JSONValue, receivedAt: ContinuousClock.Instant,
        answering: ((RPCRequest) -> Result<JSONValue, RPCError>)?, into reply: inout LineReply
    ) {
        switch RPCRequest.parse(value, receivedAt: receivedAt) {
        case .failure(let rejected):
            reply.responses.append((rejected.id, .failure(rejected.error), false))
        case .success(let request):
            let result = answering?(request) ?? handler.handle(request)
            if let id = request.id { reply.responses.append((id, result, true)) }
        }
    }

    /// Appends the line to write for `reply` (with its line end) to `output`; nothing when there
    /// is nothing to send (notifications only).
    static func write(_ reply: LineReply, failedUnit: RPCError?, to output: inout [UInt8]) {
        let responses = reply.responses.map { response -> JSONValue in
            let result = response.handled && failedUnit != nil ? .failure(failedUnit!) : response.result
            switch result {
            case .success(let value): return RPCResponse.success(response.id, value)
            case .failure(let error): return RPCResponse.failure(response.id, error)
            }
        }
        if responses.isEmpty { return }
        if reply.isBatch { JSONValue.array(responses).write(to: &output) } else { responses[0].write(to: &output) }
        output.append(0x0A)
    }
}
