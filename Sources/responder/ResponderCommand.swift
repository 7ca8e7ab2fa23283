import ArgumentParser
import Foundation

/// The `responder` command: lists the subcommands and maps failures to exit codes
/// (0 success, 1 the input was wrong, 2 usage).
@main
struct ResponderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "responder",
        abstract: "A customer-service auto-responder: answers from a FAQ knowledge base or escalates.",
        version: ResponderVersion.current,
        subcommands: [
            AskCommand.self, ServeCommand.self, ReplCommand.self, TicketsCommand.self, RateCommand.self,
            ReportCommand.self, ReplayCommand.self, ExportCommand.self,
            LintCommand.self,
            EvalCommand.self,
            KBCommand.self,
        ]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            if !failure.message.isEmpty { StandardError.write(failure.message) }
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            if code == .validationFailure || error is ValidationError {
                StandardError.write(fullMessage(for: error))
                StandardError.write("Run 'responder help' for usage.")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
