import Foundation
import ResponderCore
import Testing

/// A knowledge-base folder written into a fresh temporary directory, removed again by `remove()`.
struct TemporaryBase {
    /// The folder's path.
    let path: String

    /// Writes `files` (relative path to contents) into a new folder.
    init(_ files: [String: String]) throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("responder-tests-\(UUID().uuidString)", isDirectory: true)
        path = url.path
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (relative, contents) in files { try write(relative, contents) }
    }

    /// Writes (or overwrites) one file.
    func write(_ relative: String, _ contents: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }

    /// The path of `relative` as the loader reports it.
    func file(_ relative: String) -> String { path + "/" + relative }

    /// Loads the folder.
    func load() throws -> LoadResult { try KnowledgeBaseLoader.load(directory: path) }

    /// Deletes the folder.
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Writes `files` to a temporary knowledge base, runs `body` with it and deletes it afterwards.
func withTemporaryBase<Value>(_ files: [String: String], _ body: (TemporaryBase) throws -> Value) throws -> Value {
    let base = try TemporaryBase(files)
    defer { base.remove() }
    return try body(base)
}

/// The bundled knowledge base at the package root, loaded once.
enum Bundled {
    /// `<package>/knowledgebase`, three levels up from this file.
    static let directory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ResponderCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("knowledgebase").path

    static let loaded: Result<LoadResult, KnowledgeBaseError> = Result { () throws(KnowledgeBaseError) in
        try KnowledgeBaseLoader.load(directory: directory)
    }

    /// The bundled base, failing the test when it does not load cleanly.
    static func base() throws -> KnowledgeBase { try loaded.get().requireValid() }

    static let responderResult: Result<AutoResponder, KnowledgeBaseError> = Result { () throws(KnowledgeBaseError) in
        AutoResponder(base: try loaded.get().requireValid())
    }

    /// An `AutoResponder` for the bundled base, built once.
    static func responder() throws -> AutoResponder { try responderResult.get() }
}

/// The diagnostics with `rule`.
func diagnostics(_ result: LoadResult, rule: String) -> [Diagnostic] {
    result.diagnostics.filter { $0.rule == rule }
}

/// True when `text` contains a Han ideograph.
func containsHan(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
}

/// Checks that `result` has exactly one diagnostic, an error with `rule` at `file:line:column`,
/// and returns it.
@discardableResult
func expectOnly(
    _ result: LoadResult, _ rule: String, file: String, line: Int, column: Int,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> Diagnostic {
    #expect(result.diagnostics.count == 1, "\(result.diagnostics)", sourceLocation: sourceLocation)
    let diagnostic = try #require(result.diagnostics.first, sourceLocation: sourceLocation)
    #expect(diagnostic.rule == rule, sourceLocation: sourceLocation)
    #expect(diagnostic.severity == .error, sourceLocation: sourceLocation)
    #expect(
        diagnostic.location == ResponderCore.SourceLocation(file: file, line: line, column: column),
        sourceLocation: sourceLocation)
    return diagnostic
}
