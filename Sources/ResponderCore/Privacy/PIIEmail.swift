/// Finds e-mail addresses in the scanner's bytes (UTF-8, full-width forms folded), including
/// addresses with non-ASCII local parts and internationalised domain names ("josé@correo.es",
/// "王芳@例子.中国").
///
/// Chinese, Japanese and some other scripts are written without spaces, so where an address
/// starts and ends next to such text has to be guessed. Each side of the "@" is read in one kind
/// of writing (`Writing`): an address in Latin letters stops at a Chinese character
/// ("我的邮箱是abc@qq.com谢谢" gives "abc@qq.com"), and one in Chinese stops at a Latin letter. A
/// Chinese local part also stops after a word that introduces an address ("是", "到", "邮箱"), and
/// a top-level domain in Chinese ends after the longest known one it starts with ("中国谢谢" ends
/// after "中国").
struct EmailScanner {
    /// Which kind of writing a letter belongs to.
    enum Writing: Equatable {
        /// ASCII letters and digits, and the Latin, Greek and Cyrillic alphabets with their
        /// combining marks: written with spaces between words.
        case latin
        /// Letters and marks of every other script: Chinese, Japanese, Korean, Thai, Arabic…
        case other
    }

    /// The scanner's bytes.
    let bytes: UnsafeBufferPointer<UInt8>

    /// Characters that end a local part in `.other` writing when read backwards from the "@": they
    /// introduce an address or join it to another ("邮箱是", "发到", "寄给", "或者", "メールは") and
    /// are rare in one.
    static let localPartStops: Set<Unicode.Scalar> = [
        "是", "为", "為", "到", "至", "给", "給", "发", "發", "寄", "箱", "件", "址", "系", "或", "者", "及", "的",
        "の", "は", "を", "に", "へ", "で",
    ]

    /// Top-level domains written in `.other` writing, as UTF-8.
    static let otherTopLevelDomains: [[UInt8]] = [
        "中国", "中國", "公司", "网络", "網絡", "香港", "台湾", "台灣", "澳门", "澳門", "新加坡", "在线", "网址",
        "网店", "网站", "集团", "手机", "商城", "商店", "游戏", "企业", "信息", "购物", "广东", "佛山", "政务",
        "公益", "中文网", "移动", "联通", "时尚", "微博", "我爱你", "みんな", "コム", "한국", "닷컴", "닷넷", "ไทย",
    ].map { Array($0.utf8) }

    /// The e-mail addresses, in order and non-overlapping.
    func addresses() -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var floor = 0
        var index = 0
        while let sign = bytes[index...].firstIndex(of: UInt8(ascii: "@")) {
            index = sign + 1
            if let address = address(around: sign, floor: floor) {
                ranges.append(address)
                floor = address.upperBound
                index = address.upperBound
            }
        }
        return ranges
    }

    /// The e-mail address whose "@" is at `sign`, starting no earlier than `floor`.
    ///
    /// The local part is ASCII letters, digits and "._%+-" with Latin, Greek or Cyrillic letters,
    /// or letters of other scripts with ASCII digits and "._-". The domain is two or more labels of
    /// letters, digits and "-" (each label in one kind of writing), the last one (the top-level
    /// domain) letters only, or an ASCII "xn--" label; a "-" after the top-level domain ends the
    /// address ("li@example.com-1").
    private func address(around sign: Int, floor: Int) -> Range<Int>? {
        guard let start = localPartStart(before: sign, floor: floor), let end = domainEnd(after: sign) else {
            return nil
        }
        return start..<end
    }

    // MARK: Local part

    /// Where the local part before the "@" at `sign` starts, or nil when there is none.
    private func localPartStart(before sign: Int, floor: Int) -> Int? {
        guard sign > floor else { return nil }
        let writing = Self.writing(of: scalar(endingAt: sign).scalar) ?? .latin
        var start = sign
        while start > floor {
            let (scalar, scalarStart) = scalar(endingAt: start)
            guard isLocalPart(scalar, in: writing) else { break }
            start = scalarStart
        }
        while start < sign, bytes[start] == UInt8(ascii: ".") { start += 1 }
        return start < sign ? start : nil
    }

    /// True when `scalar` may be part of a local part in `writing`.
    private func isLocalPart(_ scalar: Unicode.Scalar, in writing: Writing) -> Bool {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            if byte.isASCIIDigit || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            {
                return true
            }
            return writing == .latin
                && (byte.isASCIILetter || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "%"))
        }
        guard Self.writing(of: scalar) == writing else { return false }
        return writing == .latin || !Self.localPartStops.contains(scalar)
    }

    // MARK: Domain

    /// Where the domain after the "@" at `sign` ends, or nil when there is no valid domain.
    private func domainEnd(after sign: Int) -> Int? {
        // Read letters, digits, "-" and "." while each label stays in one kind of writing.
        var labels: [(range: Range<Int>, writing: Writing?)] = []
        var labelStart = sign + 1
        var labelWriting: Writing?
        var index = labelStart
        while index < bytes.count {
            let (scalar, next) = scalar(at: index)
            if scalar == "." {
                labels.append((labelStart..<index, labelWriting))
                labelStart = next
                labelWriting = nil
            } else if scalar != "-" && !(scalar.isASCII && UInt8(scalar.value).isASCIIDigit) {
                guard let writing = Self.writing(of: scalar), labelWriting.map({ $0 == writing }) ?? true else {
                    break
                }
                labelWriting = writing
            }
            index = next
        }
        labels.append((labelStart..<index, labelWriting))
        // Trailing dots and dashes end a sentence or a list rather than the address.
        while let last = labels.last, last.range.isEmpty || bytes[last.range.upperBound - 1] == UInt8(ascii: "-") {
            if last.range.isEmpty {
                labels.removeLast()
            } else {
                labels[labels.count - 1].range = last.range.lowerBound..<(last.range.upperBound - 1)
            }
        }
        guard labels.count >= 2, var topLevel = labels.last else { return nil }
        if topLevel.writing == .other, let known = knownTopLevelDomain(at: topLevel.range) {
            topLevel.range = topLevel.range.lowerBound..<known
            labels[labels.count - 1] = topLevel
        } else if !isTopLevelDomain(topLevel.range),
            let dash = bytes[topLevel.range].firstIndex(of: UInt8(ascii: "-"))
        {
            // A top-level domain has no "-": the address is joined to a suffix ("li@example.com-1").
            topLevel.range = topLevel.range.lowerBound..<dash
            labels[labels.count - 1] = topLevel
        }
        guard labels.allSatisfy({ isLabel($0.range) }), isTopLevelDomain(topLevel.range) else { return nil }
        return topLevel.range.upperBound
    }

    /// True when `range` is a domain label: 1-63 characters, not starting or ending with "-".
    private func isLabel(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty, bytes[range.lowerBound] != UInt8(ascii: "-"),
            bytes[range.upperBound - 1] != UInt8(ascii: "-")
        else { return false }
        return bytes[range].count(where: { $0 & 0xC0 != 0x80 }) <= 63
    }

    /// True when `range` is a top-level domain: two or more letters, or an ASCII "xn--" label.
    private func isTopLevelDomain(_ range: Range<Int>) -> Bool {
        let label = bytes[range]
        if label.count > 4, label.prefix(4).map({ $0 | 0x20 }).elementsEqual("xn--".utf8) {
            return label.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == UInt8(ascii: "-") }
        }
        return label.count(where: { $0 & 0xC0 != 0x80 }) >= 2
            && label.allSatisfy { $0 >= 0x80 || $0.isASCIILetter }
    }

    /// The end of the longest known `.other` top-level domain that `range` starts with.
    private func knownTopLevelDomain(at range: Range<Int>) -> Int? {
        let label = bytes[range]
        let known = Self.otherTopLevelDomains.filter { label.starts(with: $0) }.map(\.count).max()
        return known.map { range.lowerBound + $0 }
    }

    // MARK: Characters

    /// The kind of writing `scalar` belongs to, or nil when it is not a letter, digit or mark.
    static func writing(of scalar: Unicode.Scalar) -> Writing? {
        if scalar.isASCII { return UInt8(scalar.value).isASCIILetterOrDigit ? .latin : nil }
        let properties = scalar.properties
        let isMark =
            switch properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: true
            default: false
            }
        guard properties.isAlphabetic || isMark else { return nil }
        switch scalar.value {
        case 0x00C0...0x024F, 0x0300...0x036F, 0x0370...0x03FF, 0x0400...0x052F, 0x1E00...0x1EFF:
            return .latin
        default:
            return .other
        }
    }

    /// The scalar that starts at `index` (a scalar boundary), and where the next one starts.
    private func scalar(at index: Int) -> (scalar: Unicode.Scalar, next: Int) {
        let lead = bytes[index]
        guard lead >= 0x80 else { return (Unicode.Scalar(lead), index + 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead & (0x7F >> length))
        for offset in 1..<length where index + offset < bytes.count {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", min(index + length, bytes.count))
    }

    /// The scalar that ends at `index` (a scalar boundary after the start), and where it starts.
    private func scalar(endingAt index: Int) -> (scalar: Unicode.Scalar, start: Int) {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return (scalar(at: start).scalar, start)
    }
}

extension UInt8 {
    fileprivate var isASCIIDigit: Bool { self &- UInt8(ascii: "0") < 10 }
    fileprivate var isASCIILetter: Bool { (self | 0x20) &- UInt8(ascii: "a") < 26 }
    fileprivate var isASCIILetterOrDigit: Bool { isASCIIDigit || isASCIILetter }
}
