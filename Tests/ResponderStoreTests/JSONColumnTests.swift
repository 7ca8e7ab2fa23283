import Foundation
import Testing

@testable import ResponderStore

@Suite("JSON columns")
struct JSONColumnTests {
    @Test("Candidates and options written directly read back whole, whatever their text")
    func roundTrip() throws {
        let awkward = "quote \" backslash \\ newline \n tab \t bell \u{07} 中文 café 🎉"
        let candidates = [
            CandidateScore(intent: awkward, confidence: 0.123456789), CandidateScore(intent: "b", confidence: 1),
            CandidateScore(intent: "c", confidence: 0),
        ]
        let options = [ClarifyOption(intent: "a", question: awkward), ClarifyOption(intent: "b", question: "")]
        let readCandidates = try JSONDecoder().decode(
            [CandidateScore].self, from: Data(JSONColumn.text(candidates).utf8))
        let readOptions = try JSONDecoder().decode([ClarifyOption].self, from: Data(JSONColumn.text(options).utf8))
        #expect(readCandidates == candidates)
        #expect(readOptions == options)
        #expect(JSONColumn.text([CandidateScore]()) == "[]")
    }
}
