/// Tallies by key, kept in an array in first-seen order and mutated in place through their
/// index: copying a tally out of a dictionary and back would copy its arrays on every row.
struct KeyedTallies<Key: Hashable, Tally> {
    /// The keys, in the order first seen.
    private(set) var keys: [Key] = []
    /// The tallies, in the order of `keys`.
    var tallies: [Tally] = []
    private var indices: [Key: Int] = [:]

    /// The index of `key`'s tally, which `make` starts when the key is new.
    mutating func index(of key: Key, make: () -> Tally) -> Int {
        if let known = indices[key] { return known }
        indices[key] = tallies.count
        keys.append(key)
        tallies.append(make())
        return tallies.count - 1
    }

    /// `key`'s tally, if it has one.
    func tally(for key: Key) -> Tally? { indices[key].map { tallies[$0] } }
}
