import Foundation
import JSONRPC
import ResponderCore
import ResponderEngine
import ResponderStore

/// One method of the protocol: its name, its parameters (decoded from the request's named
/// params) and its result (encoded as the response's `result`).
///
/// Adding a method is one type conforming to this, one line in `MethodRegistry.methods`, and
/// its section in docs/protocol.md (a test checks that every registered method and parameter
/// is documented there).
protocol RPCMethod: Sendable {
    /// The parameters; an empty object, or none at all, decodes as all members missing.
    associatedtype Params: MethodParams
    /// What the call returns.
    associatedtype Result: Encodable

    /// The method's name on the wire, e.g. `work_order.get`.
    static var name: String { get }

    /// Handles a call.
    static func call(_ params: Params, in context: MethodContext) throws(EngineError) -> Result
}

/// A method's parameters: decodable, with the list of their names (the `CodingKeys`), so that a
/// misspelt parameter is refused rather than ignored.
protocol MethodParams: Decodable {
    /// The parameters' names.
    associatedtype CodingKeys: CodingKey & CaseIterable
    /// True when the method takes any params at all, unchecked (`initialize`: clients describe
    /// themselves in their own shape).
    static var acceptsAnything: Bool { get }
}

extension MethodParams {
    static var acceptsAnything: Bool { false }

    /// The names of the parameters, in declaration order.
    static var names: [String] { CodingKeys.allCases.map(\.stringValue) }
}

/// What a call has besides its parameters.
struct MethodContext {
    /// The engine.
    let session: EngineSession
    /// When the server read the request line (the bot's response time counts from here).
    let receivedAt: ContinuousClock.Instant
    /// The server's version.
    let serverVersion: String
}

/// No parameters.
struct NoParams: MethodParams {
    enum CodingKeys: CodingKey, CaseIterable {}
}

// MARK: - Parameter values

/// A string that is not empty or blank.
struct NonEmptyText: Decodable, JSONDescribedType {
    static let jsonDescription = "a non-empty string"
    let value: String

    init(from decoder: any Decoder) throws {
        let text: String
        do {
            text = try decoder.singleValueContainer().decode(String.self)
        } catch let error as JSONDecodingError {
            // Not a string at all: say what is expected here, not just "a string".
            throw JSONDecodingError(
                path: error.path,
                problem: error.problem.replacingOccurrences(of: "a string", with: "a non-empty string"))
        }
        guard !text.allSatisfy(\.isWhitespace) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected a non-empty string, got \"\(text)\""))
        }
        value = text
    }
}

/// A work-order id: `WO-000042`, `wo-42` or `42`.
struct WorkOrderParam: Decodable, JSONDescribedType {
    static let jsonDescription = "an id such as WO-000042"
    let id: WorkOrderID

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = WorkOrderID(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath, debugDescription: "expected an id such as WO-000042, got '\(text)'")
            )
        }
        self.id = id
    }
}

/// An instant: ISO 8601 with an offset or `Z`.
struct TimeParam: Decodable, JSONDescribedType {
    static let jsonDescription = "an ISO 8601 time with an offset"
    let date: Date

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = Timestamp.parse(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected an ISO 8601 time with an offset, got '\(text)'"))
        }
        self.date = date
    }
}

/// Integer parameters whose range the method checks (`score` 1-5, `limit`).
extension Int {
    /// `self` when within `range`; else the invalid-params error naming `field`.
    func checked(_ field: String, in range: ClosedRange<Int>) throws(EngineError) -> Int {
        guard range.contains(self) else {
            throw EngineError.invalidArgument(
                field: field,
                problem: "expected an integer from \(range.lowerBound) to \(range.upperBound), got \(self)")
        }
        return self
    }
}
