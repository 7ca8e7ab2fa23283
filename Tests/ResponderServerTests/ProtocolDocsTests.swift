import Foundation
import ResponderServer
import Testing

/// docs/protocol.md is the protocol's reference: it must describe exactly the methods the
/// registry serves, and every parameter they take.
@Suite("Protocol docs")
struct ProtocolDocsTests {
    /// The `### \`name\`` sections of the page's `## Methods` chapter, by name, with their text.
    static func methodSections() throws -> [(name: String, text: String)] {
        let page = try String(
            contentsOf: repositoryRoot.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
        var sections: [(name: String, text: String)] = []
        var inMethods = false
        for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                inMethods = line == "## Methods"
                continue
            }
            guard inMethods else { continue }
            if line.hasPrefix("### ") {
                let heading = line.dropFirst(4)
                guard let match = heading.wholeMatch(of: /`([^`]+)`/) else {
                    Issue.record("a section of Methods that is not a method: \(line)")
                    continue
                }
                sections.append((String(match.1), ""))
            } else if !sections.isEmpty {
                sections[sections.count - 1].text += line + "\n"
            }
        }
        return sections
    }

    /// The parameters a section's `| param | ...` table lists.
    static func documentedParameters(_ text: String) -> [String] {
        var names: [String] = []
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("| param |") {
                inTable = true
            } else if inTable, line.hasPrefix("|") {
                if let match = line.firstMatch(of: /^\| `([^`]+)` \|/) { names.append(String(match.1)) }
            } else {
                inTable = false
            }
        }
        return names
    }

    @Test("every registered method has a section in docs/protocol.md, and every section a method")
    func methodsAreDocumented() throws {
        let sections = try Self.methodSections()
        let documented = sections.map(\.name)
        #expect(!documented.isEmpty, "the Methods chapter was found")
        for name in MethodRegistry.names {
            #expect(documented.contains(name), "no ### `\(name)` section in docs/protocol.md")
        }
        for name in documented {
            #expect(MethodRegistry.names.contains(name), "docs/protocol.md documents `\(name)`, which is not served")
        }
        #expect(documented.count == Set(documented).count, "a method is documented twice: \(documented)")
    }

    @Test("every parameter of every method is documented in its section, and no other")
    func parametersAreDocumented() throws {
        let sections = try Self.methodSections()
        for name in MethodRegistry.names {
            guard let section = sections.first(where: { $0.name == name }) else { continue }
            let parameters = try #require(MethodRegistry.parameters[name], "\(name) has a parameter list")
            for parameter in parameters {
                #expect(
                    section.text.contains("`\(parameter)`"),
                    "the ### `\(name)` section does not mention its parameter `\(parameter)`")
            }
            for parameter in Self.documentedParameters(section.text) {
                #expect(
                    parameters.contains(parameter),
                    "the ### `\(name)` section lists `\(parameter)`, which \(name) does not take")
            }
        }
    }
}
