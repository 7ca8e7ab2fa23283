/// A small open-addressing set of term hashes, for removing duplicate terms from one message
/// without the cost of a `Set`. Starts small and doubles when half full.
struct TermKeySet {
    private var slots: [UInt64]
    private var mask: Int
    private var count = 0

    /// A set sized for about `expected` insertions (it grows past that when needed).
    init(expected: Int) {
        var capacity = 64
        while capacity < min(expected, 4096) * 2 { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// Inserts `hash`; true when it was not there yet.
    mutating func insert(_ hash: UInt64) -> Bool {
        let key = hash == 0 ? 1 : hash
        var index = TermTable.slot(of: key, mask: mask)
        while true {
            let current = slots[index]
            if current == key { return false }
            if current == 0 { break }
            index = (index + 1) & mask
        }
        slots[index] = key
        count += 1
        if count * 2 > slots.count { grow() }
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        for key in old where key != 0 {
            var index = TermTable.slot(of: key, mask: mask)
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = key
        }
    }
}
