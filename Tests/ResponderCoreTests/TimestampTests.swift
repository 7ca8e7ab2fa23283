import Foundation
import Testing

@testable import ResponderCore

@Suite("Timestamps on the wire")
struct TimestampTests {
    @Test("Formatting agrees with Foundation's ISO 8601 formatter in every zone, across DST and centuries")
    func agreesWithFoundation() throws {
        var random = SystemRandomNumberGenerator()
        for zone in ["UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Chatham"] {
            let timeZone = try #require(TimeZone(identifier: zone))
            let reference = ISO8601DateFormatter()
            reference.timeZone = timeZone
            reference.formatOptions = [.withInternetDateTime]
            for _ in 0..<2000 {
                let seconds = Int64.random(in: -2_000_000_000...4_000_000_000, using: &random)
                let date = Date(timeIntervalSince1970: Double(seconds))
                #expect(Timestamp.format(date, in: timeZone) == reference.string(from: date), "\(zone) \(date)")
            }
        }
    }

    @Test("Formats parse back to the same instant")
    func roundTrip() throws {
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        for zone in ["UTC", "Asia/Shanghai", "America/St_Johns"] {
            let text = Timestamp.format(date, in: try #require(TimeZone(identifier: zone)))
            #expect(Timestamp.parse(text) == date, "\(text)")
        }
        #expect(Timestamp.format(date, in: .gmt).hasSuffix("Z"))
        #expect(Timestamp.parse("2026-11-23T09:20:00.250+08:00") != nil)
        #expect(Timestamp.parse("2026-11-23 09:20") == nil)
    }
}
