import Foundation
import JSONRPC
import ResponderCore
import ResponderEngine
import ResponderStore

/// The engine's JSON-RPC methods: messages in, replies out, the queue for agents, ratings,
/// reports and knowledge-base reloads. Every request read together is handled in one store
/// transaction (`perform`), committed durably before any of their responses is written.
public final class ResponderService: RPCHandler {
    /// The methods, as `initialize` lists them.
    public static let methods = [
        "initialize", "message", "agent.reply", "work_order.get", "work_order.list", "work_order.assign",
        "work_order.resolve", "work_order.reopen", "feedback.rate", "kb.reload", "report",
    ]
    /// The protocol's version, reported by `initialize`; it changes when a method changes incompatibly.
    public static let protocolVersion = "1.0"

    private let directory: String
    private var triage: Triage
    private let store: Store
    private let version: String
    private let cache: ModelCache
    private let log: Log
    private var handled = 0

    /// A service answering from `base` (loaded from `directory`, for `kb.reload`) and recording
    /// into `store`; `version` is the server's, reported by `initialize`. Trained models come
    /// through `cache` (none: trained at every load).
    public init(
        base: KnowledgeBase, directory: String, store: Store, version: String, log: Log, cache: ModelCache? = nil
    ) {
        self.directory = directory
        self.cache = cache ?? ModelCache(root: nil, engineVersion: version)
        self.triage = Triage(responder: ResponderService.responder(for: base, cache: self.cache, log: log))
        self.store = store
        self.version = version
        self.log = log
    }

    private var base: KnowledgeBase { triage.base }

    /// The responder for `base` through `cache`, saying in the log whether it was trained.
    private static func responder(for base: KnowledgeBase, cache: ModelCache, log: Log) -> AutoResponder {
        let (matcher, outcome) = cache.matcher(for: base)
        switch outcome {
        case .hit: log.write(.debug, "trained model read from the cache")
        case .trained(let stored): log.write(.debug, "model trained\(stored ? " and cached" : "")")
        case .replaced(let reason, let stored):
            log.write(.info, "cached model not used (\(reason)); trained again\(stored ? " and cached" : "")")
        }
        return AutoResponder(matcher: matcher)
    }
    private var timeZone: TimeZone { TimeZone(identifier: base.settings.timeZone) ?? .gmt }

    public func perform(_ work: () -> Void) -> RPCError? {
        do {
            try store.batch(work)
            return nil
        } catch {
            return ServiceError.rpc(error)
        }
    }

    public func handle(_ request: RPCRequest) -> Result<JSONValue, RPCError> {
        handled += 1
        let result: Result<JSONValue, RPCError>
        do throws(RPCError) {
            result = .success(try dispatch(request))
        } catch {
            result = .failure(error)
        }
        if log.enabled(.debug) {
            let outcome =
                switch result {
                case .success: "ok"
                case .failure(let error): "error \(error.code)"
                }
            let micros = (ContinuousClock.now - request.receivedAt) / .microseconds(1)
            log.write(.debug, "\(request.method) id=\(request.id?.description ?? "-") \(outcome) \(Int(micros))µs")
        }
        return result
    }

    private func dispatch(_ request: RPCRequest) throws(RPCError) -> JSONValue {
        // A client may describe itself to `initialize` in any shape (as MCP clients do).
        if request.method == "initialize" { return initialize() }
        let params = try Params(request)
        switch request.method {
        case "message": return try message(params, receivedAt: request.receivedAt)
        case "agent.reply": return try agentReply(params)
        case "work_order.get": return try workOrderGet(params)
        case "work_order.list": return try workOrderList(params)
        case "work_order.assign": return try workOrderAssign(params)
        case "work_order.resolve": return try workOrderResolve(params)
        case "work_order.reopen": return try workOrderReopen(params)
        case "feedback.rate": return try rate(params)
        case "kb.reload": return try reload(params)
        case "report": return try report(params)
        default: throw RPCError.methodNotFound(request.method)
        }
    }

    // MARK: - Methods

    private func initialize() -> JSONValue {
        .object([
            ("name", "responder"),
            ("version", .string(version)),
            ("protocol_version", .string(Self.protocolVersion)),
            (
                "knowledge_base",
                .object([
                    ("version", .string(base.version)), ("entries", .number(Double(base.entries.count))),
                    ("locales", .array(base.settings.locales.map { .string($0) })),
                ])
            ),
            ("methods", .array(Self.methods.map { .string($0) })),
        ])
    }

    private func message(_ params: Params, receivedAt: ContinuousClock.Instant) throws(RPCError) -> JSONValue {
        try params.only(["conversation", "text", "channel", "customer", "locale", "test", "message_id"])
        let conversation = try params.string("conversation")
        let text = try params.string("text")
        let channel = try params.optionalString("channel") ?? "chat"
        let customer = try params.optionalString("customer")
        let locale = try params.optionalString("locale")
        if let locale, !base.settings.locales.contains(locale) {
            throw RPCError.invalidParams(
                "locale: expected one of the knowledge base's locales (\(base.settings.locales.joined(separator: ", "))), got '\(locale)'"
            )
        }
        let isTest = try params.bool("test") ?? false
        let messageID = try params.optionalString("message_id")
        if let messageID,
            let stored = try storeCall({ () throws(StoreError) in
                try store.recordedMessage(conversation: conversation, messageKey: messageID)
            })
        {
            return .object(ReplyJSON.storedFields(stored, base: base, timeZone: timeZone))
        }
        let (outcome, handled) = triage.handle(
            text, locale: locale, conversation: conversation, customer: customer, channel: channel, isTest: isTest,
            messageKey: messageID, startedAt: receivedAt)
        let latency = handled.latencyMicroseconds
        let recorded = try storeCall { () throws(StoreError) in try store.record(handled) }
        var fields = ReplyJSON.fields(outcome.reply, explain: false)
        fields += ReplyJSON.escalationFields(outcome.escalation, recorded: recorded, timeZone: timeZone)
        fields.append(("latency_us", .number(Double(latency))))
        return .object(fields)
    }

    private func agentReply(_ params: Params) throws(RPCError) -> JSONValue {
        try params.only(["work_order", "agent", "text", "at"])
        let id = try workOrderID(params)
        let agent = try params.string("agent")
        let text = try params.string("text")
        let at = try time(params, "at") ?? Date()
        let workOrder = try storeCall { () throws(StoreError) in
            try store.reply(to: id, agent: agent, text: text, at: at)
        }
        return WorkOrderJSON.json(workOrder, timeZone: timeZone)
    }

    private func workOrderGet(_ params: Params) throws(RPCError) -> JSONValue {
        try params.only(["work_order"])
        let id = try workOrderID(params)
        let (workOrder, replies) = try storeCall { () throws(StoreError) in
            (try store.workOrder(id), try store.replies(to: id))
        }
        return WorkOrderJSON.json(workOrder, replies: replies, timeZone: timeZone)
    }

    private func workOrderList(_ params: Params) throws(RPCError) -> JSONValue {
        try params.only(["group", "status", "limit"])
        let group = try params.optionalString("group")
        let status = try params.optionalString("status").map { (name) throws(RPCError) -> WorkOrderStatus in
            guard let status = WorkOrderStatus(rawValue: name) else {
                throw RPCError.invalidParams(
                    "status: expected one of \(WorkOrderStatus.allCases.map(\.rawValue).joined(separator: ", ")), got '\(name)'"
                )
            }
            return status
        }
        let limit = try params.integer("limit", in: 1...1_000_000)
        let workOrders = try storeCall { () throws(StoreError) in
            try store.workOrders(group: group, status: status, limit: limit)
        }
        return .object([("work_orders", .array(workOrders.map { WorkOrderJSON.json($0, timeZone: timeZone) }))])
    }

    private func workOrderAssign(_ params: Params) throws(RPCError) -> JSONValue {
        try params.only(["work_order", "agent"])
        let id = try workOrderID(params)
        let agent = try params.string("agent")
        let workOrder = try storeCall { () throws(StoreError) in try store.assign(id, to: agent) }
        return WorkOrderJSON.json(workOrder, timeZone: timeZone)
    }

    private func workOrderResolve(_ params: Params) throws(RPCError) -> JSONValue {
        try params.only(["work_order", "at"])
        let id = try workOrderID(params)
        let at = try time(params, "at") ?? Date()
        let workOrder = try storeCall { () throws(StoreError) in try store.resolve(id, at: at) }
        return WorkOrderJSON.json(workOrder, timeZone: timeZone)
    }

    private func workOrderReopen(_ params: Params) throws(RPCError) -> JSONValue {
        try params.only(["work_order"])
        let id = try workOrderID(params)
        let workOrder = try storeCall { () throws(StoreError) in try store.reopen(id) }
        return WorkOrderJSON.json(workOrder, timeZone: timeZone)
    }

    private func rate(_ params: Params) throws(RPCError) -> JSONValue {
        try params.only(["conversation", "work_order", "score", "comment"])
        let conversation = try params.optionalString("conversation")
        let hasWorkOrder = try params.optionalString("work_order") != nil
        guard (conversation == nil) != !hasWorkOrder else {
            throw RPCError.invalidParams("give exactly one of 'conversation' and 'work_order'")
        }
        guard let score = try params.integer("score", in: 1...5) else {
            throw RPCError.invalidParams("score: required, expected an integer from 1 to 5")
        }
        let comment = try params.optionalString("comment")
        let target: RatingTarget
        if let conversation {
            target = .conversation(conversation)
        } else {
            target = .workOrder(try workOrderID(params))
        }
        try storeCall { () throws(StoreError) in try store.rate(target, score: score, comment: comment) }
        var fields: [(String, JSONValue)] = [("score", .number(Double(score)))]
        switch target {
        case .conversation(let conversation): fields.insert(("conversation", .string(conversation)), at: 0)
        case .workOrder(let id): fields.insert(("work_order", .string(id.description)), at: 0)
        }
        return .object(fields)
    }

    private func reload(_ params: Params) throws(RPCError) -> JSONValue {
        try params.only([])
        let previous = base.version
        let result: LoadResult
        do {
            result = try KnowledgeBaseLoader.load(directory: directory)
        } catch {
            throw RPCError(
                code: ServiceError.knowledgeBaseError,
                message: "\(error.description); still serving version \(previous)",
                data: .object([("serving_version", .string(previous)), ("diagnostics", .array([]))]))
        }
        let diagnostics = JSONValue.array(result.diagnostics.map(Self.json))
        guard !result.diagnostics.containsErrors else {
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            log.write(.warning, "kb.reload: \(errors) error(s) in \(directory); still serving \(previous)")
            throw RPCError(
                code: ServiceError.knowledgeBaseError,
                message:
                    "the knowledge base has \(errors) error\(errors == 1 ? "" : "s"); still serving version \(previous)",
                data: .object([("serving_version", .string(previous)), ("diagnostics", diagnostics)]))
        }
        triage = Triage(responder: ResponderService.responder(for: result.base, cache: cache, log: log))
        log.write(.info, "kb.reload: \(result.base.entries.count) entries, version \(result.base.version)")
        return .object([
            ("version", .string(result.base.version)), ("previous_version", .string(previous)),
            ("entries", .number(Double(result.base.entries.count))), ("diagnostics", diagnostics),
        ])
    }

    private func report(_ params: Params) throws(RPCError) -> JSONValue {
        try params.only(["from", "to"])
        let from = try params.optionalString("from").map { (text) throws(RPCError) in
            try period(text, "from", endOfDay: false)
        }
        let to = try params.optionalString("to").map { (text) throws(RPCError) in
            try period(text, "to", endOfDay: true)
        }
        if let from, let to, to <= from { throw RPCError.invalidParams("to: must be after from") }
        let options = ReportOptions(
            from: from, to: to, calendar: triage.calendar, groupOrder: base.groups.groups.map(\.id))
        let report = try storeCall { () throws(StoreError) in try store.report(options) }
        return ReportJSON.json(report, timeZone: timeZone)
    }

    // MARK: - Parameters

    private func workOrderID(_ params: Params) throws(RPCError) -> WorkOrderID {
        let text = try params.string("work_order")
        guard let id = WorkOrderID(text) else {
            throw RPCError.invalidParams("work_order: expected an id such as WO-000042, got '\(text)'")
        }
        return id
    }

    private func time(_ params: Params, _ name: String) throws(RPCError) -> Date? {
        guard let text = try params.optionalString(name) else { return nil }
        guard let time = Timestamp.parse(text) else {
            throw RPCError.invalidParams("\(name): expected an ISO 8601 time with an offset, got '\(text)'")
        }
        if time.timeIntervalSinceNow > 300 { throw RPCError.invalidParams("\(name): '\(text)' is in the future") }
        return time
    }

    private func period(_ text: String, _ name: String, endOfDay: Bool) throws(RPCError) -> Date {
        guard let start = Timestamp.periodBound(text, endOfDay: endOfDay, in: timeZone) else {
            throw RPCError.invalidParams("\(name): expected a date YYYY-MM-DD or an ISO 8601 time, got '\(text)'")
        }
        return start
    }

    private static func json(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("file", .string(diagnostic.location.file)), ("line", .number(Double(diagnostic.location.line))),
            ("column", .number(Double(diagnostic.location.column))),
            ("severity", .string(diagnostic.severity.rawValue)), ("rule", .string(diagnostic.rule)),
            ("message", .string(diagnostic.message)),
        ])
    }
}

/// Runs a store call; its error becomes the protocol's.
private func storeCall<T>(_ body: () throws(StoreError) -> T) throws(RPCError) -> T {
    do {
        return try body()
    } catch {
        throw ServiceError.rpc(error)
    }
}
