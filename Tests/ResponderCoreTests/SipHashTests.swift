import Testing

@testable import ResponderCore

@Suite("SipHash-2-4")
struct SipHashTests {
    /// The reference implementation's test vectors: key 00..0f, messages 00, 00 01, ... (first bytes).
    let hasher = SipHash(key: Array(0..<16))

    @Test("Reference vectors")
    func referenceVectors() {
        #expect(hasher.hash([UInt8]()) == 0x726f_db47_dd0e_0e31)
        #expect(hasher.hash([0]) == 0x74f8_39c5_93dc_67fd)
        #expect(hasher.hash(Array(0..<8)) == 0x93f5_f579_9a93_2462)
        #expect(hasher.hash(Array(0..<15)) == 0xa129_ca61_49be_45e5)
    }

    @Test("Another key gives another hash")
    func keyed() {
        #expect(SipHash(k0: 1, k1: 2).hash(Array("13800138000".utf8)) != hasher.hash(Array("13800138000".utf8)))
    }
}
