import Foundation
import Testing

@testable import ResponderCore

/// Reading a trained model back: every damaged file is refused, even one whose checksum was
/// recomputed after the damage (so that the structural checks themselves are exercised).
@Suite("Trained model files")
struct TrainedModelTests {
    static let key = "test key"

    static func matcher() throws -> Matcher { try Bundled.responder().matcher }

    /// Byte offsets of the index's fields in `trainedModel(key:)`'s layout.
    struct Layout {
        let termCount: Int
        let slotCount: Int
        let slots: Int
        let postingCount: Int
        let postings: Int

        init(_ bytes: [UInt8]) {
            let keyLength = Int(bytes[8]) | Int(bytes[9]) << 8
            termCount = 4 + 4 + 4 + keyLength + 8
            slotCount = termCount + 8 + 4
            slots = slotCount + 8
            let count = Layout.word(bytes, at: slotCount)
            postingCount = slots + count * 16
            postings = postingCount + 8
        }

        static func word(_ bytes: [UInt8], at offset: Int) -> Int {
            (0..<8).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
    }

    /// `bytes` with a fresh checksum over everything but the old one.
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var body = Array(bytes.dropLast(8))
        withUnsafeBytes(of: modelChecksum(body, count: body.count).littleEndian) { body.append(contentsOf: $0) }
        return body
    }

    @Test func aModelReadsBackAndMatchesTheSame() throws {
        let matcher = try Self.matcher()
        let bytes = matcher.trainedModel(key: Self.key)
        let read = try Matcher(base: matcher.base, options: matcher.options, trainedModel: bytes, key: Self.key)
        #expect(read.calibrator == matcher.calibrator)
        for message in ["where is my parcel", "我要退款", "asdf", "I was charged twice"] {
            #expect(
                read.match(message).candidates.map(\.confidence) == matcher.match(message).candidates.map(\.confidence))
        }
        #expect(throws: TrainedModelError.self) {
            try Matcher(base: matcher.base, options: matcher.options, trainedModel: bytes, key: "another key")
        }
    }

    @Test(arguments: [
        "huge term count", "entry out of range", "no empty slot", "range past the postings", "unsorted postings",
    ])
    func structuralDamageIsRefused(damage: String) throws {
        let matcher = try Self.matcher()
        var bytes = matcher.trainedModel(key: Self.key)
        let layout = Layout(bytes)
        let slotCount = Layout.word(bytes, at: layout.slotCount)
        let postingCount = Layout.word(bytes, at: layout.postingCount)
        switch damage {
        case "huge term count":
            for index in 0..<8 { bytes[layout.termCount + index] = 0xFF }
        case "entry out of range":
            bytes[layout.postings] = 0xFF
            bytes[layout.postings + 1] = 0xFF
        case "no empty slot":
            for slot in 0..<slotCount where (0..<8).allSatisfy({ bytes[layout.slots + slot * 16 + $0] == 0 }) {
                bytes[layout.slots + slot * 16] = 1
            }
        case "range past the postings":
            // The first used slot's end (bytes 12-15 of the slot) far past the last posting.
            let slot = try #require(
                (0..<slotCount).first { slot in (0..<8).contains { bytes[layout.slots + slot * 16 + $0] != 0 } })
            for index in 12..<16 { bytes[layout.slots + slot * 16 + index] = 0x7F }
        default:
            // Two postings of one term swapped: find a term with at least two.
            let slot = try #require(
                (0..<slotCount).first { slot in
                    let start = Layout.word(bytes, at: layout.slots + slot * 16 + 8) & 0xFFFF_FFFF
                    let end = Layout.word(bytes, at: layout.slots + slot * 16 + 8) >> 32
                    return end - start >= 2
                })
            let start = Layout.word(bytes, at: layout.slots + slot * 16 + 8) & 0xFFFF_FFFF
            #expect(start + 1 < postingCount)
            for index in 0..<4 {
                bytes.swapAt(layout.postings + start * 4 + index, layout.postings + (start + 1) * 4 + index)
            }
        }
        let damaged = Self.resealed(bytes)
        #expect(throws: TrainedModelError.self) {
            try Matcher(base: matcher.base, options: matcher.options, trainedModel: damaged, key: Self.key)
        }
    }

    /// Training is pinned: a change to anything that shapes the trained model (tokeniser,
    /// normaliser, weights, refinement, calibration) changes these bytes. When it does on
    /// purpose, bump `Matcher.modelFormat`, so that caches written before are not trusted, and
    /// record the new checksum here.
    @Test func trainingIsPinnedToTheModelFormat() throws {
        let base = try withTemporaryBase([
            "settings.yaml": "locales: [en, zh]\n",
            "faq/shop.yaml": """
            entries:
              - id: refund
                answer: Refunds take five days.
                questions: [I want a refund, refund my money, where is my refund, 我要退款, 退款多久到账]
              - id: password
                answer: Use the reset link.
                questions: [I forgot my password, reset my password, cannot log in, 忘记密码了, 密码怎么改]
              - id: order
                answer: Under My Orders.
                questions: [where is my order, track my parcel, when will it arrive, 我的快递到哪了, 订单查询]
            """,
        ]) { try $0.load().requireValid() }
        let bytes = Matcher(base: base).trainedModel(key: "pinned")
        let checksum = String(modelChecksum(bytes, count: bytes.count), radix: 16)
        #expect(Matcher.modelFormat == 2)
        #expect(checksum == Self.pinned, "training changed: bump Matcher.modelFormat and record \(checksum)")
    }

    static let pinned = "fcc1378ac1a37123"
}
