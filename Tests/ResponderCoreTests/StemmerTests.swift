import ResponderCore
import Testing

@Suite("Stemmer")
struct StemmerTests {
    @Test func formsOfOneWordShareAStem() {
        let stems = Set(["charges", "charged", "charging", "charge"].map(Stemmer.stem))
        #expect(stems == ["charg"])
    }

    @Test(arguments: [
        ("orders", "order"), ("refunds", "refund"), ("passwords", "password"),
        ("boxes", "box"), ("addresses", "address"), ("watches", "watch"), ("wishes", "wish"),
    ])
    func plurals(word: String, stem: String) {
        #expect(Stemmer.stem(word) == stem)
    }

    @Test(arguments: [
        ("shipping", "ship"), ("running", "run"), ("tracking", "track"), ("billing", "bill"),
        ("passing", "pass"), ("buzzing", "buzz"), ("logging", "log"),
    ])
    func ingEndings(word: String, stem: String) {
        #expect(Stemmer.stem(word) == stem)
    }

    @Test(arguments: [
        ("shipped", "ship"), ("stopped", "stop"), ("ordered", "order"),
        ("billed", "bill"), ("missed", "miss"),
    ])
    func edEndings(word: String, stem: String) {
        #expect(Stemmer.stem(word) == stem)
    }

    @Test func iesAndIedBecomeY() {
        #expect(Stemmer.stem("replies") == "reply")
        #expect(Stemmer.stem("replied") == "reply")
        #expect(Stemmer.stem("deliveries") == "delivery")
        #expect(Stemmer.stem("delivery") == "delivery")
    }

    @Test func finalEIsDropped() {
        #expect(Stemmer.stem("change") == "chang")
        #expect(Stemmer.stem("changed") == "chang")
        #expect(Stemmer.stem("changes") == "chang")
        #expect(Stemmer.stem("invoice") == Stemmer.stem("invoices"))
    }

    @Test func similarWordsStayDistinct() {
        #expect(Stemmer.stem("pass") == "pass")
        #expect(Stemmer.stem("bill") == "bill")
        #expect(Stemmer.stem("pass") != Stemmer.stem("bill"))
        #expect(Stemmer.stem("status") == "status")  // -us is not a plural
        #expect(Stemmer.stem("analysis") == "analysis")  // nor is -is
    }

    @Test(arguments: ["is", "was", "has", "bus", "use", "red", "ing", "box"])
    func shortWordsAreUnchanged(word: String) {
        #expect(Stemmer.stem(word) == word)
    }

    @Test func nonLowercaseASCIIWordsAreUnchanged() {
        #expect(Stemmer.stem("Charges") == "Charges")
        #expect(Stemmer.stem("cafés") == "cafés")
        #expect(Stemmer.stem("密码") == "密码")
        #expect(Stemmer.stem("orders2") == "orders2")
        #expect(Stemmer.stem("") == "")
    }
}
