import Foundation
import ResponderCore
import ResponderEngine
import Testing

/// A knowledge base written to a fresh folder, and a fresh cache root beside it.
private struct Workspace {
    let folder: URL
    var base: URL { folder.appendingPathComponent("kb") }
    var cacheRoot: URL { folder.appendingPathComponent("cache") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("model-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: base.appendingPathComponent("faq"), withIntermediateDirectories: true)
        try write("settings.yaml", "locales: [en]\n")
        try write("faq/shop.yaml", Self.faq(extraQuestion: "where has my parcel gone"))
    }

    /// Eight entries of eight questions: enough for the base to learn its own calibrator.
    static func faq(extraQuestion: String) -> String {
        let topics = [
            ("order-status", ["where is my order", "track my order", "when will my order arrive", extraQuestion]),
            ("refund", ["I want a refund", "refund my money", "how long does a refund take", "money back please"]),
            ("password", ["I forgot my password", "reset my password", "cannot log in", "change my password"]),
            ("invoice", ["send me an invoice", "I need a receipt", "invoice for my order", "VAT invoice"]),
            ("cancel", ["cancel my order", "stop my order", "I want to cancel", "cancel the purchase"]),
            ("address", ["change my address", "wrong delivery address", "update shipping address", "new address"]),
            ("coupon", ["my coupon does not work", "discount code", "apply a voucher", "promo code invalid"]),
            ("hours", ["when are you open", "opening hours", "are you open on sunday", "what time do you close"]),
        ]
        return "entries:\n"
            + topics.map { id, questions in
                let all = questions + questions.map { "please, \($0)" }
                return "  - id: \(id)\n    answer: About \(id).\n    questions: [\(all.joined(separator: ", "))]\n"
            }.joined()
    }

    func write(_ path: String, _ text: String) throws {
        try text.write(to: base.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    func load() throws -> KnowledgeBase { try KnowledgeBaseLoader.load(directory: base.path).requireValid() }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

@Suite("Model cache")
struct ModelCacheTests {
    static let messages = ["where is my order", "refund please", "I forgot my password", "qwerty asdf"]

    /// The ranking and confidences of `matcher` for every test message.
    private func answers(_ matcher: Matcher) -> [[String]] {
        Self.messages.map { message in
            matcher.match(message).candidates.map { "\($0.intent) \($0.confidence) \($0.score)" }
        }
    }

    @Test func anUnchangedBaseIsReadBackAndMatchesLikeAFreshlyTrainedOne() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let cache = ModelCache(root: workspace.cacheRoot, engineVersion: "test")
        let base = try workspace.load()
        let (trained, first) = cache.matcher(for: base)
        #expect(first == .trained(stored: true))
        let folder = try #require(cache.folder(for: base))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("model.bin").path))
        let (cached, second) = cache.matcher(for: try workspace.load())
        #expect(second == .hit)
        #expect(answers(cached) == answers(trained))
        #expect(trained.calibrator.origin == .trained, "the base learns its own calibrator")
        #expect(cached.calibrator == trained.calibrator)
    }

    @Test func aChangedBaseIsRetrainedInTheSameFolder() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let cache = ModelCache(root: workspace.cacheRoot, engineVersion: "test")
        _ = cache.matcher(for: try workspace.load())
        try workspace.write("faq/shop.yaml", Workspace.faq(extraQuestion: "my package is late"))
        let changed = try workspace.load()
        let (matcher, outcome) = cache.matcher(for: changed)
        guard case .replaced(let reason, stored: true) = outcome else {
            Issue.record("expected a replaced model, got \(outcome)")
            return
        }
        #expect(reason.contains("another base"))
        #expect(answers(matcher) == answers(Matcher(base: changed)))
        #expect(cache.matcher(for: changed).1 == .hit)
        let root = try FileManager.default.contentsOfDirectory(atPath: workspace.cacheRoot.path)
        #expect(root.count == 1, "one folder per base: \(root)")
    }

    @Test func anotherEngineVersionRetrains() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let base = try workspace.load()
        _ = ModelCache(root: workspace.cacheRoot, engineVersion: "1.0").matcher(for: base)
        let (_, outcome) = ModelCache(root: workspace.cacheRoot, engineVersion: "1.1").matcher(for: base)
        guard case .replaced = outcome else {
            Issue.record("expected a replaced model, got \(outcome)")
            return
        }
    }

    /// Every way a file can be damaged is caught and the model retrained, never trusted.
    @Test(arguments: ["flip", "truncate", "empty", "garbage", "append"])
    func aDamagedFileIsIgnoredAndReplaced(damage: String) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let cache = ModelCache(root: workspace.cacheRoot, engineVersion: "test")
        let base = try workspace.load()
        let (trained, _) = cache.matcher(for: base)
        let file = try #require(cache.folder(for: base)).appendingPathComponent("model.bin")
        var bytes = [UInt8](try Data(contentsOf: file))
        switch damage {
        case "flip": bytes[bytes.count / 2] ^= 0x40
        case "truncate": bytes.removeLast(bytes.count / 3)
        case "empty": bytes = []
        case "garbage": bytes = (0..<bytes.count).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        default: bytes += [1, 2, 3]
        }
        try Data(bytes).write(to: file)
        let (matcher, outcome) = cache.matcher(for: base)
        #expect(outcome != .hit)
        #expect(answers(matcher) == answers(trained))
        #expect(cache.matcher(for: base).1 == .hit, "the damaged file was replaced")
    }

    @Test func withCachingOffOrAnUnwritableRootItStillTrains() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let base = try workspace.load()
        #expect(ModelCache(root: nil, engineVersion: "test").matcher(for: base).1 == .trained(stored: false))
        try "a file, not a folder".write(to: workspace.cacheRoot, atomically: true, encoding: .utf8)
        let blocked = ModelCache(root: workspace.cacheRoot, engineVersion: "test")
        let (matcher, outcome) = blocked.matcher(for: base)
        #expect(outcome == .trained(stored: false))
        #expect(answers(matcher) == answers(Matcher(base: base)))
    }

    @Test func theRootFollowsTheEnvironment() {
        let explicit = ModelCache.standard(
            engineVersion: "v", environment: ["RESPONDER_CACHE_DIR": "/c", "HOME": "/h"])
        #expect(explicit.root?.path == "/c")
        #expect(ModelCache.standard(engineVersion: "v", environment: ["RESPONDER_CACHE_DIR": ""]).root == nil)
        let xdg = ModelCache.standard(engineVersion: "v", environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"])
        #expect(xdg.root?.path == "/x/responder")
        #expect(
            ModelCache.standard(engineVersion: "v", environment: ["HOME": "/h"]).root?.path == "/h/.cache/responder")
        #expect(ModelCache.standard(engineVersion: "v", environment: [:]).root == nil)
    }
}
