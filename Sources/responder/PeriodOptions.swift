import ArgumentParser
import ResponderCore

/// `--from` and `--to`: the period a command reads from the store, checked before the store is
/// opened (the engine resolves them in the desk's time zone).
struct PeriodOptions: ParsableArguments {
    @Option(help: "From this date (YYYY-MM-DD) or time (ISO 8601 with an offset); default: the first recorded.")
    var from: String?

    @Option(help: "To this date (inclusive) or time (exclusive); default: the last recorded.")
    var to: String?

    func validate() throws {
        for (option, value) in [("--from", from), ("--to", to)] {
            if let value, Timestamp.parse(value) == nil, CalendarDate(value) == nil {
                throw ValidationError(
                    "\(option) \(value): expected a date YYYY-MM-DD or an ISO 8601 time with an offset")
            }
        }
    }
}
