import Foundation

/// Writes a folder of files so that it appears whole or not at all.
enum AtomicDirectory {
    /// Writes `files` (relative path, contents) into a temporary sibling of `path`, then renames it
    /// into place. An existing `path` is refused unless `replace`, and is then swapped out only
    /// after the new folder is complete.
    static func write(_ files: [(String, String)], to path: String, replace: Bool) throws {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        if manager.fileExists(atPath: target.path), !replace {
            throw CommandFailure("\(path): error: already exists; choose another --out or pass --force to replace it")
        }
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
        do {
            try? manager.removeItem(at: staging)
            for (relative, contents) in files {
                let url = staging.appendingPathComponent(relative)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: url)
            }
            if manager.fileExists(atPath: target.path) {
                let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
                try manager.moveItem(at: target, to: old)
                do {
                    try manager.moveItem(at: staging, to: target)
                } catch {
                    try? manager.moveItem(at: old, to: target)
                    throw error
                }
                try? manager.removeItem(at: old)
            } else {
                try manager.moveItem(at: staging, to: target)
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            try? manager.removeItem(at: staging)
            throw CommandFailure("\(path): error: cannot write the knowledge base: \(error.localizedDescription)")
        }
    }
}
