/// The byte-level scan behind `Redactor`: finds personal data in a text's UTF-8 bytes (with
/// full-width forms already folded to ASCII when the text has any, see `FoldedText`).
///
/// E-mail addresses are found first, around each "@" (see `EmailScanner`). The stretches between
/// them are then walked for numbers: at each place where a number may start (a digit, "+" or "("
/// that does not continue a longer number; letters may touch it) the kinds are tried strictest first, ID number, then
/// card, then phone, and the first that fits is taken. Number spans are ASCII only.
struct PIIScanner {
    /// One finding, as UTF-8 byte offsets into the scanned text.
    struct Span: Equatable {
        var kind: Redactor.Kind
        var bytes: Range<Int>
    }

    /// What borders a candidate span on one side.
    enum Edge {
        /// Nothing that makes the span part of a longer number: a letter may touch it
        /// ("tel-13800138000", "x4111111111111111", "ABC13800138000"): personal data glued to a
        /// prefix or a suffix is still personal data.
        case clear
        /// A digit touching it, or a connector ("-", "_", ".") joining it to more digits
        /// ("2024-…", "….5"): the span is part of a longer number.
        case blocked
    }

    /// What was read at a place where a number may start.
    private enum Match {
        /// Personal data.
        case span(Span)
        /// A number that is not personal data and is not to be read again from inside: a
        /// card-shaped order number ends at `to`.
        case skip(to: Int)
    }

    let bytes: UnsafeBufferPointer<UInt8>

    /// The words before a number.
    private var context: PIIContext { PIIContext(bytes: bytes) }

    /// Every finding, in order and non-overlapping. The caller has checked that there is a digit
    /// or an "@" (`FoldedText.survey`).
    func spans() -> [Span] {
        var result: [Span] = []
        var position = 0
        for email in EmailScanner(bytes: bytes).addresses() {
            scanNumbers(in: position..<email.lowerBound, into: &result)
            result.append(Span(kind: .email, bytes: email))
            position = email.upperBound
        }
        scanNumbers(in: position..<bytes.count, into: &result)
        return result
    }

    // MARK: Numbers

    /// Appends the numbers found within `range` (none reaches past its end) to `result`.
    private func scanNumbers(in range: Range<Int>, into result: inout [Span]) {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte.isASCIIDigit || byte == .plus || byte == .openParen, edge(before: index) != .blocked,
                let match = number(at: index, limit: range.upperBound)
            {
                switch match {
                case .span(let span):
                    result.append(span)
                    index = span.bytes.upperBound
                case .skip(let end):
                    index = end
                }
            } else {
                index += 1
            }
        }
    }

    /// The number that starts at `start`, strictest kind first.
    private func number(at start: Int, limit: Int) -> Match? {
        if let end = nationalID(at: start, limit: limit) {
            return .span(Span(kind: .nationalID, bytes: start..<end))
        }
        if let end = firstGenerationID(at: start, limit: limit) {
            return .span(Span(kind: .nationalID, bytes: start..<end))
        }
        if let end = card(at: start, limit: limit) {
            // Some random order numbers pass the Luhn check and have a card prefix.
            // The order word may stand before a prefix glued to the number ("tracking SF4222…").
            if context.hasOrderWord(before: start) || context.hasOrderWord(before: gluedPrefixStart(start)) {
                return .skip(to: end)
            }
            return .span(Span(kind: .card, bytes: start..<end))
        }
        guard edge(before: start) == .clear else { return nil }
        let phoneEnd =
            internationalPhone(at: start, limit: limit) ?? chinaCodePhone(at: start, limit: limit)
            ?? chineseMobile(at: start, limit: limit) ?? chineseLandline(at: start, limit: limit, hasTrunk: true)
            ?? northAmericanPhone(at: start, limit: limit)
        return phoneEnd.map { .span(Span(kind: .phone, bytes: start..<$0)) }
    }

    /// The end of a Chinese resident ID number at `start`: 17 digits and a digit or "X", solid or
    /// written 6-8-4 with single spaces ("110105 19491231 002X").
    private func nationalID(at start: Int, limit: Int) -> Int? {
        let firstEnd = digitRunEnd(from: start, limit: limit)
        var characters: [UInt8]
        var end: Int
        switch firstEnd - start {
        case 18:
            characters = Array(bytes[start..<firstEnd])
            end = firstEnd
        case 17:
            guard firstEnd < limit, bytes[firstEnd].isCheckX else { return nil }
            end = firstEnd + 1
            characters = Array(bytes[start..<end])
        case 6:
            guard firstEnd < limit, bytes[firstEnd] == .space,
                let birthEnd = group(of: 8, at: firstEnd + 1, limit: limit),
                birthEnd < limit, bytes[birthEnd] == .space
            else { return nil }
            let tailEnd = digitRunEnd(from: birthEnd + 1, limit: limit)
            switch tailEnd - (birthEnd + 1) {
            case 4: end = tailEnd
            case 3 where tailEnd < limit && bytes[tailEnd].isCheckX: end = tailEnd + 1
            default: return nil
            }
            characters = bytes[start..<end].filter { $0 != .space }
        default:
            return nil
        }
        guard edge(after: end) != .blocked, ChineseResidentID.isValid(characters) else { return nil }
        return end
    }

    /// The end of a first-generation (15-digit) resident ID number at `start`: a 6-digit area code
    /// whose province exists, a YYMMDD birth date in the 1900s and 3 digits, solid or written 6-6-3
    /// with single spaces. These numbers have no check character and a bare 15-digit run is more
    /// often an order number, so an identity word must come shortly before it ("身份证", "ID",
    /// "identity card", see `PIIContext.hasIdentityWord`) and no order word right before it.
    private func firstGenerationID(at start: Int, limit: Int) -> Int? {
        let firstEnd = digitRunEnd(from: start, limit: limit)
        let end: Int
        switch firstEnd - start {
        case 15:
            end = firstEnd
        case 6:
            guard firstEnd < limit, bytes[firstEnd] == .space,
                let birthEnd = group(of: 6, at: firstEnd + 1, limit: limit),
                birthEnd < limit, bytes[birthEnd] == .space,
                let tailEnd = group(of: 3, at: birthEnd + 1, limit: limit)
            else { return nil }
            end = tailEnd
        default:
            return nil
        }
        guard edge(after: end) != .blocked,
            ChineseResidentID.isValidFirstGeneration(bytes[start..<end].filter { $0 != .space }),
            context.hasIdentityWord(before: start), !context.hasOrderWord(before: start)
        else { return nil }
        return end
    }

    /// The end of a payment card number at `start`: 13-19 digits solid, or in groups of 3-6
    /// separated by a single space, dash, dot or underscore (the same one throughout).
    private func card(at start: Int, limit: Int) -> Int? {
        let firstEnd = digitRunEnd(from: start, limit: limit)
        let firstCount = firstEnd - start
        if firstCount >= 13 {
            guard firstCount <= 19, edge(after: firstEnd) != .blocked,
                CardNetwork.accepts(digits: bytes[start..<firstEnd])
            else { return nil }
            return firstEnd
        }
        guard (3...6).contains(firstCount), firstEnd < limit, bytes[firstEnd].isGroupSeparator else { return nil }
        let separator = bytes[firstEnd]
        var digits = Array(bytes[start..<firstEnd])
        var groupEnds: [(end: Int, digitCount: Int)] = []
        var index = firstEnd
        while index < limit, bytes[index] == separator {
            let groupEnd = digitRunEnd(from: index + 1, limit: limit)
            let count = groupEnd - (index + 1)
            guard (3...6).contains(count), digits.count + count <= 19 else { break }
            digits.append(contentsOf: bytes[(index + 1)..<groupEnd])
            groupEnds.append((groupEnd, digits.count))
            index = groupEnd
        }
        // The longest run of groups that is a card; a shorter one only if it ends cleanly.
        for (end, count) in groupEnds.reversed() where count >= 13 {
            if edge(after: end) != .blocked, CardNetwork.accepts(digits: digits.prefix(count)) { return end }
        }
        return nil
    }

    /// The end of an international phone number at `start`: "+", a country code and 8-15 digits in
    /// all (exactly 11 after "+1", the North American plan), in groups separated by at most one
    /// space, dash or dot; a group after the first may be in parentheses ("+1 (415) 555-0132").
    private func internationalPhone(at start: Int, limit: Int) -> Int? {
        guard bytes[start] == .plus, start + 1 < limit, bytes[start + 1].isASCIIDigit,
            bytes[start + 1] != UInt8(ascii: "0")
        else { return nil }
        let digitCounts = bytes[start + 1] == UInt8(ascii: "1") ? 11...11 : 8...15
        var index = start + 1
        var digitCount = 0
        var best: Int?
        while true {
            var groupStart = index
            if index > start + 1, groupStart < limit, bytes[groupStart].isPhoneSeparator { groupStart += 1 }
            let isParenthesised = index > start + 1 && groupStart < limit && bytes[groupStart] == .openParen
            let digitsStart = isParenthesised ? groupStart + 1 : groupStart
            let digitsEnd = digitRunEnd(from: digitsStart, limit: limit)
            let count = digitsEnd - digitsStart
            guard count > 0, digitCount + count <= digitCounts.upperBound else { break }
            var groupEnd = digitsEnd
            if isParenthesised {
                guard groupEnd < limit, bytes[groupEnd] == .closeParen else { break }
                groupEnd += 1
            }
            digitCount += count
            // The longest run of groups that ends cleanly.
            if digitCounts.contains(digitCount), edge(after: groupEnd) == .clear { best = groupEnd }
            index = groupEnd
        }
        return best
    }

    /// The end of a Chinese mobile number at `start`: 11 digits starting 1[3-9], solid or 3-4-4
    /// with single spaces, dashes, dots or underscores.
    private func chineseMobile(at start: Int, limit: Int) -> Int? {
        guard start + 1 < limit, bytes[start] == UInt8(ascii: "1"),
            (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(bytes[start + 1])
        else { return nil }
        let end: Int
        switch digitRunEnd(from: start, limit: limit) - start {
        case 11:
            end = start + 11
        case 3:
            guard start + 3 < limit else { return nil }
            let separator = bytes[start + 3]
            guard separator.isGroupSeparator,
                let middle = group(of: 4, at: start + 4, limit: limit),
                middle < limit, bytes[middle] == separator,
                let last = group(of: 4, at: middle + 1, limit: limit)
            else { return nil }
            end = last
        default:
            return nil
        }
        return edge(after: end) == .clear ? end : nil
    }

    /// The end of a Chinese number written with the country code but without "+" at `start`: "86" or
    /// "0086", a single space or dash, then a mobile number or a landline number without the 0 of
    /// its area code ("86-13800138000", "0086 138 0013 8000", "0086 10 6234 5678"). A solid run
    /// ("8613800138000") is left alone: it is as likely an order number.
    private func chinaCodePhone(at start: Int, limit: Int) -> Int? {
        let codeEnd = digitRunEnd(from: start, limit: limit)
        let code = bytes[start..<codeEnd]
        guard code.elementsEqual("86".utf8) || code.elementsEqual("0086".utf8), codeEnd + 1 < limit,
            bytes[codeEnd] == .space || bytes[codeEnd] == .dash
        else { return nil }
        return chineseMobile(at: codeEnd + 1, limit: limit)
            ?? chineseLandline(at: codeEnd + 1, limit: limit, hasTrunk: false)
    }

    /// The end of a Chinese landline number at `start`: an area code, then a local number of 7 or 8
    /// digits that starts with 2-9, solid or in two groups of 3-4 digits split by a single space or
    /// dash. The area code is "010", "02x" or "0xxx" with the second digit 3-9 ("10", "2x" or
    /// "xxx" with `hasTrunk` false, after a country code), and is followed by a single space or
    /// dash, or is in parentheses: "010-62345678", "(010) 6234 5678", "0755-8601-3388".
    private func chineseLandline(at start: Int, limit: Int, hasTrunk: Bool) -> Int? {
        var index = start
        let isParenthesised = bytes[index] == .openParen
        if isParenthesised { index += 1 }
        let areaEnd = digitRunEnd(from: index, limit: limit)
        guard isChineseAreaCode(index..<areaEnd, hasTrunk: hasTrunk), areaEnd < limit else { return nil }
        index = areaEnd
        if isParenthesised {
            guard bytes[index] == .closeParen else { return nil }
            index += 1
            if index < limit, bytes[index] == .space { index += 1 }
        } else {
            guard bytes[index] == .space || bytes[index] == .dash else { return nil }
            index += 1
        }
        guard index < limit, bytes[index].isASCIIDigit, bytes[index] >= UInt8(ascii: "2") else { return nil }
        let firstEnd = digitRunEnd(from: index, limit: limit)
        let firstCount = firstEnd - index
        var end = firstEnd
        if !(7...8).contains(firstCount) {
            guard (3...4).contains(firstCount), firstEnd < limit, bytes[firstEnd] == .space || bytes[firstEnd] == .dash
            else { return nil }
            let secondEnd = digitRunEnd(from: firstEnd + 1, limit: limit)
            let secondCount = secondEnd - (firstEnd + 1)
            guard (3...4).contains(secondCount), (7...8).contains(firstCount + secondCount) else { return nil }
            end = secondEnd
        }
        return edge(after: end) == .clear ? end : nil
    }

    /// True when the digits in `range` are a Chinese area code: "010", "02x" or "0xxx" with the
    /// second digit 3-9, or the same without the leading 0 when `hasTrunk` is false.
    private func isChineseAreaCode(_ range: Range<Int>, hasTrunk: Bool) -> Bool {
        var digits = bytes[range]
        if hasTrunk {
            guard digits.first == UInt8(ascii: "0") else { return false }
            digits = digits.dropFirst()
        }
        guard let first = digits.first else { return false }
        switch digits.count {
        case 2: return first == UInt8(ascii: "2") || digits.elementsEqual("10".utf8)
        case 3: return first >= UInt8(ascii: "3")
        default: return false
        }
    }

    /// The end of a North American number at `start`, written with separators: "(415) 555-0132",
    /// "415-555-0132", "415.555.0132", "415 555 0132", optionally after "1" and a separator.
    private func northAmericanPhone(at start: Int, limit: Int) -> Int? {
        var index = start
        var trunkSeparator: UInt8?
        if bytes[index] == UInt8(ascii: "1"), index + 1 < limit, bytes[index + 1].isPhoneSeparator {
            trunkSeparator = bytes[index + 1]
            index += 2
        }
        guard index < limit else { return nil }
        let separator: UInt8
        if bytes[index] == .openParen {
            guard let area = group(of: 3, at: index + 1, limit: limit, leadingTwoToNine: true),
                area < limit, bytes[area] == .closeParen
            else { return nil }
            index = area + 1
            if index < limit, bytes[index] == .space { index += 1 }
            guard let exchange = group(of: 3, at: index, limit: limit, leadingTwoToNine: true),
                exchange < limit, bytes[exchange].isPhoneSeparator
            else { return nil }
            separator = bytes[exchange]
            index = exchange
        } else {
            guard let area = group(of: 3, at: index, limit: limit, leadingTwoToNine: true),
                area < limit, bytes[area].isPhoneSeparator, trunkSeparator.map({ $0 == bytes[area] }) ?? true,
                let exchange = group(of: 3, at: area + 1, limit: limit, leadingTwoToNine: true),
                exchange < limit, bytes[exchange] == bytes[area]
            else { return nil }
            separator = bytes[area]
            index = exchange
        }
        guard bytes[index] == separator, let end = group(of: 4, at: index + 1, limit: limit) else { return nil }
        return edge(after: end) == .clear ? end : nil
    }

    // MARK: Boundaries

    /// What borders a span that starts at `index`.
    func edge(before index: Int) -> Edge {
        guard index > 0 else { return .clear }
        let previous = bytes[index - 1]
        if previous.isASCIIDigit || previous == .plus { return .blocked }
        guard previous.isConnector, index >= 2 else { return .clear }
        return bytes[index - 2].isASCIIDigit ? .blocked : .clear
    }

    /// What borders a span that ends at `index` (exclusive).
    func edge(after index: Int) -> Edge {
        guard index < bytes.count else { return .clear }
        let next = bytes[index]
        if next.isASCIIDigit { return .blocked }
        guard next.isConnector, index + 1 < bytes.count else { return .clear }
        return bytes[index + 1].isASCIIDigit ? .blocked : .clear
    }

    /// Where the ASCII letters glued to a number at `start` begin ("SF" in "SF4222…", "ORD-" in
    /// "ORD-4539…"); `start` when none.
    private func gluedPrefixStart(_ start: Int) -> Int {
        var index = start
        if index > 0, bytes[index - 1].isConnector { index -= 1 }
        let lettersEnd = index
        while index > 0, bytes[index - 1].isASCIILetter { index -= 1 }
        return index == lettersEnd ? start : index
    }

    // MARK: Digit runs

    /// The end of the run of ASCII digits that starts at `index` (`index` itself when none).
    private func digitRunEnd(from index: Int, limit: Int) -> Int {
        var end = index
        while end < limit, bytes[end].isASCIIDigit { end += 1 }
        return end
    }

    /// The end of a run of exactly `length` digits at `index`, or nil.
    private func group(of length: Int, at index: Int, limit: Int, leadingTwoToNine: Bool = false) -> Int? {
        guard digitRunEnd(from: index, limit: limit) - index == length else { return nil }
        if leadingTwoToNine, bytes[index] < UInt8(ascii: "2") { return nil }
        return index + length
    }
}

extension UInt8 {
    fileprivate static let plus = UInt8(ascii: "+")
    fileprivate static let dash = UInt8(ascii: "-")
    fileprivate static let dot = UInt8(ascii: ".")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let underscore = UInt8(ascii: "_")
    fileprivate static let openParen = UInt8(ascii: "(")
    fileprivate static let closeParen = UInt8(ascii: ")")

    fileprivate var isASCIIDigit: Bool { self &- UInt8(ascii: "0") < 10 }
    fileprivate var isASCIILetter: Bool { (self | 0x20) &- UInt8(ascii: "a") < 26 }
    /// "X" or "x", the check character that stands for 10 in an ID number.
    fileprivate var isCheckX: Bool { self | 0x20 == UInt8(ascii: "x") }
    /// "-", "_" or ".": joins a number to what follows it without a space.
    fileprivate var isConnector: Bool { self == .dash || self == .underscore || self == .dot }
    /// A separator between the digit groups of a phone number.
    fileprivate var isPhoneSeparator: Bool { self == .space || self == .dash || self == .dot }
    /// A separator between the digit groups of a mobile or card number, the same one throughout:
    /// "138 0013 8000", "138-0013-8000", "138.0013.8000", "138_0013_8000".
    fileprivate var isGroupSeparator: Bool { self == .space || isConnector }
}
