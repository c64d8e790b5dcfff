import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What a destination answered.
public struct HTTPAnswer: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    /// The first value of header `name`, any case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Why there was no answer: what a tired person reads, and never the URL's path or query (where
/// webhook tokens live).
public enum HTTPTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    case timedOut(host: String, seconds: Int)
    case refused(host: String)
    case unreachable(host: String, reason: String)
    case badURL

    public var description: String {
        switch self {
        case let .timedOut(host, seconds): "\(host) did not answer within \(seconds) s"
        case let .refused(host): "\(host) refused the connection (nothing listening?)"
        case let .unreachable(host, reason): "\(host) could not be reached: \(reason)"
        case .badURL: "the URL is not one warroom can send to"
        }
    }
}

/// Sends one request and waits for its whole answer, on Foundation's URLSession (no redirects
/// followed: a webhook that moves must be reconfigured, not silently chased; no cookies, no cache).
public final class HTTPClient: @unchecked Sendable {
    private let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    /// `method url` with `headers` and `body`, waiting at most `timeout` seconds for the answer.
    public func send(_ method: String, _ url: String, headers: [(name: String, value: String)], body: [UInt8],
                     timeout: Int) -> Result<HTTPAnswer, HTTPTransportError> {
        guard let target = URL(string: url), let scheme = target.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = target.host, !host.isEmpty else { return .failure(.badURL) }
        var request = URLRequest(url: target, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: TimeInterval(timeout))
        request.httpMethod = method
        for (name, value) in headers { request.addValue(value, forHTTPHeaderField: name) }
        if !body.isEmpty { request.httpBody = Data(body) }
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        let task = session.dataTask(with: request) { data, response, error in
            if let response = response as? HTTPURLResponse {
                let headers = response.allHeaderFields.compactMap { key, value -> (name: String, value: String)? in
                    guard let name = key as? String else { return nil }
                    return (name, "\(value)")
                }
                outcome.result = .success(HTTPAnswer(status: response.statusCode, headers: headers, body: Array(data ?? Data())))
            } else {
                outcome.result = .failure(Self.transportError(error, host: host, timeout: timeout))
            }
            done.signal()
        }
        task.resume()
        // The whole answer within `timeout`: URLSession's own timeout is one of inactivity, which
        // corelibs Foundation did not enforce here against a server that accepted and said nothing.
        if done.wait(timeout: .now() + .seconds(timeout)) == .timedOut {
            task.cancel()
            return .failure(.timedOut(host: host, seconds: timeout))
        }
        return outcome.result ?? .failure(.unreachable(host: host, reason: "no answer"))
    }

    static func transportError(_ error: (any Error)?, host: String, timeout: Int) -> HTTPTransportError {
        guard let error = error as? URLError else { return .unreachable(host: host, reason: "no answer") }
        switch error.code {
        case .timedOut: return .timedOut(host: host, seconds: timeout)
        case .cannotConnectToHost: return .refused(host: host)
        case .networkConnectionLost: return .unreachable(host: host, reason: "the connection was reset before the answer")
        case .cannotFindHost, .dnsLookupFailed: return .unreachable(host: host, reason: "its name does not resolve")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
             .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return .unreachable(host: host, reason: "TLS failed (\(error.code.rawValue))")
        case .notConnectedToInternet: return .unreachable(host: host, reason: "this machine has no network")
        default: return .unreachable(host: host, reason: "URL error \(error.code.rawValue)")
        }
    }

    private final class Outcome: @unchecked Sendable {
        var result: Result<HTTPAnswer, HTTPTransportError>?
    }
}

/// Refuses every redirect: the answer is the 3xx itself.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
