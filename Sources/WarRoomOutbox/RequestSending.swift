import WarRoomCore
import WarRoomHTTP
import WarRoomIntegrations

/// What came back for one request: an HTTP answer (any status), or why none came.
public enum SendOutcome: Sendable {
    case answer(status: Int, headers: [(String, String)], body: [UInt8])
    case failure(TransportFailure)
}

/// Sends one request and waits for its whole answer, at most `timeout`. `HTTPClient` is the real
/// one; tests pass their own (a recording fake) or the real one against a loopback receiver.
public protocol RequestSending: Sendable {
    func send(_ request: OutboundRequest, timeout: TimeSpan) -> SendOutcome
}

extension HTTPClient: RequestSending {
    /// The request on the wire, as it is (the body's exact bytes, the headers in order).
    public func send(_ request: OutboundRequest, timeout: TimeSpan) -> SendOutcome {
        let seconds = max(1, Int(timeout.secondsRoundedUp))
        let result = send(request.method, request.url, headers: request.headers.map { ($0.name, $0.value) },
                          body: request.body, timeout: seconds)
        switch result {
        case .success(let answer):
            return .answer(status: answer.status, headers: answer.headers.map { ($0.name, $0.value) }, body: answer.body)
        case .failure(let error):
            return .failure(Self.transportFailure(error))
        }
    }

    /// The client's words as the verdict's kinds (none holds the URL's path).
    static func transportFailure(_ error: HTTPTransportError) -> TransportFailure {
        switch error {
        case .timedOut: return .timeout
        case .refused: return .connectionRefused
        case .badURL: return .other(error.description)
        case .unreachable(_, let reason):
            if reason.contains("reset") { return .connectionReset }
            if reason.contains("does not resolve") { return .nameNotResolved }
            if reason.hasPrefix("TLS") { return .tls(reason) }
            return .other(reason)
        }
    }
}
