import CPCRE2

/// A compiled PCRE2 regular expression over UTF-8 text.
///
/// Compiled with UTF and UCP (Unicode-aware `\w`, `\d`, `\b` and case folding), case-insensitive
/// unless asked otherwise, and JIT-compiled where the platform supports it. Every match runs under
/// `MatchLimits`, and a match that hits one throws instead of running on.
///
/// `Sendable` because the compiled code and the match context are never modified after `init`
/// (PCRE2 documents compiled code as shareable between threads); the only per-match mutable
/// state is the match data, which lives in a `MatchScratch` owned by the calling thread.
public final class Pattern: @unchecked Sendable {
    /// Compile-time choices for a pattern.
    public struct Options: Sendable, Equatable {
        /// Match letter case exactly; off by default.
        public var caseSensitive: Bool
        /// Try to JIT-compile the pattern; on by default.
        public var jit: Bool
        /// Limits applied to each match.
        public var limits: MatchLimits
        /// PCRE2's start-of-match optimisations (e.g. giving up at once when a required character
        /// is absent); on by default. Off, every match is really attempted: lint uses that to find
        /// the worst case of a pattern.
        public var startOptimizations: Bool

        /// Creates options; the defaults are case-insensitive, JIT, standard limits, optimised.
        public init(
            caseSensitive: Bool = false, jit: Bool = true, limits: MatchLimits = .standard,
            startOptimizations: Bool = true
        ) {
            self.caseSensitive = caseSensitive
            self.jit = jit
            self.limits = limits
            self.startOptimizations = startOptimizations
        }
    }

    /// The pattern's source text.
    public let source: String
    /// The options it was compiled with.
    public let options: Options
    /// True when PCRE2 JIT-compiled the pattern.
    public let isJITCompiled: Bool

    private let code: OpaquePointer
    private let matchContext: OpaquePointer

    /// Compiles `source`.
    /// - Throws: `PCRE2Error` of kind `.compile` with PCRE2's message and the offset into `source`.
    public init(_ source: String, options: Options = Options()) throws(PCRE2Error) {
        self.source = source
        self.options = options
        // \C (one code unit) could split a UTF-8 character and yield ranges that are not String indices.
        var flags = UInt32(PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C)
        if !options.caseSensitive { flags |= UInt32(PCRE2_CASELESS) }
        if !options.startOptimizations { flags |= UInt32(PCRE2_NO_START_OPTIMIZE) }
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let compiled =
            source.utf8.withContiguousStorageIfAvailable { bytes in
                pcre2_compile_8(bytes.baseAddress, bytes.count, flags, &errorCode, &errorOffset, nil)
            }
            ?? {
                var copy = source
                return copy.withUTF8 { pcre2_compile_8($0.baseAddress, $0.count, flags, &errorCode, &errorOffset, nil) }
            }()
        guard let compiled else {
            throw PCRE2Error(compileCode: errorCode, offset: errorOffset, pattern: source)
        }
        guard let context = pcre2_match_context_create_8(nil) else {
            pcre2_code_free_8(compiled)
            throw PCRE2Error(matchCode: PCRE2_ERROR_NOMEMORY)
        }
        pcre2_set_match_limit_8(context, options.limits.matchLimit)
        pcre2_set_depth_limit_8(context, options.limits.depthLimit)
        pcre2_set_heap_limit_8(context, options.limits.heapLimitKiB)
        self.code = compiled
        self.matchContext = context
        self.isJITCompiled = options.jit && pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
    }

    deinit {
        pcre2_match_context_free_8(matchContext)
        pcre2_code_free_8(code)
    }

    /// The first match in `subject`, or nil.
    /// - Throws: `PCRE2Error` when a limit stopped the match (`isLimit`) or PCRE2 failed.
    public func firstMatch(in subject: String, using scratch: MatchScratch? = nil) throws(PCRE2Error) -> PatternMatch? {
        guard let bytes = try matchUTF8Range(in: subject, scratch: scratch ?? MatchScratch()) else { return nil }
        let utf8 = subject.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)
        let upper = utf8.index(lower, offsetBy: bytes.count)
        return PatternMatch(range: lower..<upper, text: String(subject[lower..<upper]), utf8Range: bytes)
    }

    /// True when the pattern matches somewhere in `subject`. Pass a `MatchScratch` to reuse its
    /// memory across many matches on one thread.
    /// - Throws: `PCRE2Error` when a limit stopped the match or PCRE2 failed.
    public func matches(_ subject: String, using scratch: MatchScratch? = nil) throws(PCRE2Error) -> Bool {
        try matchUTF8Range(in: subject, scratch: scratch ?? MatchScratch()) != nil
    }

    private func matchUTF8Range(in subject: String, scratch: MatchScratch) throws(PCRE2Error) -> Range<Int>? {
        let matchData = scratch.matchData
        // Swift strings are always valid UTF-8, so PCRE2's own UTF check is redundant.
        let options = UInt32(PCRE2_NO_UTF_CHECK)
        let result: Int32
        if let direct = subject.utf8.withContiguousStorageIfAvailable({ bytes in
            pcre2_match_8(code, bytes.baseAddress, bytes.count, 0, options, matchData, matchContext)
        }) {
            result = direct
        } else {
            var copy = subject
            result = copy.withUTF8 {
                pcre2_match_8(code, $0.baseAddress, $0.count, 0, options, matchData, matchContext)
            }
        }
        if result == PCRE2_ERROR_NOMATCH { return nil }
        if result < 0 { throw PCRE2Error(matchCode: result) }
        // result 0 means "matched, but the ovector had no room for the groups": pair 0 is still set.
        guard let ovector = pcre2_get_ovector_pointer_8(matchData) else { return nil }
        let start = ovector[0]
        let end = ovector[1]
        guard start != cpcre2_unset(), end >= start else { return nil }
        return Int(start)..<Int(end)
    }
}

/// Memory PCRE2 uses during a match (its match data), reusable across matches of any pattern.
///
/// Not `Sendable`: one scratch serves one thread at a time. Matching without one allocates a
/// fresh scratch per call; a caller that runs many patterns over one message (the matcher does)
/// creates one and passes it to each.
public final class MatchScratch {
    let matchData: OpaquePointer

    /// Creates a scratch that records the whole match (no capture groups).
    public init() {
        guard let data = pcre2_match_data_create_8(1, nil) else {
            fatalError("PCRE2 could not allocate match data (out of memory)")
        }
        matchData = data
    }

    deinit { pcre2_match_data_free_8(matchData) }
}
