import ResponderEngine
import ResponderStore

/// `work_order.get`: one work order, its agents' replies and its conversation's turns.
enum WorkOrderGetMethod: RPCMethod {
    static let name = "work_order.get"

    typealias Params = WorkOrderOnlyParams

    static func call(_ params: Params, in context: MethodContext) throws(EngineError) -> WorkOrderView {
        try context.session.workOrder(params.workOrder.id)
    }
}

/// `work_order.list`: work orders in queue order, filtered by group and status.
enum WorkOrderListMethod: RPCMethod {
    static let name = "work_order.list"

    struct Params: MethodParams {
        let group: NonEmptyText?
        let status: NonEmptyText?
        let limit: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case group, status, limit
        }
    }

    struct Result: Encodable {
        let workOrders: [WorkOrderView]

        enum CodingKeys: String, CodingKey {
            case workOrders = "work_orders"
        }
    }

    static func call(_ params: Params, in context: MethodContext) throws(EngineError) -> Result {
        let selection = try params.status.map { (name) throws(EngineError) -> WorkOrderSelection in
            guard let selection = WorkOrderSelection(name: name.value) else {
                throw EngineError.invalidArgument(
                    field: "status",
                    problem: "expected one of \(WorkOrderSelection.names.joined(separator: ", ")), got '\(name.value)'")
            }
            return selection
        }
        let limit = try params.limit?.checked("limit", in: 1...1_000_000)
        return Result(
            workOrders: try context.session.workOrders(selection ?? .all, group: params.group?.value, limit: limit))
    }
}

/// `work_order.assign`: gives a work order to an agent.
enum WorkOrderAssignMethod: RPCMethod {
    static let name = "work_order.assign"

    struct Params: MethodParams {
        let workOrder: WorkOrderParam
        let agent: NonEmptyText

        enum CodingKeys: String, CodingKey, CaseIterable {
            case workOrder = "work_order"
            case agent
        }
    }

    static func call(_ params: Params, in context: MethodContext) throws(EngineError) -> WorkOrderView {
        try context.session.assign(params.workOrder.id, to: params.agent.value)
    }
}

/// `agent.reply`: an agent's reply to a work order; the first is its first response.
enum AgentReplyMethod: RPCMethod {
    static let name = "agent.reply"

    struct Params: MethodParams {
        let workOrder: WorkOrderParam
        let agent: NonEmptyText
        let text: NonEmptyText
        let at: TimeParam?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case workOrder = "work_order"
            case agent, text, at
        }
    }

    static func call(_ params: Params, in context: MethodContext) throws(EngineError) -> WorkOrderView {
        try context.session.reply(
            to: params.workOrder.id, agent: params.agent.value, text: params.text.value, at: params.at?.date)
    }
}

/// `work_order.resolve`: marks a responded work order resolved, with the agent's label if given.
enum WorkOrderResolveMethod: RPCMethod {
    static let name = "work_order.resolve"

    struct Params: MethodParams {
        let workOrder: WorkOrderParam
        let at: TimeParam?
        let entry: NonEmptyText?
        let newTopic: NonEmptyText?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case workOrder = "work_order"
            case at, entry
            case newTopic = "new_topic"
        }
    }

    static func call(_ params: Params, in context: MethodContext) throws(EngineError) -> WorkOrderView {
        if params.entry != nil, params.newTopic != nil {
            throw EngineError.invalidArgument(field: "new_topic", problem: "entry and new_topic exclude each other")
        }
        let label =
            params.entry.map { WorkOrderLabel.entry($0.value) }
            ?? params.newTopic.map {
                WorkOrderLabel.newTopic($0.value)
            }
        return try context.session.resolve(params.workOrder.id, at: params.at?.date, label: label)
    }
}

/// `work_order.reopen`: reopens a resolved work order.
enum WorkOrderReopenMethod: RPCMethod {
    static let name = "work_order.reopen"

    typealias Params = WorkOrderOnlyParams

    static func call(_ params: Params, in context: MethodContext) throws(EngineError) -> WorkOrderView {
        try context.session.reopen(params.workOrder.id)
    }
}

/// The params of a method that takes only a work order.
struct WorkOrderOnlyParams: MethodParams {
    let workOrder: WorkOrderParam

    enum CodingKeys: String, CodingKey, CaseIterable {
        case workOrder = "work_order"
    }
}
