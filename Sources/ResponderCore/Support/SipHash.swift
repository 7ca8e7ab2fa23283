/// SipHash-2-4 (Aumasson and Bernstein): a keyed 64-bit hash, for pseudonyms that are stable
/// for one key and cannot be recomputed without it.
public struct SipHash: Sendable {
    private let k0: UInt64
    private let k1: UInt64

    /// A hasher with the 128-bit key `k0`, `k1` (little-endian halves of the 16 key bytes).
    public init(k0: UInt64, k1: UInt64) {
        self.k0 = k0
        self.k1 = k1
    }

    /// A hasher whose key is the first 16 of `key`'s bytes (little-endian halves).
    public init(key: [UInt8]) {
        precondition(key.count >= 16, "SipHash needs a 16-byte key")
        self.init(k0: Self.word(key, at: 0), k1: Self.word(key, at: 8))
    }

    /// The 64-bit hash of `bytes`.
    public func hash<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var v0: UInt64 = 0x736f_6d65_7073_6575 ^ k0
        var v1: UInt64 = 0x646f_7261_6e64_6f6d ^ k1
        var v2: UInt64 = 0x6c79_6765_6e65_7261 ^ k0
        var v3: UInt64 = 0x7465_6462_7974_6573 ^ k1

        func round() {
            v0 &+= v1
            v1 = v1.rotatedLeft(13) ^ v0
            v0 = v0.rotatedLeft(32)
            v2 &+= v3
            v3 = v3.rotatedLeft(16) ^ v2
            v0 &+= v3
            v3 = v3.rotatedLeft(21) ^ v0
            v2 &+= v1
            v1 = v1.rotatedLeft(17) ^ v2
            v2 = v2.rotatedLeft(32)
        }

        var block: UInt64 = 0
        var filled = 0
        for byte in bytes {
            block |= UInt64(byte) << (8 * UInt64(filled))
            filled += 1
            if filled == 8 {
                v3 ^= block
                round()
                round()
                v0 ^= block
                block = 0
                filled = 0
            }
        }
        block |= UInt64(truncatingIfNeeded: bytes.count) << 56
        v3 ^= block
        round()
        round()
        v0 ^= block
        v2 ^= 0xff
        for _ in 0..<4 { round() }
        return v0 ^ v1 ^ v2 ^ v3
    }

    private static func word(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
