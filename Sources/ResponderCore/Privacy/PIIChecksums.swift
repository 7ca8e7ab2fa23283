/// A payment card network, known by the prefix and length of its card numbers.
enum CardNetwork: CaseIterable {
    case visa, mastercard, amex, discover, unionPay, jcb, diners

    /// The network whose prefix and length fit `digits` (ASCII digits), or nil.
    ///
    /// Prefixes: Visa 4; Mastercard 51-55 and 2221-2720; Amex 34 and 37; Discover 6011, 644-649
    /// and 65; UnionPay 62; JCB 3528-3589; Diners 300-305, 36 and 38. Lengths: Visa 13, 16 or 19;
    /// Mastercard 16; Amex 15; Diners 14-19; the others 16-19.
    init?(digits: some Collection<UInt8>) {
        func prefix(_ length: Int) -> Int {
            digits.prefix(length).reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
        }
        let network: CardNetwork
        switch (prefix(1), prefix(2), prefix(3), prefix(4)) {
        case (4, _, _, _): network = .visa
        case (_, 51...55, _, _), (_, _, _, 2221...2720): network = .mastercard
        case (_, 34, _, _), (_, 37, _, _): network = .amex
        case (_, 65, _, _), (_, _, 644...649, _), (_, _, _, 6011): network = .discover
        case (_, 62, _, _): network = .unionPay
        case (_, _, _, 3528...3589): network = .jcb
        case (_, 36, _, _), (_, 38, _, _), (_, _, 300...305, _): network = .diners
        default: return nil
        }
        guard network.lengths.contains(digits.count) else { return nil }
        self = network
    }

    /// The numbers of digits this network's card numbers have.
    var lengths: Set<Int> {
        switch self {
        case .visa: [13, 16, 19]
        case .mastercard: [16]
        case .amex: [15]
        case .diners: Set(14...19)
        case .discover, .unionPay, .jcb: Set(16...19)
        }
    }

    /// True when `digits` (ASCII digits) are a card number: a network's prefix and length, and the
    /// Luhn checksum passes.
    static func accepts(digits: some BidirectionalCollection<UInt8>) -> Bool {
        CardNetwork(digits: digits) != nil && passesLuhn(digits)
    }

    /// True when `digits` (ASCII digits) pass the Luhn checksum: every second digit from the right
    /// doubled (less 9 when over 9), and the sum a multiple of 10.
    static func passesLuhn(_ digits: some BidirectionalCollection<UInt8>) -> Bool {
        var sum = 0
        for (position, byte) in digits.reversed().enumerated() {
            let digit = Int(byte &- UInt8(ascii: "0"))
            if position.isMultiple(of: 2) {
                sum += digit
            } else {
                sum += digit < 5 ? digit * 2 : digit * 2 - 9
            }
        }
        return sum.isMultiple(of: 10)
    }
}

/// The checks on a Chinese resident ID number (GB 11643-1999).
enum ChineseResidentID {
    /// The weights of the first 17 digits in the check sum.
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check character for each remainder of the weighted sum modulo 11.
    static let checkCharacters = Array("10X98765432".utf8)

    /// True when `characters` (18 ASCII characters: 17 digits and a digit or "X"/"x") hold a birth
    /// date that exists, in 1900-2099, at positions 7-14, and end with the right ISO 7064
    /// MOD 11-2 check character.
    static func isValid(_ characters: [UInt8]) -> Bool {
        guard characters.count == 18 else { return false }
        let digits = characters.prefix(17).map { Int($0 &- UInt8(ascii: "0")) }
        guard digits.allSatisfy({ (0...9).contains($0) }) else { return false }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + $1 } }
        guard isDate(year: number(6..<10), month: number(10..<12), day: number(12..<14)) else { return false }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let last = characters[17]
        // Lower-case "x" is accepted: people type it.
        let written = last == UInt8(ascii: "x") ? UInt8(ascii: "X") : last
        return written == checkCharacters[sum % 11]
    }

    /// True when `digits` (ASCII digits) are a first-generation, 15-digit resident ID number: the
    /// first two digits a province code, a YYMMDD birth date in the 1900s that exists at positions
    /// 7-12, and 3 more digits (there is no check character). These numbers were issued from 1984
    /// until 2004, to people born in the 1900s.
    static func isValidFirstGeneration(_ digits: [UInt8]) -> Bool {
        guard digits.count == 15, digits.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return false }
        func number(_ range: Range<Int>) -> Int {
            digits[range].reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
        }
        guard provinceCodes.contains(number(0..<2)) else { return false }
        return isDate(year: 1900 + number(6..<8), month: number(8..<10), day: number(10..<12))
    }

    /// The province-level codes that first-generation ID numbers start with (GB/T 2260): the
    /// mainland's provinces, regions and municipalities.
    static let provinceCodes: Set<Int> = Set(11...15).union(21...23).union(31...37).union(41...46)
        .union(50...54).union(61...65)

    /// True when the day exists in the proleptic Gregorian calendar and the year is 1900-2099.
    static func isDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1900...2099).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let isLeap = year.isMultiple(of: 4) && (!year.isMultiple(of: 100) || year.isMultiple(of: 400))
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }
}
