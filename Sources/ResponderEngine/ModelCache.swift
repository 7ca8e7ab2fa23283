import Foundation
import ResponderCore

/// Trained matchers kept on disk, so that an unchanged knowledge base loads without training.
///
/// Each base has one folder under the cache root, named after the base's folder and a hash of its
/// absolute path, holding one file: the trained model (index weights and confidence calibrator).
/// The file records its key (the engine's version, the model format, the hash of the base's
/// files and the model settings) and ends in a checksum; a file whose key differs, or that is
/// damaged or cut short, is ignored and replaced by a freshly trained model, never trusted.
/// Files are written whole (to a temporary name, then renamed), so a reader never sees half of one.
///
/// The root is `$RESPONDER_CACHE_DIR` when set (empty turns caching off), else
/// `$XDG_CACHE_HOME/responder`, else `~/.cache/responder`.
public struct ModelCache: Sendable {
    /// Where the cache folders are; nil when caching is off.
    public let root: URL?
    /// The engine's version, part of every key: a new engine never reads an old engine's model.
    public let engineVersion: String

    /// What happened when a matcher was asked for.
    public enum Outcome: Sendable, Equatable {
        /// Read from the cache.
        case hit
        /// Trained: nothing was cached (or caching is off). `stored` says whether it is cached now.
        case trained(stored: Bool)
        /// Trained again: the cached model was stale or damaged (`reason`).
        case replaced(reason: String, stored: Bool)
    }

    /// A cache under `root` (nil: off).
    public init(root: URL?, engineVersion: String) {
        self.root = root
        self.engineVersion = engineVersion
    }

    /// The cache at its usual place for this environment (see the type's documentation).
    public static func standard(
        engineVersion: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ModelCache {
        let root: URL?
        if let explicit = environment["RESPONDER_CACHE_DIR"] {
            root = explicit.isEmpty ? nil : URL(fileURLWithPath: explicit, isDirectory: true)
        } else if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            root = URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("responder")
        } else if let home = environment["HOME"], !home.isEmpty {
            root = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".cache/responder")
        } else {
            root = nil
        }
        return ModelCache(root: root, engineVersion: engineVersion)
    }

    /// The folder that holds `base`'s trained model; nil when caching is off.
    public func folder(for base: KnowledgeBase) -> URL? {
        guard let root else { return nil }
        let path = URL(fileURLWithPath: base.directory).standardizedFileURL.resolvingSymlinksInPath().path
        let hash = SipHash(k0: 0x6361_6368_6521_2121, k1: 0x666f_6c64_6572_2121).hash(Array(path.utf8))
        let name = URL(fileURLWithPath: path).lastPathComponent.filter { $0.isLetter || $0.isNumber || $0 == "-" }
        return root.appendingPathComponent("\(name.prefix(40))-\(String(hash, radix: 16))", isDirectory: true)
    }

    /// The matcher for `base`: the cached one when it is there and up to date, else a freshly
    /// trained one, which is then cached (a cache that cannot be written is skipped silently).
    public func matcher(for base: KnowledgeBase, options: MatcherOptions = .standard) -> (Matcher, Outcome) {
        guard let folder = folder(for: base) else {
            return (Matcher(base: base, options: options), .trained(stored: false))
        }
        let file = folder.appendingPathComponent("model.bin")
        let key = "engine \(engineVersion), \(Matcher.modelKey(base: base, options: options))"
        var stale: String? = nil
        if let data = FileManager.default.contents(atPath: file.path) {
            do {
                return (try Matcher(base: base, options: options, trainedModel: [UInt8](data), key: key), .hit)
            } catch {
                stale = error.reason
            }
        }
        let matcher = Matcher(base: base, options: options)
        let stored = store(matcher.trainedModel(key: key), in: folder, file: file)
        return (matcher, stale.map { .replaced(reason: $0, stored: stored) } ?? .trained(stored: stored))
    }

    /// Writes `bytes` to `file` whole: a temporary file in the same folder, then a rename.
    private func store(_ bytes: [UInt8], in folder: URL, file: URL) -> Bool {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent("model.bin.\(UUID().uuidString).tmp")
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, file.path) != 0 {
                try? manager.removeItem(at: temporary)
                return false
            }
            return true
        } catch {
            return false
        }
    }
}
