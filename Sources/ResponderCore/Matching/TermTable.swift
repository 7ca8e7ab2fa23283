/// An open-addressing hash table from term hashes to dense term ids (0, 1, 2, ...).
///
/// Term hashes are already well mixed 64-bit values, so the table uses them directly, with
/// linear probing and a load factor of at most one half; lookups are a multiply, a shift and,
/// almost always, one comparison.
struct TermTable: Sendable {
    private var keys: [UInt64]
    private var ids: [Int32]
    private var mask: Int
    /// Number of terms.
    private(set) var count = 0

    /// An empty table with room for `capacity` terms before it grows.
    init(capacity: Int = 1024) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        ids = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    static func slot(of key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The id of `hash`, or nil.
    @inline(__always)
    func id(of hash: UInt64) -> Int32? {
        let key = hash == 0 ? 1 : hash
        var index = TermTable.slot(of: key, mask: mask)
        return keys.withUnsafeBufferPointer { keys in
            while true {
                let current = keys[index]
                if current == key { return ids[index] }
                if current == 0 { return nil }
                index = (index + 1) & mask
            }
        }
    }

    /// The id of `hash`, giving it the next id when it is new.
    mutating func insert(_ hash: UInt64) -> Int32 {
        if let existing = id(of: hash) { return existing }
        if (count + 1) * 2 > keys.count { grow() }
        let key = hash == 0 ? 1 : hash
        var index = TermTable.slot(of: key, mask: mask)
        while keys[index] != 0 { index = (index + 1) & mask }
        keys[index] = key
        ids[index] = Int32(count)
        count += 1
        return Int32(count - 1)
    }

    /// Every (hash, id) pair, in table order.
    func all() -> [(hash: UInt64, id: Int32)] {
        zip(keys, ids).compactMap { key, id in key == 0 ? nil : (key, id) }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldIds = ids
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        ids = [Int32](repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (key, id) in zip(oldKeys, oldIds) where key != 0 {
            var index = TermTable.slot(of: key, mask: mask)
            while keys[index] != 0 { index = (index + 1) & mask }
            keys[index] = key
            ids[index] = id
        }
    }
}
