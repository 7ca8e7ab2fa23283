/// A small open-addressing set of term hashes, for removing duplicate terms from one message
/// without the cost of a `Set`.
struct TermKeySet {
    private var slots: [UInt64]
    private let mask: Int

    /// A set sized for about `expected` insertions.
    init(expected: Int) {
        var capacity = 64
        while capacity < expected * 2 { capacity <<= 1 }
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
            if current == 0 {
                slots[index] = key
                return true
            }
            index = (index + 1) & mask
        }
    }
}
