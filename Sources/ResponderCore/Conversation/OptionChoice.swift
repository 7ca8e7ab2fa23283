/// Reads a customer's reply to a clarification as the choice of one of its options by number
/// or position, in English or Chinese: "2", "２", "#2", "option 2", "the second one", "2nd",
/// "the last one", "第二个", "第2个", "选二", "最后一个".
///
/// The reply must say nothing but the choice (and polite filler: "I'll take the second one,
/// thanks"): "I have 2 parcels" picks nothing.
public enum OptionChoice {
    /// The option (0-based) among `count` that `text` picks; nil when it picks none, names a
    /// position past the last, or names two.
    public static func index(in text: String, count: Int) -> Int? {
        guard count > 0 else { return nil }
        var positions = Set<Position>()
        var cardinals = Set<Position>()
        var previous = ""
        for token in TextNormalizer.normalize(text).split(separator: " ") {
            let word = String(token)
            defer { previous = word }
            if let position = englishOrdinals[word] {
                // "a second", "one second": a moment, not the second option.
                if previous == "a" || englishCardinals[previous] != nil { return nil }
                positions.insert(position)
            } else if let number = Int(word) {
                positions.insert(.number(number))
            } else if let position = englishCardinals[word] {
                cardinals.insert(position)
            } else if englishFiller.contains(word) {
                continue
            } else if let chinese = chinesePosition(word) {
                if let position = chinese { positions.insert(position) }
            } else {
                return nil
            }
        }
        // "one" is filler in "the first one", a number in "option one".
        if positions.isEmpty { positions = cardinals }
        guard positions.count == 1, let position = positions.first else { return nil }
        switch position {
        case .number(let number): return (1...count).contains(number) ? number - 1 : nil
        case .last: return count - 1
        }
    }

    /// A position in the list of options.
    private enum Position: Hashable {
        case number(Int)
        case last
    }

    private static let englishOrdinals: [String: Position] = [
        "first": .number(1), "second": .number(2), "third": .number(3), "fourth": .number(4), "fifth": .number(5),
        "1st": .number(1), "2nd": .number(2), "3rd": .number(3), "4th": .number(4), "5th": .number(5),
        "last": .last, "latter": .last, "former": .number(1),
    ]

    private static let englishCardinals: [String: Position] = [
        "one": .number(1), "two": .number(2), "three": .number(3), "four": .number(4), "five": .number(5),
    ]

    /// Words that may surround a choice without changing it.
    private static let englishFiller: Set<String> = [
        "i", "ill", "id", "im", "want", "choose", "chose", "pick", "select", "take", "go", "going", "with", "for",
        "please", "pls", "plz", "the", "option", "opt", "number", "no", "nr", "num", "choice", "answer",
        "its", "it", "is", "that", "this", "like", "prefer", "thanks", "thank", "you", "ok", "okay", "yes", "yeah",
        "sure", "mean", "meant", "question", "oh", "um", "hmm", "then", "just",
    ]

    /// Words that say the customer is choosing: after them a bare numeral is a choice ("选二",
    /// "我要一个"); without them only "第一个", "一", "1号" are.
    private static let chineseChoosing = ["我选择", "我要选", "我选", "选择", "就选", "选", "我要", "要"]
    private static let chineseFillerPrefixes = ["就是", "就", "是"]
    private static let chinesePolite = ["谢谢", "好了", "就好", "吧", "啊", "呀", "的", "了"]
    private static let chineseClassifiers = ["个", "项", "条", "种", "号", "那个", "选项"]
    private static let chineseNumerals: [Character: Int] = ["一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5]

    /// A Chinese token's position: `.some(position)` for a choice, `.some(nil)` for politeness
    /// alone ("谢谢"), nil when it is anything else ("就一个问题", "二手").
    private static func chinesePosition(_ token: String) -> Position?? {
        var rest = Substring(token)
        var stripped = true
        while stripped {
            stripped = false
            for suffix in chinesePolite where rest.hasSuffix(suffix) {
                rest = rest.dropLast(suffix.count)
                stripped = true
            }
        }
        if rest.isEmpty { return .some(nil) }
        var choosing = false
        for prefix in chineseFillerPrefixes where rest.hasPrefix(prefix) && rest.count > prefix.count {
            rest = rest.dropFirst(prefix.count)
            break
        }
        for prefix in chineseChoosing where rest.hasPrefix(prefix) && rest.count > prefix.count {
            rest = rest.dropFirst(prefix.count)
            choosing = true
            break
        }
        if rest == "最后一个" || rest == "最后那个" || rest == "最后" { return .last }
        let ordinal = rest.hasPrefix("第")
        if ordinal { rest = rest.dropFirst() }
        var classified = false
        for classifier in chineseClassifiers where rest.hasSuffix(classifier) && rest.count > classifier.count {
            rest = rest.dropLast(classifier.count)
            classified = true
            break
        }
        let number = Int(rest) ?? (rest.count == 1 ? rest.first.flatMap { chineseNumerals[$0] } : nil)
        guard let number else { return nil }
        // "一个" alone is "one (thing)", not "the first"; "1号" and "一" are choices.
        if classified, !ordinal, !choosing, !rest.allSatisfy(\.isASCII) { return nil }
        return .number(number)
    }
}
