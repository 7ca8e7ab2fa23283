import ArgumentParser
import Foundation
import JSONRPC
import ResponderCore
import ResponderServer
import ResponderStore

/// `responder tickets ...`: work the work-order queue as an agent.
struct TicketsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets",
        abstract: "List, show and work escalated work orders.",
        subcommands: [
            TicketsList.self, TicketsShow.self, TicketsAssign.self, TicketsReply.self, TicketsResolve.self,
            TicketsReopen.self,
        ])
}

/// What every `tickets` subcommand shares: the store, and the knowledge base's time zone and
/// redaction switch (the defaults when the base does not load, so agents are never blocked by it).
struct QueueOptions: ParsableArguments {
    @OptionGroup var knowledgeBase: KnowledgeBaseOptions
    @OptionGroup var store: StoreOptions

    func open() throws -> (Store, TimeZone) {
        let settings = settingsIfAvailable(knowledgeBase)
        return (try store.open(settings: settings, mustExist: true), TimeZone(identifier: settings.timeZone) ?? .gmt)
    }

    /// Applies one lifecycle change and prints the work order's id and new status.
    func change(_ body: (Store) throws(StoreError) -> WorkOrder) throws {
        let (store, _) = try open()
        let workOrder = try storeCall { () throws(StoreError) in try body(store) }
        print("\(workOrder.id) \(workOrder.status.rawValue)\(workOrder.agent.map { ", agent \($0)" } ?? "")")
    }
}

extension WorkOrderID: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}

struct TicketsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List work orders, most urgent first.")

    @OptionGroup var queue: QueueOptions

    @Option(help: "Only this group's.")
    var group: String?

    @Option(help: "Only this status: open, assigned, responded or resolved.")
    var status: WorkOrderStatus?

    @Option(help: "At most this many (default: all).")
    var limit: Int?

    @Flag(help: "Print a JSON array.")
    var json = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let (store, timeZone) = try queue.open()
        let workOrders = try storeCall { () throws(StoreError) in
            try store.workOrders(group: group, status: status, limit: limit)
        }
        if json {
            print(JSONValue.array(workOrders.map { WorkOrderJSON.json($0, timeZone: timeZone) }).serialized)
        } else {
            print(WorkOrderFormatter.table(workOrders, timeZone: timeZone), terminator: "")
        }
    }
}

extension WorkOrderStatus: ExpressibleByArgument {}

struct TicketsShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a work order and its replies.")

    @OptionGroup var queue: QueueOptions

    @Argument(help: "The work order, e.g. WO-000042.")
    var id: WorkOrderID

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        let (store, timeZone) = try queue.open()
        let (workOrder, replies) = try storeCall { () throws(StoreError) in
            (try store.workOrder(id), try store.replies(to: id))
        }
        if json {
            print(WorkOrderJSON.json(workOrder, replies: replies, timeZone: timeZone).serialized)
        } else {
            print(WorkOrderFormatter.detail(workOrder, replies: replies, timeZone: timeZone), terminator: "")
        }
    }
}

struct TicketsAssign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Give a work order to an agent.")

    @OptionGroup var queue: QueueOptions

    @Argument(help: "The work order.")
    var id: WorkOrderID

    @Argument(help: "The agent's name or id.")
    var agent: String

    func run() throws {
        try queue.change { store throws(StoreError) in try store.assign(id, to: agent) }
    }
}

struct TicketsReply: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply", abstract: "Record an agent's reply to a work order.",
        discussion: "The first reply is the work order's first response, measured against its SLA.")

    @OptionGroup var queue: QueueOptions

    @Argument(help: "The work order.")
    var id: WorkOrderID

    @Option(help: "Who replied.")
    var agent: String

    @Argument(help: "What the agent wrote.")
    var text: String

    @OptionGroup var at: EventTimeOption

    func run() throws {
        let (store, timeZone) = try queue.open()
        let time = try at.time()
        let workOrder = try storeCall { () throws(StoreError) in
            try store.reply(to: id, agent: agent, text: text, at: time)
        }
        let first = workOrder.firstResponseAt.map { Timestamp.format($0, in: timeZone) } ?? "-"
        print("\(workOrder.id) \(workOrder.status.rawValue), first response \(first)")
    }
}

struct TicketsResolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve", abstract: "Mark a responded work order resolved.")

    @OptionGroup var queue: QueueOptions

    @Argument(help: "The work order.")
    var id: WorkOrderID

    @OptionGroup var at: EventTimeOption

    func run() throws {
        let time = try at.time()
        try queue.change { store throws(StoreError) in try store.resolve(id, at: time) }
    }
}

/// `--at TIME`: when an agent's action really happened, for replays and imports.
struct EventTimeOption: ParsableArguments {
    @Option(
        name: .customLong("at"),
        help: "When it really happened (ISO 8601 with an offset), for replays and imports; default now.")
    var text: String?

    func validate() throws {
        if let text, Timestamp.parse(text) == nil {
            throw ValidationError("--at \(text) is not an ISO 8601 time with an offset, e.g. 2026-11-23T09:20:00+08:00")
        }
    }

    /// The time given, or now; a time more than five minutes ahead is refused (a clock or typing mistake).
    func time() throws -> Date {
        guard let text, let time = Timestamp.parse(text) else { return Date() }
        if time.timeIntervalSinceNow > 300 { throw CommandFailure("error: --at \(text) is in the future") }
        return time
    }
}

struct TicketsReopen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen", abstract: "Reopen a resolved work order.")

    @OptionGroup var queue: QueueOptions

    @Argument(help: "The work order.")
    var id: WorkOrderID

    func run() throws {
        try queue.change { store throws(StoreError) in try store.reopen(id) }
    }
}
