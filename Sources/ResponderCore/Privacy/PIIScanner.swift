/// The byte-level scan behind `Redactor`: finds personal data in a text's UTF-8 bytes.
///
/// E-mail addresses are found first, around each "@". The stretches between them are then walked
/// for numbers: at each place where a number may start (a digit, "+" or "(" that does not continue
/// a longer token) the kinds are tried strictest first, ID number, then card, then phone, and the
/// first that fits is taken. Every span is ASCII only.
struct PIIScanner {
    /// One finding, as UTF-8 byte offsets into the scanned text.
    struct Span: Equatable {
        var kind: Redactor.Kind
        var bytes: Range<Int>
    }

    /// What borders a candidate span on one side.
    enum Edge {
        /// Nothing that joins the span to a longer token.
        case clear
        /// A "-" or "_" joining it to letters ("ORD-…", "…-ext"): fine for the checksummed kinds,
        /// not for phone numbers, which are too easily part of an identifier.
        case identifier
        /// An ASCII letter or digit touching it, or a connector joining it to more digits
        /// ("2024-…", "….5"): the span is part of a longer token.
        case blocked
    }

    let bytes: UnsafeBufferPointer<UInt8>

    /// Every finding, in order and non-overlapping.
    func spans() -> [Span] {
        // Only e-mail addresses lack digits; without digits or "@" there is nothing to find.
        guard bytes.contains(where: { $0.isASCIIDigit || $0 == .at }) else { return [] }
        var result: [Span] = []
        var position = 0
        for email in emailRanges() {
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
                let span = number(at: index, limit: range.upperBound)
            {
                result.append(span)
                index = span.bytes.upperBound
            } else {
                index += 1
            }
        }
    }

    /// The number that starts at `start`, strictest kind first.
    private func number(at start: Int, limit: Int) -> Span? {
        if let end = nationalID(at: start, limit: limit) { return Span(kind: .nationalID, bytes: start..<end) }
        if let end = card(at: start, limit: limit) { return Span(kind: .card, bytes: start..<end) }
        guard edge(before: start) == .clear else { return nil }
        let phoneEnd =
            internationalPhone(at: start, limit: limit) ?? chineseMobile(at: start, limit: limit)
            ?? northAmericanPhone(at: start, limit: limit)
        return phoneEnd.map { Span(kind: .phone, bytes: start..<$0) }
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

    /// The end of a payment card number at `start`: 13-19 digits solid, or in groups of 3-6
    /// separated by a single space or a single dash (the same one throughout).
    private func card(at start: Int, limit: Int) -> Int? {
        let firstEnd = digitRunEnd(from: start, limit: limit)
        let firstCount = firstEnd - start
        if firstCount >= 13 {
            guard firstCount <= 19, edge(after: firstEnd) != .blocked,
                CardNetwork.accepts(digits: bytes[start..<firstEnd])
            else { return nil }
            return firstEnd
        }
        guard (3...6).contains(firstCount), firstEnd < limit, bytes[firstEnd] == .space || bytes[firstEnd] == .dash
        else { return nil }
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
    /// with single spaces or single dashes.
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
            guard separator == .space || separator == .dash,
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

    // MARK: E-mail addresses

    /// The e-mail addresses in the text, in order and non-overlapping.
    private func emailRanges() -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var floor = 0
        var index = 0
        while let sign = bytes[index...].firstIndex(of: .at) {
            index = sign + 1
            if let email = email(around: sign, floor: floor) {
                ranges.append(email)
                floor = email.upperBound
                index = email.upperBound
            }
        }
        return ranges
    }

    /// The e-mail address whose "@" is at `sign`, starting no earlier than `floor`. The local part
    /// is letters, digits and "._%+-"; the domain is two or more labels of letters, digits and "-",
    /// the last one (the top-level domain) letters only.
    private func email(around sign: Int, floor: Int) -> Range<Int>? {
        var start = sign
        while start > floor, bytes[start - 1].isLocalPartByte { start -= 1 }
        while start < sign, bytes[start] == .dot { start += 1 }
        guard start < sign else { return nil }
        var end = sign + 1
        while end < bytes.count, bytes[end].isASCIILetterOrDigit || bytes[end] == .dash || bytes[end] == .dot {
            end += 1
        }
        while end > sign + 1, bytes[end - 1] == .dot || bytes[end - 1] == .dash { end -= 1 }
        let labels = bytes[(sign + 1)..<end].split(separator: .dot, omittingEmptySubsequences: false)
        guard labels.count >= 2,
            labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 && $0.first != .dash && $0.last != .dash }),
            let topLevel = labels.last, topLevel.count >= 2, topLevel.allSatisfy(\.isASCIILetter)
        else { return nil }
        return start..<end
    }

    // MARK: Boundaries

    /// What borders a span that starts at `index`.
    func edge(before index: Int) -> Edge {
        guard index > 0 else { return .clear }
        let previous = bytes[index - 1]
        if previous.isASCIILetterOrDigit || previous == .plus { return .blocked }
        guard previous.isConnector, index >= 2 else { return .clear }
        return connection(through: previous, to: bytes[index - 2])
    }

    /// What borders a span that ends at `index` (exclusive).
    func edge(after index: Int) -> Edge {
        guard index < bytes.count else { return .clear }
        let next = bytes[index]
        if next.isASCIILetterOrDigit { return .blocked }
        guard next.isConnector, index + 1 < bytes.count else { return .clear }
        return connection(through: next, to: bytes[index + 1])
    }

    /// What a connector next to a span joins it to.
    private func connection(through connector: UInt8, to byte: UInt8) -> Edge {
        if byte.isASCIIDigit { return .blocked }
        if byte.isASCIILetter, connector == .dash || connector == .underscore { return .identifier }
        return .clear
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
    fileprivate static let at = UInt8(ascii: "@")
    fileprivate static let plus = UInt8(ascii: "+")
    fileprivate static let dash = UInt8(ascii: "-")
    fileprivate static let dot = UInt8(ascii: ".")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let underscore = UInt8(ascii: "_")
    fileprivate static let openParen = UInt8(ascii: "(")
    fileprivate static let closeParen = UInt8(ascii: ")")

    fileprivate var isASCIIDigit: Bool { self &- UInt8(ascii: "0") < 10 }
    fileprivate var isASCIILetter: Bool { (self | 0x20) &- UInt8(ascii: "a") < 26 }
    fileprivate var isASCIILetterOrDigit: Bool { isASCIIDigit || isASCIILetter }
    /// "X" or "x", the check character that stands for 10 in an ID number.
    fileprivate var isCheckX: Bool { self | 0x20 == UInt8(ascii: "x") }
    /// "-", "_" or ".": joins a number to what follows it without a space.
    fileprivate var isConnector: Bool { self == .dash || self == .underscore || self == .dot }
    /// A separator between the digit groups of a phone number.
    fileprivate var isPhoneSeparator: Bool { self == .space || self == .dash || self == .dot }
    /// A character allowed in the local part of an e-mail address, as written in practice.
    fileprivate var isLocalPartByte: Bool {
        isASCIILetterOrDigit || self == .dot || self == .underscore || self == .plus || self == .dash
            || self == UInt8(ascii: "%")
    }
}
