/// The release of this build, printed by `responder --version` and reported to tools (SARIF).
enum ResponderVersion {
    static let current = "0.4.0"
}
