/// What went wrong in the store, said so that the person at the keyboard can act on it.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database file cannot be opened or used (path and SQLite's reason).
    case unavailable(path: String, reason: String)
    /// The file is not a Responder store (another application's database, or empty where one
    /// was expected); it was left untouched.
    case notAStore(path: String, reason: String)
    /// The file was written by a newer Responder (its schema version is higher than this build knows).
    case newerSchema(path: String, version: Int, known: Int)
    /// No work order has this id.
    case unknownWorkOrder(String)
    /// The action is not possible from the work order's current status; nothing was changed.
    case impossibleTransition(WorkOrderID, action: String, status: WorkOrderStatus, hint: String)
    /// No customer message was recorded in this conversation.
    case unknownConversation(String)
    /// The work order cannot be rated yet: no agent has replied to it (a work order's rating
    /// judges its human response).
    case notResponded(WorkOrderID)
    /// A value is out of its range (e.g. a rating of 6, a reply dated before its work order).
    case invalidValue(field: String, message: String)

    public var description: String {
        switch self {
        case .unavailable(let path, let reason):
            "cannot use the store \(path): \(reason)"
        case .notAStore(let path, let reason):
            "\(path) is not a responder store: \(reason)"
        case .newerSchema(let path, let version, let known):
            "\(path) has schema version \(version), newer than this responder knows (\(known)); upgrade responder"
        case .unknownWorkOrder(let id):
            "no work order \(id)"
        case .impossibleTransition(let id, let action, let status, let hint):
            "cannot \(action) \(id): it is \(status.rawValue)\(hint.isEmpty ? "" : "; \(hint)")"
        case .unknownConversation(let conversation):
            "no customer message was recorded in conversation '\(conversation)'"
        case .notResponded(let id):
            "\(id) has no agent reply yet: rate it after an agent answers"
        case .invalidValue(let field, let message):
            "\(field): \(message)"
        }
    }
}
