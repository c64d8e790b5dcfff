import Foundation

/// What `prometheus_url` (and `slo status --prometheus-url`) may be: an http or https URL with a
/// host, and no query or fragment (the API's path is added to it).
public enum PrometheusURL {
    /// Nil when `url` will do, else what is wrong with it, for a person.
    public static func problem(with url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        let example = "such as http://prometheus:9090"
        guard !trimmed.isEmpty else { return "is empty: give the Prometheus server's URL, \(example)" }
        guard let parsed = URLComponents(string: trimmed), let scheme = parsed.scheme?.lowercased() else {
            return "'\(shown(trimmed))' is not a URL: give one \(example)"
        }
        guard scheme == "http" || scheme == "https" else {
            return "'\(shown(trimmed))' is not an http or https URL: give one \(example)"
        }
        guard let host = parsed.host, !host.isEmpty else { return "'\(shown(trimmed))' names no host: give one \(example)" }
        guard parsed.query == nil, parsed.fragment == nil else {
            return "'\(shown(trimmed))' has a query or a fragment: give the server's base URL, \(example)"
        }
        return nil
    }

    /// `url` without any `user:password@`, for messages.
    public static func shown(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.user != nil || parts.password != nil else { return url }
        parts.user = nil
        parts.password = nil
        return parts.string ?? url
    }
}
