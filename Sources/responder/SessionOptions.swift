import ArgumentParser
import Foundation
import Logging
import ResponderCore
import ResponderEngine
import ResponderStore

/// Everything a command needs to open an engine session: the knowledge base and the store.
struct SessionOptions: ParsableArguments {
    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @OptionGroup var store: StoreOptions

    /// A session over the base loaded for use (refused with lint's diagnostics when it has
    /// errors), recording into the store unless `recording` is false.
    func open(
        recording: Bool = true, overrides: EngineSession.PolicyOverrides = .init(), logger: Logger = .cli
    ) throws -> EngineSession {
        let base = try knowledgeBase.load()
        let store = recording ? try self.store.open(settings: base.settings) : nil
        let session = EngineSession.cli(base: base, store: store, overrides: overrides, logger: logger)
        // Trained (or read from the cache) before the first message is read, so that its
        // response time is the engine's, not the training's.
        session.prepare()
        return session
    }

    /// A session for working the queue and reporting: the base only for its settings and groups
    /// (defaults, with a warning, when it cannot be used), an existing store.
    func openQueue() throws -> EngineSession {
        let base = knowledgeBase.loadIfAvailable()
        let store = try self.store.open(settings: base.settings, mustExist: true)
        return EngineSession.cli(base: base, store: store)
    }
}

extension EngineSession {
    /// A session as the commands use it: the model cache at its usual place, keyed by this
    /// build's version, and the process's logger.
    static func cli(
        base: KnowledgeBase, store: Store?, overrides: PolicyOverrides = .init(), logger: Logger = .cli
    ) -> EngineSession {
        EngineSession(
            base: base, directory: base.directory, store: store,
            cache: .cli, logger: logger, overrides: overrides)
    }
}

extension Logger {
    /// The commands' logger: errors only on stderr (the commands say what went wrong themselves;
    /// `serve --log-level` chooses its own level).
    static var cli: Logger {
        var logger = Logger(label: "responder") { _ in StandardErrorLogHandler(level: .error) }
        logger.logLevel = .error
        return logger
    }
}
