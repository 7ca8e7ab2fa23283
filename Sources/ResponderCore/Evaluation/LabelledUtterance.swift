import Foundation

/// One labelled example from a JSON Lines file: `{"text": ..., "intent": ... | null}`.
public struct LabelledUtterance: Sendable, Equatable {
    /// The customer's text.
    public let text: String
    /// The entry it should reach; nil when it is out of scope and should be escalated.
    public let intent: String?
    /// Its 1-based line in the file.
    public let line: Int

    /// Creates an utterance.
    public init(text: String, intent: String?, line: Int) {
        self.text = text
        self.intent = intent
        self.line = line
    }

    /// Parses one line; nil for a blank line.
    /// - Throws: `LabelledDataError` naming the line and what is wrong with it.
    public static func parse(_ line: String, number: Int) throws(LabelledDataError) -> LabelledUtterance? {
        if line.allSatisfy(\.isWhitespace) { return nil }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        } catch {
            throw LabelledDataError(line: number, message: "not valid JSON")
        }
        guard let fields = object as? [String: Any] else {
            throw LabelledDataError(line: number, message: "expected a JSON object with \"text\" and \"intent\"")
        }
        guard let text = fields["text"] as? String else {
            throw LabelledDataError(line: number, message: "\"text\" must be a string")
        }
        guard !text.allSatisfy(\.isWhitespace) else {
            throw LabelledDataError(line: number, message: "\"text\" is empty")
        }
        switch fields["intent"] {
        case nil, is NSNull:
            return LabelledUtterance(text: text, intent: nil, line: number)
        case let intent as String where !intent.isEmpty:
            return LabelledUtterance(text: text, intent: intent, line: number)
        default:
            throw LabelledDataError(line: number, message: "\"intent\" must be a non-empty string or null")
        }
    }

    /// Parses a whole JSON Lines document, collecting every bad line.
    public static func parseAll(_ document: String) -> (utterances: [LabelledUtterance], errors: [LabelledDataError]) {
        parseAll(bytes: Array(document.utf8))
    }

    /// Parses a JSON Lines file's bytes, collecting every bad line. Lines end with LF or CRLF;
    /// a line that is not valid UTF-8 is reported by number like any other bad line.
    public static func parseAll(bytes: [UInt8]) -> (utterances: [LabelledUtterance], errors: [LabelledDataError]) {
        var utterances: [LabelledUtterance] = []
        var errors: [LabelledDataError] = []
        var number = 0
        for var line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if number == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }  // byte-order mark
            guard let text = String(validating: line, as: UTF8.self) else {
                errors.append(LabelledDataError(line: number, message: "not valid UTF-8"))
                continue
            }
            do throws(LabelledDataError) {
                if let utterance = try parse(text, number: number) { utterances.append(utterance) }
            } catch {
                errors.append(error)
            }
        }
        return (utterances, errors)
    }
}

/// A line of a labelled-data file that could not be read.
public struct LabelledDataError: Error, Sendable, Equatable {
    /// 1-based line number.
    public let line: Int
    /// What is wrong with it.
    public let message: String
}
