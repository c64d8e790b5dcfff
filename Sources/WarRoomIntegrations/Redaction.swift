/// How credentials are hidden in anything shown: one place, so every description and verdict
/// hides them the same way.
public enum Redaction {
    /// What a hidden value becomes.
    public static let mask = "***"

    /// `text` with every secret (and its JSON-escaped form) replaced by `***`, longest first so a
    /// secret containing another is hidden whole.
    public static func scrub(_ text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets.filter({ !$0.isEmpty }).sorted(by: { $0.count > $1.count }) {
            for form in Set([secret, JSONValue.string(secret).text(pretty: false).dropFirst().dropLast().description]) {
                result = result.replacingAll(form, with: mask)
            }
        }
        return result
    }

    /// A URL shown: when the whole URL is a credential, its scheme and host (and the first path
    /// segment, which says what the URL is: `/services`, `/workflows`) then `***`; else scrubbed.
    public static func url(_ url: String, isSecret: Bool, secrets: [String]) -> String {
        guard isSecret else { return scrub(url, secrets: secrets) }
        guard let schemeEnd = url.firstRange(of: "://") else { return mask }
        let scheme = url[..<schemeEnd.upperBound]
        let afterScheme = url[schemeEnd.upperBound...]
        let hostEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        var host = String(afterScheme[..<hostEnd])
        // user:password@host: the credential part goes too.
        if let at = host.lastIndex(of: "@") { host = mask + "@" + host[host.index(after: at)...] }
        var shown = scheme + host + "/"
        let segments = afterScheme[hostEnd...].split(separator: "/", omittingEmptySubsequences: true)
        // A short all-letters first segment says what the URL is (`services`, `workflows`) and is
        // no credential; anything with digits or mixed case may be one.
        if segments.count > 1, let first = segments.first, first.count <= 12,
           first.allSatisfy({ ("a"..."z").contains($0) }) {
            shown += first + "/"
        }
        return scrub(shown + mask, secrets: secrets)
    }

    /// A header's value shown: `Authorization` keeps its scheme word only (`GenieKey ***`).
    public static func header(_ header: HTTPHeader, secrets: [String]) -> String {
        if header.name.lowercased() == "authorization" {
            let scheme = header.value.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            return scheme.isEmpty || scheme == header.value ? mask : "\(scheme) \(mask)"
        }
        return scrub(header.value, secrets: secrets)
    }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation-free, so it behaves the same everywhere).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
