import Foundation
import Logging
import ResponderCore
import ResponderStore

/// The engine behind every entrance: `ask`, the REPL, `tickets`, `report` and `serve` only
/// parse their input and format what a session returns.
///
/// A session owns the loaded knowledge base (a failed reload keeps the last good one), the
/// triage built from it (trained on first use, through the model cache), the store, idempotent
/// retries and the clock. Its outcomes are typed and `Encodable`: `--json` output and protocol
/// results are the same values. Not thread-safe: one entrance drives it from one thread.
public final class EngineSession {
    /// Decision settings that override the base's (`ask --threshold`, `--margin`).
    public struct PolicyOverrides: Sendable {
        /// Answer at or above this confidence.
        public var threshold: Double?
        /// Clarify when the runner-up is within this share of the best.
        public var margin: Double?

        /// Overrides; nil keeps the base's setting.
        public init(threshold: Double? = nil, margin: Double? = nil) {
            self.threshold = threshold
            self.margin = margin
        }
    }

    /// The folder the base is (re)loaded from.
    public let directory: String
    /// The knowledge base in use.
    public private(set) var base: KnowledgeBase
    /// The store; nil when nothing is recorded (a dry run).
    public let store: Store?
    /// Where the time of day comes from.
    public let clock: EngineClock
    /// Where the session logs (model cache outcomes, reloads).
    public let logger: Logger
    private let cache: ModelCache
    private let overrides: PolicyOverrides
    private var builtTriage: Triage?

    /// A session over `base` (loaded from `directory`), recording into `store`.
    ///
    /// - Parameters:
    ///   - cache: where trained models are kept between runs.
    ///   - clock: the time of day for received times, default event times and SLA due times.
    ///   - overrides: decision settings that replace the base's.
    public init(
        base: KnowledgeBase, directory: String, store: Store?, cache: ModelCache, clock: EngineClock = .system,
        logger: Logger = Logger(label: "responder"), overrides: PolicyOverrides = PolicyOverrides()
    ) {
        self.base = base
        self.directory = directory
        self.store = store
        self.cache = cache
        self.clock = clock
        self.logger = logger
        self.overrides = overrides
    }

    /// The desk's time zone, in which every time is printed and report days are counted.
    public var timeZone: TimeZone { base.settings.timeZone }

    /// The base in brief.
    public var summary: KnowledgeBaseSummary {
        KnowledgeBaseSummary(version: base.version, entries: base.entries.count, locales: base.settings.locales)
    }

    /// Matching, routing and SLA scheduling for the base, trained (or read from the cache) on first use.
    public var triage: Triage {
        if let builtTriage { return builtTriage }
        let triage = Triage(responder: responder(for: base))
        builtTriage = triage
        return triage
    }

    /// Trains the matcher (or reads it from the cache) now rather than on the first message, so
    /// that the first customer does not wait for it.
    public func prepare() {
        _ = triage
    }

    func responder(for base: KnowledgeBase) -> AutoResponder {
        let (matcher, outcome) = cache.matcher(for: base)
        switch outcome {
        case .hit: logger.debug("trained model read from the cache")
        case .trained(let stored): logger.debug("model trained", metadata: ["cached": "\(stored)"])
        case .replaced(let reason, let stored):
            logger.info(
                "cached model not used; trained again", metadata: ["reason": "\(reason)", "cached": "\(stored)"])
        }
        let policy = DecisionPolicy(
            threshold: overrides.threshold ?? base.settings.answerThreshold,
            margin: overrides.margin ?? base.settings.ambiguityMargin)
        return AutoResponder(matcher: matcher, policy: policy)
    }

    /// Loads the base in `directory` for use: refused, with every diagnostic, when the loader or
    /// lint finds an error in it. The warnings come back with the base.
    public static func loadBase(directory: String) throws(EngineError) -> (base: KnowledgeBase, warnings: [Diagnostic])
    {
        let result: LoadResult
        do {
            result = try KnowledgeBaseLoader.loadForUse(directory: directory)
        } catch {
            throw EngineError.knowledgeBase(message: error.description, servingVersion: nil, diagnostics: [])
        }
        do {
            return (try result.requireValid(), result.diagnostics)
        } catch {
            throw EngineError.knowledgeBase(
                message: error.description, servingVersion: nil,
                diagnostics: result.diagnostics.filter { $0.severity == .error })
        }
    }

    /// Loads the base again from its folder and uses it from now on. A base with errors is
    /// refused and the current one kept: the error says which version still answers.
    @discardableResult
    public func reload() throws(EngineError) -> ReloadOutcome {
        let previous = base.version
        let loaded: (base: KnowledgeBase, warnings: [Diagnostic])
        do {
            loaded = try Self.loadBase(directory: directory)
        } catch {
            guard case .knowledgeBase(let message, _, let diagnostics) = error else { throw error }
            let errors = diagnostics.count
            let summary =
                errors > 0 ? "the knowledge base has \(errors) error\(errors == 1 ? "" : "s")" : message
            logger.warning(
                "reload refused; still serving the previous version",
                metadata: ["directory": "\(directory)", "errors": "\(errors)", "serving": "\(previous)"])
            throw EngineError.knowledgeBase(
                message: "\(summary); still serving version \(previous)", servingVersion: previous,
                diagnostics: diagnostics)
        }
        builtTriage = Triage(responder: responder(for: loaded.base))
        base = loaded.base
        logger.info(
            "knowledge base reloaded", metadata: ["entries": "\(base.entries.count)", "version": "\(base.version)"])
        return ReloadOutcome(
            version: base.version, previousVersion: previous, entries: base.entries.count,
            diagnostics: loaded.warnings)
    }

    /// Runs `work` as one unit of the store: one transaction, committed durably before this
    /// returns (the server handles every request read together this way).
    public func batch(_ work: () -> Void) throws(EngineError) {
        guard let store else { return work() }
        try storeCall { () throws(StoreError) in try store.batch(work) }
    }

    /// Runs `body` on the store, its errors the engine's; an error saying that this session
    /// records nothing when it has no store.
    func withStore<T>(_ body: (Store) throws(StoreError) -> T) throws(EngineError) -> T {
        guard let store else { throw EngineError.noStore("nothing is recorded in this session (no store)") }
        return try storeCall { () throws(StoreError) in try body(store) }
    }

    /// `at` as an event time: now when nil; refused when more than five minutes in the future.
    func eventTime(_ at: Date?, field: String = "at") throws(EngineError) -> Date {
        let now = clock.now()
        guard let at else { return now }
        if at.timeIntervalSince(now) > 300 {
            throw EngineError.invalidArgument(
                field: field, problem: "\(Timestamp.format(at, in: timeZone)) is in the future")
        }
        return at
    }
}
