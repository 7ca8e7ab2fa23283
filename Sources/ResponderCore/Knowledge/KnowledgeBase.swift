/// A loaded knowledge base: settings, groups and FAQ entries, with where each came from.
public struct KnowledgeBase: Sendable {
    /// The folder it was loaded from.
    public let directory: String
    /// `settings.yaml`.
    public let settings: Settings
    /// `groups.yaml`.
    public let groups: GroupsConfig
    /// Every FAQ entry, in file and then document order.
    public let entries: [FAQEntry]
    /// A short content hash of every file: changes whenever any file does.
    public let version: String
    /// Index into `entries` by id.
    private let entryIndex: [String: Int]

    /// Creates a base; entry ids are expected to be unique (the loader makes sure).
    public init(directory: String, settings: Settings, groups: GroupsConfig, entries: [FAQEntry], version: String) {
        self.directory = directory
        self.settings = settings
        self.groups = groups
        self.entries = entries
        self.version = version
        self.entryIndex = Dictionary(entries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The entry with `id`, if any.
    public func entry(_ id: String) -> FAQEntry? { entryIndex[id].map { entries[$0] } }

    /// The index in `entries` of the entry with `id`, if any.
    public func index(of id: String) -> Int? { entryIndex[id] }
}
