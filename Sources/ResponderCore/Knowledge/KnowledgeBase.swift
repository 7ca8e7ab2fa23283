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

    /// The entry with `id`, if any.
    public func entry(_ id: String) -> FAQEntry? { entries.first { $0.id == id } }
}
