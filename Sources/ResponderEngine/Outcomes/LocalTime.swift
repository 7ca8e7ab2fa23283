import Foundation
import ResponderCore

/// An instant as the engine's outputs print it: ISO 8601 in the desk's time zone.
struct LocalTime: Encodable {
    let date: Date
    let timeZone: TimeZone

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Timestamp.format(date, in: timeZone))
    }
}

extension Optional where Wrapped == Date {
    /// The instant in `timeZone`, or nil.
    func local(_ timeZone: TimeZone) -> LocalTime? { map { LocalTime(date: $0, timeZone: timeZone) } }
}
