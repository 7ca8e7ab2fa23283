import ArgumentParser
import Foundation
import JSONRPC
import ResponderCore
import ResponderEngine
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
    @OptionGroup var session: SessionOptions

    /// A session over the existing store (see `SessionOptions.openQueue`).
    func open() throws -> EngineSession { try session.openQueue() }

    /// Runs a change to a work order and prints its new status.
    func change(_ body: (EngineSession) throws(EngineError) -> WorkOrderView) throws {
        let session = try open()
        let workOrder = try engineCall { () throws(EngineError) in try body(session) }.workOrder
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
        commandName: "list", abstract: "List work orders still to work: overdue first, then most urgent.",
        discussion: """
            Shows open, assigned and responded work orders unless --status says otherwise: those past \
            their SLA due time first (most overdue first), then by priority, due time and age.
            """)

    @OptionGroup var queue: QueueOptions

    @Option(help: "Only this group's.")
    var group: String?

    @Option(help: "unresolved (the default), all, or one status: open, assigned, responded or resolved.")
    var status: WorkOrderSelection = .unresolved

    @Option(help: "At most this many (default: all).")
    var limit: Int?

    @Flag(help: "Print a JSON array.")
    var json = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let session = try queue.open()
        let workOrders = try engineCall { () throws(EngineError) in
            try session.workOrders(status, group: group, limit: limit)
        }
        if json {
            print(try JSONValue(encoding: workOrders).serialized)
        } else {
            let table = WorkOrderFormatter.table(
                workOrders.map(\.workOrder), timeZone: session.timeZone, now: session.clock.now())
            print(table, terminator: "")
        }
    }
}

extension WorkOrderSelection: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(name: argument)
    }

    public static var allValueStrings: [String] { names }
}

struct TicketsShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a work order with its conversation: the customer's turns, the bot's and the agents' replies.")

    @OptionGroup var queue: QueueOptions

    @Argument(help: "The work order, e.g. WO-000042.")
    var id: WorkOrderID

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        let session = try queue.open()
        let view = try engineCall { () throws(EngineError) in try session.workOrder(id) }
        if json {
            print(try JSONValue(encoding: view).serialized)
        } else {
            print(
                WorkOrderFormatter.detail(view),
                terminator: "")
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
        try queue.change { session throws(EngineError) in try session.assign(id, to: agent) }
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
        let session = try queue.open()
        let workOrder = try engineCall { () throws(EngineError) in
            try session.reply(to: id, agent: agent, text: text, at: at.time)
        }.workOrder
        let first = workOrder.firstResponseAt.map { Timestamp.format($0, in: session.timeZone) } ?? "-"
        print("\(workOrder.id) \(workOrder.status.rawValue), first response \(first)")
    }
}

struct TicketsResolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve", abstract: "Mark a work order an agent has replied to resolved.",
        discussion: """
            --entry names the knowledge-base entry that would have answered the customer's message, \
            --new-topic a short name for a topic the base lacks: labels that `export labelled` and \
            `replay` use.
            """)

    @OptionGroup var queue: QueueOptions

    @Argument(help: "The work order.")
    var id: WorkOrderID

    @OptionGroup var at: EventTimeOption

    @Option(help: "The knowledge-base entry that would have answered the message.")
    var entry: String?

    @Option(help: "None would: a short name for the missing topic.")
    var newTopic: String?

    func validate() throws {
        if entry != nil, newTopic != nil { throw ValidationError("--entry and --new-topic exclude each other") }
    }

    func run() throws {
        let label = entry.map(WorkOrderLabel.entry) ?? newTopic.map(WorkOrderLabel.newTopic)
        try queue.change { session throws(EngineError) in try session.resolve(id, at: at.time, label: label) }
    }
}

struct TicketsReopen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen", abstract: "Reopen a resolved work order.")

    @OptionGroup var queue: QueueOptions

    @Argument(help: "The work order.")
    var id: WorkOrderID

    func run() throws {
        try queue.change { session throws(EngineError) in try session.reopen(id) }
    }
}
