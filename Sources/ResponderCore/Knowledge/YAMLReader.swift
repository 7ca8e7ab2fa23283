import PCRE2
import Yams

/// Reads one YAML file of the knowledge base into values, collecting diagnostics instead of
/// stopping at the first problem. Every helper reports what it expected and where.
final class YAMLReader {
    /// The file's path, as it appears in diagnostics.
    let file: String
    /// Everything found so far, in the order found.
    private(set) var diagnostics: [Diagnostic] = []

    /// Everything found so far, by position in the file.
    var sortedDiagnostics: [Diagnostic] {
        diagnostics.enumerated().sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }.map(
            \.element)
    }
    /// The file's lines as scalars, for pointing inside quoted values.
    private var lines: [[Unicode.Scalar]] = []
    /// By mapping: the allowed keys it lacks that one of its unknown keys was a misspelling of.
    private var misspelt: [SourceLocation: Set<String>] = [:]

    init(file: String) {
        self.file = file
    }

    /// The root node of `text`, or nil (with a diagnostic) when the YAML does not parse.
    func parse(_ text: String) -> Node? {
        // Split on scalars, not Characters: "\r\n" is one Character and would hide CRLF line ends.
        lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? Array(line.dropLast()) : Array(line)
        }
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            reportParseError(error)
            return nil
        } catch {
            self.report(.yamlSyntax, at: .file(file), "cannot read YAML: \(error)")
            return nil
        }
    }

    private func reportParseError(_ yamlError: YamlError) {
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            report(.yamlSyntax, at: location(mark), "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams points at the first occurrence; the author needs the repeated one.
            let first = location(context.mark)
            let key = duplicates.first ?? ""
            let repeated = repeatedKey(key, after: first) ?? first
            report(.duplicateKey, at: repeated, "duplicate key '\(key)' (first at line \(first.line))")
        case .reader(let problem, _, _, _):
            report(.yamlSyntax, at: .file(file), "cannot read file: \(problem)")
        default:
            report(.yamlSyntax, at: .file(file), "invalid YAML: \(yamlError)")
        }
    }

    /// The next line after `first` with `key:` at the same column: where a key is repeated.
    private func repeatedKey(_ key: String, after first: SourceLocation) -> SourceLocation? {
        let wanted = Array((key + ":").unicodeScalars)
        let column = first.column - 1
        for number in first.line..<lines.count {
            let line = lines[number]
            guard column + wanted.count <= line.count, Array(line[column..<(column + wanted.count)]) == wanted,
                line[..<column].allSatisfy({ $0 == " " || $0 == "-" })
            else { continue }
            return SourceLocation(file: file, line: number + 1, column: column + 1)
        }
        return nil
    }

    // MARK: Reporting

    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return .file(file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func location(_ node: Node) -> SourceLocation { location(node.mark) }

    /// Adds a finding of `rule` (which gives its severity).
    func report(_ rule: LintRule, at location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(rule, at: location, message))
    }

    // MARK: Shapes

    /// A mapping's string keys with their nodes, reporting unknown keys (with a suggestion).
    ///
    /// An unknown key close to an allowed key that the mapping lacks (`questons` without
    /// `questions`) is taken for a misspelling of it: `misspeltKeys(of:)` lists those keys, so
    /// that what follows from their absence is not reported again.
    func mapping(_ node: Node, _ what: String, allowed: [String]) -> [String: (key: Node, value: Node)]? {
        guard let mapping = node.mapping else {
            report(.wrongType, at: location(node), "\(what) must be a mapping of keys to values")
            return nil
        }
        var result: [String: (key: Node, value: Node)] = [:]
        var suggested: Set<String> = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                report(.wrongType, at: location(key), "keys in \(what) must be plain words")
                continue
            }
            if !allowed.isEmpty, !allowed.contains(name) {
                let suggestion = Suggestion.closest(to: name, in: allowed)
                if let suggestion { suggested.insert(suggestion) }
                let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
                report(.unknownKey, at: location(key), "unknown key '\(name)' in \(what)\(hint)")
                continue
            }
            result[name] = (key, value)
        }
        let lacking = suggested.subtracting(result.keys)
        if !lacking.isEmpty { misspelt[location(node), default: []].formUnion(lacking) }
        return result
    }

    /// The allowed keys that the mapping at `node` lacks because one of its keys was a
    /// misspelling of them (reported as an `unknown-key` with a did-you-mean).
    func misspeltKeys(of node: Node) -> Set<String> { misspelt[location(node)] ?? [] }

    /// Reports a required key that is missing, unless the mapping has a misspelling of it
    /// (already reported, with the key as its did-you-mean).
    func require(_ key: String, in fields: [String: (key: Node, value: Node)], of what: String, at node: Node) -> Node?
    {
        guard let value = fields[key]?.value else {
            if !misspeltKeys(of: node).contains(key) {
                report(.missingField, at: location(node), "\(what) has no '\(key)'")
            }
            return nil
        }
        if isNull(value) {
            report(.missingField, at: location(value), "'\(key)' of \(what) is empty")
            return nil
        }
        return value
    }

    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        // Only these texts can be null (YAML's null forms, or an explicit `!!null` tag on them);
        // asking any other scalar for its tag would run Yams's resolver regexes for nothing.
        switch scalar.string {
        case "": return scalar.style == .plain || scalar.tag == Tag(.null)
        case "~", "null", "Null", "NULL": return scalar.tag == Tag(.null)
        default: return false
        }
    }

    func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard let sequence = node.sequence else {
            report(.wrongType, at: location(node), "\(what) must be a list")
            return nil
        }
        return Array(sequence)
    }

    func string(_ node: Node, _ what: String, allowEmpty: Bool = false) -> String? {
        guard let scalar = node.scalar, !isNull(node) || allowEmpty else {
            report(.wrongType, at: location(node), "\(what) must be text")
            return nil
        }
        let text = scalar.string
        // Checked scalar by scalar: Foundation's trimming bridges through NSString, which cost
        // half of loading a base of 15,000 questions.
        if !allowEmpty, text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            report(.emptyValue, at: location(node), "\(what) is empty")
            return nil
        }
        return text
    }

    func number(_ node: Node, _ what: String, in range: ClosedRange<Double>) -> Double? {
        guard node.scalar != nil, let value = node.float ?? node.int.map(Double.init) else {
            report(.wrongType, at: location(node), "\(what) must be a number")
            return nil
        }
        guard range.contains(value) else {
            report(
                .outOfRange, at: location(node),
                "\(what) must be between \(Self.plain(range.lowerBound)) and \(Self.plain(range.upperBound)), not \(Self.plain(value))"
            )
            return nil
        }
        return value
    }

    /// A whole number in `range`.
    func integer(_ node: Node, _ what: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = number(node, what, in: Double(range.lowerBound)...Double(range.upperBound)) else {
            return nil
        }
        guard value == value.rounded() else {
            report(.wrongType, at: location(node), "\(what) must be a whole number, not \(Self.plain(value))")
            return nil
        }
        return Int(value)
    }

    /// `5` rather than `5.0`; other numbers as they are.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    func bool(_ node: Node, _ what: String) -> Bool? {
        guard node.scalar != nil, let value = node.bool else {
            report(.wrongType, at: location(node), "\(what) must be true or false")
            return nil
        }
        return value
    }

    /// A list of non-empty strings; a single string is accepted as a list of one.
    func strings(_ node: Node, _ what: String) -> [(text: String, node: Node)] {
        if node.scalar != nil, !isNull(node) {
            return string(node, what).map { [($0, node)] } ?? []
        }
        guard let items = sequence(node, what) else { return [] }
        return items.compactMap { item in string(item, "each item of \(what)").map { ($0, item) } }
    }

    /// Keywords: a list (weight 1 each) or a mapping of keyword to weight.
    func keywords(_ node: Node, _ what: String) -> [SourceKeyword] {
        if let mapping = node.mapping {
            return mapping.compactMap { key, value in
                guard let text = string(key, "a keyword in \(what)"),
                    let weight = number(value, "the weight of '\(text)'", in: 0.01...100)
                else { return nil }
                return SourceKeyword(text: text, weight: weight, location: location(key))
            }
        }
        return strings(node, what).map { SourceKeyword(text: $0.text, weight: 1, location: location($0.node)) }
    }

    /// Patterns: a list of PCRE2 sources, or of mappings `{pattern, weight, case_sensitive}`.
    /// A pattern that does not compile is reported at its column inside the file.
    func patterns(_ node: Node, _ what: String) -> [SourcePattern] {
        let items = node.scalar != nil && !isNull(node) ? [node] : (sequence(node, what) ?? [])
        return items.compactMap { (item) -> SourcePattern? in
            var sourceNode = item
            var weight = 1.0
            var caseSensitive = false
            if item.mapping != nil {
                guard let fields = mapping(item, "a pattern", allowed: ["pattern", "weight", "case_sensitive"]),
                    let patternNode = require("pattern", in: fields, of: "a pattern", at: item)
                else { return nil }
                sourceNode = patternNode
                if let node = fields["weight"]?.value {
                    weight = number(node, "a pattern's weight", in: 0.01...100) ?? 1
                }
                if let node = fields["case_sensitive"]?.value { caseSensitive = bool(node, "case_sensitive") ?? false }
            }
            guard let source = string(sourceNode, "a pattern in \(what)") else { return nil }
            do throws(PCRE2Error) {
                let pattern = try Pattern(source, options: .init(caseSensitive: caseSensitive))
                return SourcePattern(
                    pattern: pattern, weight: weight, location: location(inside: sourceNode, column: 1))
            } catch {
                let column = error.column ?? 1
                self.report(
                    .patternSyntax, at: location(inside: sourceNode, column: column),
                    "pattern does not compile: \(error.message) (at column \(column) of the pattern)")
                return nil
            }
        }
    }

    /// Where the `column`-th character (1-based) of a scalar's value is written in the file,
    /// stepping over quotes and escapes; the scalar's own start when that cannot be told
    /// (block scalars, values that span lines).
    func location(inside node: Node, column: Int) -> SourceLocation {
        let start = location(node)
        guard let style = node.scalar?.style, start.line - 1 < lines.count else { return start }
        let line = lines[start.line - 1]
        var index = start.column - 1
        switch style {
        case .plain:
            index += column - 1
        case .singleQuoted, .doubleQuoted:
            index += 1  // the opening quote
            for _ in 1..<max(1, column) {
                guard index < line.count else { return start }
                if style == .singleQuoted {
                    index += line[index] == "'" && index + 1 < line.count && line[index + 1] == "'" ? 2 : 1
                } else if line[index] == "\\", index + 1 < line.count {
                    switch line[index + 1] {
                    case "x": index += 4
                    case "u": index += 6
                    case "U": index += 10
                    default: index += 2
                    }
                } else {
                    index += 1
                }
            }
        default:
            return start
        }
        // One past the last character is where PCRE2 reports a pattern that ends too early.
        guard index <= line.count else { return start }
        return SourceLocation(file: file, line: start.line, column: index + 1)
    }
}
