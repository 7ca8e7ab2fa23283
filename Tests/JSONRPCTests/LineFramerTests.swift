import JSONRPC
import Testing

/// `LineFramer`: a pipe delivers request lines in pieces of any size, so the lines framed must
/// not depend on where the reads split them.
@Suite("LineFramer")
struct LineFramerTests {
    /// Request lines: plain, multi-byte UTF-8 ended by CRLF, blank, and a last one without a line end.
    static let requests =
        #"{"jsonrpc":"2.0","id":1,"method":"initialize"}"# + "\n"
        + #"{"jsonrpc":"2.0","id":"é","method":"message","params":{"text":"我忘记密码了 😀 café"}}"# + "\r\n"
        + "\n"
        + #"{"jsonrpc":"2.0","id":3,"method":"report"}"#

    /// The items `chunks` yield when fed one after another, and then the end of input.
    static func frames(_ chunks: [[UInt8]], maximumLength: Int = 1024) -> [LineFramer.Item] {
        var framer = LineFramer(maximumLength: maximumLength)
        var items: [LineFramer.Item] = []
        for chunk in chunks {
            items += chunk.withUnsafeBytes { framer.append($0) }
        }
        return items + framer.finish()
    }

    static func line(_ text: String) -> LineFramer.Item { .line(Array(text.utf8)) }

    @Test("lines are split at LF, a CR before it dropped, and the last line read at end of input")
    func wholeInput() {
        #expect(
            Self.frames([Array(Self.requests.utf8)]) == [
                Self.line(#"{"jsonrpc":"2.0","id":1,"method":"initialize"}"#),
                Self.line(#"{"jsonrpc":"2.0","id":"é","method":"message","params":{"text":"我忘记密码了 😀 café"}}"#),
                Self.line(""),
                Self.line(#"{"jsonrpc":"2.0","id":3,"method":"report"}"#),
            ])
    }

    @Test("two reads split at any byte give the same lines as one read")
    func splitAtEveryByte() {
        let bytes = Array(Self.requests.utf8)
        let whole = Self.frames([bytes])
        let differing = (0...bytes.count).filter { split in
            Self.frames([Array(bytes[..<split]), Array(bytes[split...])]) != whole
        }
        #expect(differing.isEmpty, "split at these bytes, the lines differ: \(differing)")
    }

    @Test("reading one byte at a time gives the same lines as one read")
    func oneByteAtATime() {
        let bytes = Array(Self.requests.utf8)
        #expect(Self.frames(bytes.map { [$0] }) == Self.frames([bytes]))
    }

    /// A line of exactly the limit ended by CRLF, a longer one (multi-byte) ended by CRLF, a
    /// longer one ended by LF, and a short one.
    static let limit = 32
    static let atLimit = String(repeating: "a", count: limit)
    static let overLimit = String(repeating: "é", count: 20)  // 40 bytes
    static let farOverLimit = String(repeating: "x", count: 100)
    static let mixed = "\(atLimit)\r\n\(overLimit)\r\n\(farOverLimit)\nshort\n"

    @Test("a line longer than the limit is reported with its length, line end excluded, however it is read")
    func tooLongAcrossReads() {
        let bytes = Array(Self.mixed.utf8)
        let expected: [LineFramer.Item] = [
            Self.line(Self.atLimit), .tooLong(length: 40), .tooLong(length: 100), Self.line("short"),
        ]
        #expect(Self.frames([bytes], maximumLength: Self.limit) == expected)
        let differing = (0...bytes.count).filter { split in
            Self.frames([Array(bytes[..<split]), Array(bytes[split...])], maximumLength: Self.limit) != expected
        }
        #expect(differing.isEmpty, "split at these bytes, the lines differ: \(differing)")
        #expect(Self.frames(bytes.map { [$0] }, maximumLength: Self.limit) == expected)
    }

    @Test("a too-long last line without a line end is still reported at end of input")
    func tooLongAtEnd() {
        let bytes = Array(("short\n" + Self.farOverLimit).utf8)
        #expect(
            Self.frames([Array(bytes[..<40]), Array(bytes[40...])], maximumLength: Self.limit) == [
                Self.line("short"), .tooLong(length: 100),
            ])
    }
}
