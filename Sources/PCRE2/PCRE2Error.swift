import CPCRE2

/// A failure reported by PCRE2: a pattern that does not compile, or a match that was stopped.
public struct PCRE2Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Kind: Sendable, Equatable {
        /// The pattern did not compile; `offset` points into it.
        case compile
        /// The match gave up after too many backtracking steps (catastrophic backtracking).
        case matchLimit
        /// The match gave up after nesting too deeply.
        case depthLimit
        /// The match needed more heap memory than allowed.
        case heapLimit
        /// The JIT-compiled match ran out of its stack.
        case jitStackLimit
        /// Any other matching error, with PCRE2's code.
        case match
    }

    /// What kind of failure this is.
    public let kind: Kind
    /// PCRE2's numeric error code.
    public let code: Int32
    /// PCRE2's own message for `code`.
    public let message: String
    /// For a compile error: the offset in UTF-8 bytes into the pattern where PCRE2 stopped.
    public let offset: Int?
    /// For a compile error: the 1-based column in Unicode scalars inside the pattern.
    public let column: Int?

    /// True when the match was stopped by one of the resource limits rather than failing.
    public var isLimit: Bool {
        switch kind {
        case .matchLimit, .depthLimit, .heapLimit, .jitStackLimit: true
        case .compile, .match: false
        }
    }

    public var description: String {
        if let column { return "\(message) at column \(column)" }
        return message
    }

    init(compileCode code: Int32, offset: Int, pattern: String) {
        self.kind = .compile
        self.code = code
        self.message = PCRE2Error.message(for: code)
        self.offset = offset
        // The column of the scalar containing byte `offset`: one more than the scalars that end before it.
        var end = 0
        var before = 0
        for scalar in pattern.unicodeScalars {
            end += UTF8.width(scalar)
            if end > offset { break }
            before += 1
        }
        self.column = before + 1
    }

    init(matchCode code: Int32) {
        switch code {
        case PCRE2_ERROR_MATCHLIMIT: kind = .matchLimit
        case PCRE2_ERROR_DEPTHLIMIT: kind = .depthLimit
        case PCRE2_ERROR_HEAPLIMIT: kind = .heapLimit
        case PCRE2_ERROR_JIT_STACKLIMIT: kind = .jitStackLimit
        default: kind = .match
        }
        self.code = code
        self.message = PCRE2Error.message(for: code)
        self.offset = nil
        self.column = nil
    }

    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer {
            pcre2_get_error_message_8(code, $0.baseAddress, $0.count)
        }
        guard length > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }
}
