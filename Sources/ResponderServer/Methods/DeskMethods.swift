import ResponderEngine
import ResponderStore

/// `feedback.rate`: a CSAT score for a conversation or a work order.
enum FeedbackRateMethod: RPCMethod {
    static let name = "feedback.rate"

    struct Params: MethodParams {
        let conversation: NonEmptyText?
        let workOrder: WorkOrderParam?
        let score: Int?
        let comment: NonEmptyText?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case conversation
            case workOrder = "work_order"
            case score, comment
        }
    }

    static func call(_ params: Params, in context: MethodContext) throws(EngineError) -> RatingOutcome {
        let target: RatingTarget
        switch (params.conversation, params.workOrder) {
        case (let conversation?, nil): target = .conversation(conversation.value)
        case (nil, let workOrder?): target = .workOrder(workOrder.id)
        default:
            throw EngineError.invalidArgument(
                field: "", problem: "give exactly one of 'conversation' and 'work_order'")
        }
        guard let score = params.score else {
            throw EngineError.invalidArgument(field: "score", problem: "required, expected an integer from 1 to 5")
        }
        return try context.session.rate(
            target, score: score.checked("score", in: 1...5), comment: params.comment?.value)
    }
}

/// `kb.reload`: loads the knowledge base again; one with errors is refused and the last good kept.
enum KnowledgeBaseReloadMethod: RPCMethod {
    static let name = "kb.reload"
    typealias Params = NoParams

    static func call(_ params: Params, in context: MethodContext) throws(EngineError) -> ReloadOutcome {
        try context.session.reload()
    }
}

/// `report`: the support lead's figures for a period.
enum ReportMethod: RPCMethod {
    static let name = "report"

    struct Params: MethodParams {
        let from: NonEmptyText?
        let to: NonEmptyText?
        let by: NonEmptyText?
        let buckets: NonEmptyText?
        let showAgents: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case from, to, by, buckets
            case showAgents = "show_agents"
        }
    }

    static func call(_ params: Params, in context: MethodContext) throws(EngineError) -> ReportView {
        let granularity = try params.by.map { (name) throws(EngineError) -> Dashboard.Granularity in
            guard let granularity = Dashboard.Granularity(rawValue: name.value) else {
                throw EngineError.invalidArgument(field: "by", problem: "expected day or week, got '\(name.value)'")
            }
            return granularity
        }
        let bounds = try params.buckets.map { (text) throws(EngineError) -> [Int] in
            guard let bounds = ReportOptions.bucketBounds(parsing: text.value) else {
                throw EngineError.invalidArgument(
                    field: "buckets", problem: "expected ascending durations such as 1m,5m, got '\(text.value)'")
            }
            return bounds
        }
        return try context.session.dashboard(
            from: params.from?.value, to: params.to?.value, by: granularity ?? .day, bucketBounds: bounds,
            showAgents: params.showAgents ?? false)
    }
}
