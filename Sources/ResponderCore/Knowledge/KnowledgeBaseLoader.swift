import Foundation

/// Reads a knowledge-base folder: `settings.yaml`, `groups.yaml` and `faq/**/*.yaml`.
public enum KnowledgeBaseLoader {
    /// Loads the base in `directory` to be used (answering, evaluating, serving): the loader's
    /// diagnostics plus every error of the lint-only checks that can find errors (patterns that
    /// match the empty string or backtrack catastrophically, questions shared between entries),
    /// so that `requireValid()` refuses a base that `responder lint` reports errors in, with the
    /// same diagnostics. The checks that find warnings only (conflicts, thin entries, ...) do not run.
    ///
    /// Every command that uses a base (`ask`, `eval`, `serve`, the REPL's `:reload`) loads it this
    /// way; `responder lint` uses `load(directory:)` and `Linter.lint(_:)`.
    /// - Throws: `KnowledgeBaseError` `.notADirectory` when the folder does not exist.
    public static func loadForUse(directory: String) throws(KnowledgeBaseError) -> LoadResult {
        try load(directory: directory).checkedForUse()
    }

    /// Loads the base in `directory`, collecting every problem in one pass.
    /// - Throws: `KnowledgeBaseError` `.notADirectory` when the folder does not exist.
    public static func load(directory: String) throws(KnowledgeBaseError) -> LoadResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw KnowledgeBaseError(.notADirectory, path: directory)
        }
        let root = displayPath(directory)
        var diagnostics: [Diagnostic] = []
        var hasher = ContentHasher()
        // A folder that cannot be listed would look empty: say why instead.
        if let reason = unreadableFolder(root) {
            diagnostics.append(Diagnostic(.unreadableFile, at: .file(root), "cannot read the folder: \(reason)"))
        }

        let settingsFile = join(root, "settings.yaml")
        var settings = Settings.defaults
        var settingsLoaded = true
        if let text = readFile(settingsFile, root: root, into: &diagnostics, hasher: &hasher) {
            let reader = YAMLReader(file: settingsFile)
            if let parsed = parseSettings(text, reader: reader) {
                settings = parsed
            } else {
                settings.rejectedKeys = Set(settingsKeys)  // none of them could be read
            }
            settingsLoaded = !reader.diagnostics.containsErrors
            diagnostics += reader.sortedDiagnostics
        } else if FileManager.default.fileExists(atPath: settingsFile) {
            settingsLoaded = false
            settings.rejectedKeys = Set(settingsKeys)
        }

        let groupsFile = join(root, "groups.yaml")
        var groups = GroupsConfig.fallback(file: groupsFile)
        var groupsLoaded = true
        if let text = readFile(groupsFile, root: root, into: &diagnostics, hasher: &hasher) {
            let reader = YAMLReader(file: groupsFile)
            if let parsed = parseGroups(text, reader: reader) { groups = parsed }
            groupsLoaded = !reader.diagnostics.containsErrors
            diagnostics += reader.sortedDiagnostics
        } else if FileManager.default.fileExists(atPath: groupsFile) {
            groupsLoaded = false
        }
        let references = References(
            settings: settings, locales: settingsLoaded ? settings.locales : nil,
            groups: groupsLoaded ? groups.groups.map(\.id) : nil)

        // Read in order (the version hashes files in path order), parse in parallel, then check
        // ids across files in order, so that results never depend on timing.
        let faqFiles = findFAQFiles(root: root, into: &diagnostics)
        var texts: [(file: String, text: String)] = []
        for file in faqFiles {
            if let text = readFile(file, root: root, into: &diagnostics, hasher: &hasher, required: true) {
                texts.append((file, text))
            }
        }
        let parsed = texts.concurrentMap { file, text in
            let reader = YAMLReader(file: file)
            let entries = parseFAQFile(text, reader: reader, references: references)
            return (entries: entries, diagnostics: reader.diagnostics)
        }
        var entries: [FAQEntry] = []
        var firstDefinition: [String: SourceLocation] = [:]
        for result in parsed {
            var fileDiagnostics = result.diagnostics
            for entry in result.entries {
                if let first = firstDefinition[entry.id] {
                    fileDiagnostics.append(
                        Diagnostic(
                            .duplicateID, at: entry.location,
                            "entry id '\(entry.id)' is already used at \(first)"))
                    continue
                }
                firstDefinition[entry.id] = entry.location
                entries.append(entry)
            }
            diagnostics += fileDiagnostics.sortedByLocation()
        }
        if entries.count > TermIndex.maximumEntries {
            diagnostics.append(
                Diagnostic(
                    .tooManyEntries, at: .file(join(root, "faq")),
                    "\(entries.count) entries; a knowledge base holds at most \(TermIndex.maximumEntries)"))
        }
        if entries.isEmpty, !diagnostics.containsErrors {
            let message =
                faqFiles.isEmpty
                ? "no FAQ entries: add YAML files with `entries:` under faq/"
                : "no FAQ entries in the \(faqFiles.count) file\(faqFiles.count == 1 ? "" : "s") under faq/"
            diagnostics.append(Diagnostic(.noEntries, at: .file(join(root, "faq")), message))
        }
        let base = KnowledgeBase(
            directory: root, settings: settings, groups: groups, entries: entries, version: hasher.hex)
        return LoadResult(base: base, diagnostics: diagnostics)
    }

    /// Reads a file of the base, adding its path relative to the base's folder and its bytes to
    /// the version: the same files give the same version wherever the folder is.
    private static func readFile(
        _ path: String, root: String, into diagnostics: inout [Diagnostic], hasher: inout ContentHasher,
        required: Bool = false
    ) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            if required || FileManager.default.fileExists(atPath: path) {
                diagnostics.append(Diagnostic(.unreadableFile, at: .file(path), "cannot read the file"))
            }
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(Diagnostic(.yamlSyntax, at: .file(path), "the file is not valid UTF-8"))
            return nil
        }
        hasher.add(path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path)
        hasher.add(data)
        return text
    }

    /// Every `.yaml`/`.yml` file below `root/faq`, sorted by path. A folder below it that cannot
    /// be read is reported (its entries would silently be missing); a symbolic link to a folder
    /// is not followed (it could loop).
    private static func findFAQFiles(root: String, into diagnostics: inout [Diagnostic]) -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let faq = join(root, "faq")
        guard manager.fileExists(atPath: faq, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        var files: [String] = []
        var folders = [faq]
        while let folder = folders.popLast() {
            if let reason = unreadableFolder(folder) {
                diagnostics.append(Diagnostic(.unreadableFile, at: .file(folder), "cannot read the folder: \(reason)"))
                continue
            }
            for name in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] {
                let path = join(folder, name)
                let type = (try? manager.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
                if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    files.append(path)  // a folder named so is reported as a file that cannot be read
                } else if type == .typeDirectory {
                    folders.append(path)
                }
            }
        }
        return files.sorted()
    }

    /// Why the folder at `path` cannot be listed ("Permission denied"), or nil when it can.
    private static func unreadableFolder(_ path: String) -> String? {
        guard let handle = opendir(path) else { return String(cString: strerror(errno)) }
        closedir(handle)
        return nil
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private static func displayPath(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./"), path.count > 2 { path.removeFirst(2) }
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}

/// FNV-1a over file names and contents: a cheap, stable version for a knowledge base (and a
/// stable short name for anything else, the same on every run and machine).
public struct ContentHasher: Sendable {
    private var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A hasher of nothing yet.
    public init() {}

    /// Adds `text`'s UTF-8 bytes, then a separator.
    public mutating func add(_ text: String) { add(Data(text.utf8)) }

    /// Adds `data`, then a separator.
    public mutating func add(_ data: Data) {
        for byte in data {
            value ^= UInt64(byte)
            value &*= 0x100_0000_01b3
        }
        value ^= 0xff
        value &*= 0x100_0000_01b3
    }

    /// The hash as 16 hexadecimal digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
