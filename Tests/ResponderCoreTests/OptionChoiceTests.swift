import ResponderCore
import Testing

@Suite("Picking a clarification's option by number or position")
struct OptionChoiceTests {
    @Test(
        "a reply that says only which option picks it (0-based here)",
        arguments: [
            ("1", 0), ("2", 1), ("２", 1), ("#2", 1), ("2.", 1), ("option 2", 1), ("number 1", 0), ("no. 2", 1),
            ("the first one", 0), ("the second", 1), ("second one please", 1), ("2nd", 1), ("1st", 0),
            ("I'll take the second one, thanks", 1), ("option two", 1), ("two", 1), ("the last one", 2),
            ("第一个", 0), ("第二个", 1), ("第2个", 1), ("第二个吧", 1), ("我选第一个", 0), ("选二", 1), ("1号", 0),
            ("最后一个", 2), ("第三项", 2), ("二", 1), ("我要第二个", 1), ("就第一个吧", 0),
            ("second", 1), ("the second please", 1),
        ])
    func picks(_ text: String, _ expected: Int) {
        #expect(OptionChoice.index(in: text, count: 3) == expected, "\(text)")
    }

    @Test(
        "anything else picks nothing: other words, two positions, a position past the last",
        arguments: [
            "I have 2 parcels", "where is my parcel", "1 or 2", "the first or the second", "4", "0", "fifth",
            "yes", "no", "thanks", "", "第五个", "二手", "one two", "first class shipping", "just a second",
            "one second please", "wait a second", "就一个问题", "一个", "我有两个包裹",
        ])
    func picksNothing(_ text: String) {
        #expect(OptionChoice.index(in: text, count: 3) == nil, "\(text)")
    }

    @Test("no options, nothing to pick")
    func noOptions() {
        #expect(OptionChoice.index(in: "1", count: 0) == nil)
    }
}
