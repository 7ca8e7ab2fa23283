import Crypto
import GRDB
import ResponderCore

extension Store {
    /// One spelling per value, so that one person's number written `+86 138-0013-8000`,
    /// `13800138000` or in full-width digits gets one pseudonym: full-width folded, case folded,
    /// separators dropped, and for phone numbers China's country code too.
    static func canonical(_ value: Substring, kind: Redactor.Kind) -> String {
        let folded = String(
            String.UnicodeScalarView(
                value.unicodeScalars.map { scalar in
                    (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar
                })
        ).lowercased()
        guard kind == .phone else { return folded.filter { !" -()._".contains($0) } }
        var digits = folded.filter(\.isASCII).filter(\.isNumber)
        for prefix in ["0086", "86"] where digits.hasPrefix(prefix) && digits.count - prefix.count >= 10 {
            digits.removeFirst(prefix.count)
            break
        }
        return digits
    }

    /// An identifier (conversation, customer or message id) with personal data replaced by a
    /// keyed pseudonym (`wechat:[phone:3f9a1c2b5e7d4a60]`), when redaction is on: the first 64
    /// bits of the canonical value's HMAC-SHA256 under the store's key, in hex. Unlike a mask,
    /// the pseudonym keeps different people's ids apart and the same person's ids equal, so
    /// lookups by id still work; without the store's key it cannot be traced back.
    func pseudonymised(_ identifier: String) -> String {
        replacingPersonalData(in: identifier) { value in
            let code = HMAC<SHA256>.authenticationCode(for: Array(value.utf8), using: SymmetricKey(data: pseudonymKey))
            return code.prefix(8).map { byte in
                String(Self.hexDigits[Int(byte >> 4)]) + String(Self.hexDigits[Int(byte & 0x0F)])
            }.joined()
        }
    }

    /// The forms `identifier` may be stored under: its pseudonym; in a store that holds rows
    /// from before HMAC pseudonyms, the 32-bit SipHash pseudonym those rows have; and in a store
    /// that holds rows from before numbers glued to letters counted as personal data
    /// (`wa-13800138000`), the identifier as those rows have it. Each only when it differs.
    func storedForms(of identifier: String) -> [String] {
        var forms = [pseudonymised(identifier)]
        if let legacyPseudonyms {
            let legacy = replacingPersonalData(in: identifier) { value in
                let digest = String(legacyPseudonyms.hash(Array(value.utf8)) >> 32, radix: 16)
                return String(repeating: "0", count: 8 - digest.count) + digest
            }
            if !forms.contains(legacy) { forms.append(legacy) }
        }
        if legacyGluedIdentifiers, !forms.contains(identifier) { forms.append(identifier) }
        return forms
    }

    /// SQL matching a ledger row of a conversation and message key under any of their stored
    /// forms (`storedForms`, today's first), with its arguments: every pairing, since the two
    /// ids of an older row need not be of the same generation.
    static func messageKeyCondition(
        conversations: [String], keys: [String]
    ) -> (sql: String, arguments: StatementArguments) {
        let pairs = conversations.flatMap { conversation in keys.map { (conversation, $0) } }
        return (
            "("
                + Array(repeating: "(conversation = ? AND message_key = ?)", count: pairs.count)
                .joined(separator: " OR ") + ")",
            StatementArguments(pairs.flatMap { [$0.0, $0.1] })
        )
    }

    private static let hexDigits = Array("0123456789abcdef")

    /// `identifier` with each piece of personal data replaced by `[kind:code]`, `code` being
    /// what `pseudonym` makes of its canonical spelling; unchanged when redaction is off.
    private func replacingPersonalData(in identifier: String, by pseudonym: (String) -> String) -> String {
        guard let redactor else { return identifier }
        let findings = redactor.findings(in: identifier)
        guard !findings.isEmpty else { return identifier }
        var result = ""
        var position = identifier.startIndex
        for finding in findings {
            result += identifier[position..<finding.range.lowerBound]
            let value = Self.canonical(identifier[finding.range], kind: finding.kind)
            result += "[\(finding.kind.rawValue):" + pseudonym(value) + "]"
            position = finding.range.upperBound
        }
        return result + identifier[position...]
    }
}
