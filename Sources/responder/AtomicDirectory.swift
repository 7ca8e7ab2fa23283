import Foundation

/// Writes a folder of files so that it appears whole or not at all.
enum AtomicDirectory {
    /// Writes `files` (relative path, contents) into a temporary sibling of `path`, then renames it
    /// into place. An existing `path` is refused unless `replace`, and is then swapped out only
    /// after the new folder is complete; even with `replace`, only a folder that looks like a
    /// knowledge base is replaced, never the working directory, one of its parents, or a folder
    /// holding any of `keeping` (e.g. the input file).
    static func write(_ files: [(String, String)], to path: String, replace: Bool, keeping: [String] = []) throws {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        if manager.fileExists(atPath: target.path) {
            guard replace else {
                throw CommandFailure(
                    "\(path): error: already exists; choose another --out or pass --force to replace it")
            }
            try checkReplaceable(target, path: path, keeping: keeping)
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
            try? manager.removeItem(at: staging)
            throw failure
        } catch {
            try? manager.removeItem(at: staging)
            throw CommandFailure("\(path): error: cannot write the knowledge base: \(error.localizedDescription)")
        }
    }

    /// Refuses to replace anything but a knowledge-base folder that holds nothing we must keep.
    private static func checkReplaceable(_ target: URL, path: String, keeping: [String]) throws {
        let manager = FileManager.default
        let here = URL(fileURLWithPath: manager.currentDirectoryPath).standardizedFileURL.resolvingSymlinksInPath()
        let targetPath = target.path.hasSuffix("/") ? target.path : target.path + "/"
        if (here.path + "/").hasPrefix(targetPath) {
            throw CommandFailure("\(path): error: refusing to replace the working directory or one of its parents")
        }
        for file in keeping {
            let kept = URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path
            if kept.hasPrefix(targetPath) {
                throw CommandFailure("\(path): error: refusing to replace a folder that holds \(file)")
            }
        }
        var isDirectory: ObjCBool = false
        let looksLikeBase =
            manager.fileExists(atPath: target.appendingPathComponent("faq").path, isDirectory: &isDirectory)
            && isDirectory.boolValue
        let contents = (try? manager.contentsOfDirectory(atPath: target.path)) ?? ["?"]
        // `kb suggest --out` may have written only its summary.
        let isDrafts = contents == ["SUGGESTIONS.md"]
        guard looksLikeBase || contents.isEmpty || isDrafts else {
            throw CommandFailure(
                "\(path): error: refusing to replace a folder that is not a knowledge base (it has no faq/ folder)")
        }
    }
}
