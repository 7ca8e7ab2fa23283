import Foundation
import ResponderCore

@testable import ResponderStore

/// A store in a fresh temporary folder, removed with the folder when the test ends.
final class TemporaryStore {
    let folder: URL
    let store: Store

    init(redactor: Redactor? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("responder-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store(path: folder.appendingPathComponent("test.sqlite").path, redactor: redactor)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// `2026-11-23T10:00:00Z` as a date.
func at(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad test time \(text)") }
    return date
}

/// A handled message with the fields tests vary; escalated when `group` is set.
func message(
    _ conversation: String, at time: String, latencyMs: Int = 5, decision: Decision = .escalate,
    group: String? = nil, due: String? = nil, channel: String = "chat", text: String = "help", test: Bool = false,
    key: String? = nil
) -> HandledMessage {
    let escalation = group.map {
        Escalation(
            routing: Routing(
                group: $0, priority: .normal, reason: decision == .answer ? .entryEscalation : .groupRules),
            slaDue: due.map(at))
    }
    return HandledMessage(
        conversation: conversation, channel: channel, text: text, locale: "en", receivedAt: at(time),
        latencyMicroseconds: latencyMs * 1000, decision: decision, intent: "some-intent", confidence: 0.4,
        candidates: [CandidateScore(intent: "some-intent", confidence: 0.4)], knowledgeBaseVersion: "v1",
        isTest: test, messageKey: key, escalation: escalation)
}

/// The engine over a small knowledge base written into `folder`, whose twin entries make
/// "refund my order" a clarify offering both.
func clarifyingTriage(in folder: URL) throws -> Triage {
    let base = folder.appendingPathComponent("kb")
    let files = [
        "settings.yaml": "locales: [en]\nanswer_threshold: 0.1\nambiguity_margin: 0.2\n",
        "faq/twins.yaml": """
        entries:
          - id: refund-card
            answer: Card refunds take 5 days.
            questions: [refund my order]
          - id: refund-wallet
            answer: Wallet refunds are instant.
            questions: [refund my order]
          - id: opening-hours
            answer: We open at nine.
            questions: [when do you open]
        """,
    ]
    for (name, contents) in files {
        let url = base.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }
    return Triage(responder: AutoResponder(base: try KnowledgeBaseLoader.load(directory: base.path).requireValid()))
}

/// `identifier` pseudonymised as stores did before HMAC pseudonyms: each piece of personal data
/// replaced by the top 32 bits of its canonical spelling's SipHash-2-4 under the store's 16-byte
/// key, in eight hex digits.
func legacyPseudonymised(_ identifier: String, key: [UInt8]) -> String {
    let hasher = SipHash(key: key)
    var result = ""
    var position = identifier.startIndex
    for finding in Redactor().findings(in: identifier) {
        result += identifier[position..<finding.range.lowerBound]
        let value = Store.canonical(identifier[finding.range], kind: finding.kind)
        let digest = String(hasher.hash(Array(value.utf8)) >> 32, radix: 16)
        result += "[\(finding.kind.rawValue):" + String(repeating: "0", count: 8 - digest.count) + digest + "]"
        position = finding.range.upperBound
    }
    return result + identifier[position...]
}
