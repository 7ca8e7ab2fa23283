import Foundation
import ResponderCore

/// ANSI colour for terminal output; plain text when disabled (not a terminal, or `NO_COLOR` set).
struct Style {
    let enabled: Bool

    /// Colour when stdout is a terminal and `NO_COLOR` is not set (https://no-color.org).
    static var standardOutput: Style {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Style(enabled: isatty(1) == 1 && !noColor)
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func magenta(_ text: String) -> String { wrap(text, "35") }
    func cyan(_ text: String) -> String { wrap(text, "36") }
    func blue(_ text: String) -> String { wrap(text, "34") }

    /// What the REPL prints for each decision: answer green, clarify yellow, escalate magenta,
    /// handoff blue (red is for errors only: an escalation is the engine working as meant).
    func decision(_ decision: Decision) -> String {
        switch decision {
        case .answer: green("answer")
        case .clarify: yellow("clarify")
        case .escalate: magenta("escalate")
        case .handoff: blue("handoff")
        }
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
