/// Text laid out for a terminal: wrapped at word boundaries, long values cut.
enum TextWrapping {
    /// `text` wrapped to `width` columns at spaces, each line after `indent`; words longer than a
    /// line (URLs) stay whole, and Chinese, which has no spaces, breaks between characters. Line
    /// breaks in `text` are kept.
    static func wrap(_ text: String, width: Int, indent: String) -> String {
        let room = max(20, width - indent.count)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in pieces(of: paragraph) {
                let wordWidth = columns(word)
                let isSpace = word == " "
                if lineWidth + wordWidth > room, lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                    if isSpace { continue }
                }
                line += word
                lineWidth += wordWidth
            }
            lines.append(line)
        }
        return lines.map { indent + $0.trimmingTrailingSpaces() }.joined(separator: "\n")
    }

    /// `text` cut to at most `length` characters, with `…` when cut.
    static func cut(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(max(1, length - 1))) + "…"
    }

    /// Words, single spaces, and wide (CJK) characters one by one.
    private static func pieces(of text: Substring) -> [String] {
        var pieces: [String] = []
        var word = ""
        for character in text {
            if character == " " || isWide(character) {
                if !word.isEmpty { pieces.append(word) }
                word = ""
                pieces.append(String(character))
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { pieces.append(word) }
        return pieces
    }

    /// Terminal columns: two for wide characters, one for the rest.
    static func columns(_ text: String) -> Int { text.reduce(0) { $0 + (isWide($1) ? 2 : 1) } }

    private static func isWide(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first?.value else { return false }
        return (0x1100...0x115F).contains(scalar) || (0x2E80...0xA4CF).contains(scalar)
            || (0xAC00...0xD7A3).contains(scalar) || (0xF900...0xFAFF).contains(scalar)
            || (0xFE30...0xFE4F).contains(scalar) || (0xFF00...0xFF60).contains(scalar)
            || (0xFFE0...0xFFE6).contains(scalar) || (0x20000...0x3FFFD).contains(scalar)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
