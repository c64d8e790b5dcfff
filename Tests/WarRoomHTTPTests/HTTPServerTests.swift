import Foundation
import Testing
import WarRoomHTTP
#if canImport(Glibc)
import Glibc
#endif

/// The HTTP edge against real loopback sockets: a request handed over whole, the limits a sender
/// cannot get past (body size, a stalled request, malformed HTTP), and the client's answers and
/// failures worded without the URL's secrets.
@Suite struct HTTPServerTests {
    /// A recorder of what the handler saw.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var requests: [IncomingRequest] = []
        func add(_ request: IncomingRequest) { lock.lock(); requests.append(request); lock.unlock() }
        var all: [IncomingRequest] { lock.lock(); defer { lock.unlock() }; return requests }
    }

    func echoServer(_ seen: Seen, limits: HTTPServer.Limits = .init()) throws -> HTTPServer {
        try HTTPServer(host: "127.0.0.1", port: 0, limits: limits) { request in
            seen.add(request)
            if request.path == "/moved" { return OutgoingResponse(status: 302, headers: [("Location", "http://127.0.0.1:1/elsewhere")]) }
            if request.path.hasPrefix("/slow") { Thread.sleep(forTimeInterval: 3) }
            return OutgoingResponse(status: 202, headers: [("X-Echo", request.header("x-test") ?? "")], body: request.body)
        }
    }

    /// Sends `bytes` on a raw TCP connection, then reads until the server closes (or 5 s pass).
    func raw(_ port: Int, _ bytes: [UInt8], thenWait: Bool = true) -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return "connect failed" }
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    @Test("A request is handed over whole; the answer comes back as the handler gave it")
    func roundTrip() throws {
        let seen = Seen()
        let server = try echoServer(seen)
        defer { server.close() }
        let body = Array("{\"status\":\"firing\"}".utf8)
        let answer = try HTTPClient().send("POST", "http://127.0.0.1:\(server.port)/alertmanager?x=1",
                                           headers: [("X-Test", "42"), ("Content-Type", "application/json")], body: body,
                                           timeout: 10).get()
        #expect(answer.status == 202 && answer.body == body && answer.header("x-echo") == "42")
        let request = try #require(seen.all.first)
        #expect(request.method == "POST" && request.path == "/alertmanager" && request.query == "x=1")
        #expect(request.body == body && request.header("CONTENT-TYPE") == "application/json")
    }

    @Test("A body over the limit gets 413, by its length or as it streams, and the handler never runs",
          arguments: [true, false])
    func bodyLimit(_ declared: Bool) throws {
        let seen = Seen()
        let server = try echoServer(seen, limits: .init(bodyBytes: 1_000))
        defer { server.close() }
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 5_000)
        var head = "POST /grafana HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        head += declared ? "Content-Length: \(body.count)\r\n\r\n" : "Transfer-Encoding: chunked\r\n\r\n"
        let payload = declared ? Array(head.utf8) + body
            : Array(head.utf8) + Array("\(String(body.count, radix: 16))\r\n".utf8) + body + Array("\r\n0\r\n\r\n".utf8)
        let answer = raw(server.port, payload)
        #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(80))")
        #expect(seen.all.isEmpty)
        // Within the limit, the same server takes it.
        let small = try HTTPClient().send("POST", "http://127.0.0.1:\(server.port)/grafana", headers: [], body: Array(body.prefix(900)),
                                          timeout: 10).get()
        #expect(small.status == 202 && seen.all.count == 1)
    }

    @Test("A request not complete within the time limit is cut off; malformed HTTP gets 400; neither reaches the handler")
    func hostileClients() throws {
        let seen = Seen()
        let server = try echoServer(seen, limits: .init(requestTime: .milliseconds(300)))
        defer { server.close() }
        let stalled = raw(server.port, Array("POST /alertmanager HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc".utf8))
        #expect(stalled.isEmpty, "the server closed without an answer: \(stalled.prefix(80))")
        let garbage = raw(server.port, Array("NOT HTTP AT ALL\r\n\r\n".utf8))
        #expect(garbage.hasPrefix("HTTP/1.1 400"), "\(garbage.prefix(80))")
        #expect(seen.all.isEmpty)
        #expect(try HTTPClient().send("POST", "http://127.0.0.1:\(server.port)/x", headers: [], body: [1], timeout: 10).get().status == 202,
                "the server still serves")
    }

    @Test("The client follows no redirect, and says why there was no answer without the URL's path")
    func clientFailures() throws {
        let seen = Seen()
        let server = try echoServer(seen)
        let port = server.port
        let client = HTTPClient()
        #expect(try client.send("POST", "http://127.0.0.1:\(port)/moved", headers: [], body: [], timeout: 10).get().status == 302)
        let slow = client.send("POST", "http://127.0.0.1:\(port)/slow/T0K3N", headers: [], body: [], timeout: 1)
        #expect(slow.failureValue == .timedOut(host: "127.0.0.1", seconds: 1))
        server.close()
        // A client of its own: one that kept a connection alive to the closed server may see it
        // reset, which is another failure than the refusal looked for here.
        let refused = HTTPClient().send("POST", "http://127.0.0.1:\(port)/hooks/T0K3N", headers: [], body: [], timeout: 5)
        #expect(refused.failureValue == .refused(host: "127.0.0.1"))
        let refusedText = refused.failureValue.map { "\($0)" } ?? ""
        #expect(!refusedText.isEmpty && !refusedText.contains("T0K3N"), "\(refusedText)")
        #expect(client.send("POST", "ftp://127.0.0.1/x", headers: [], body: [], timeout: 5).failureValue == .badURL)
    }
}

extension HTTPServerTests {
    @Test("A server that accepts and then resets the connection: a transport failure, not an answer")
    func resetByPeer() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 4) == 0 && getsockname(listener, pointer, &length) == 0
            }
        }
        try #require(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let resetter = Thread {
            let connection = accept(listener, nil, nil)
            var buffer = [UInt8](repeating: 0, count: 1024)
            _ = recv(connection, &buffer, buffer.count, 0)
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0) // close with RST
            setsockopt(connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            close(connection)
        }
        resetter.start()
        let result = HTTPClient().send("POST", "http://127.0.0.1:\(port)/v2/enqueue", headers: [], body: Array("{}".utf8), timeout: 10)
        guard case let .failure(error) = result else {
            Issue.record("a reset connection gave an answer: \(result)")
            return
        }
        #expect(error == .unreachable(host: "127.0.0.1", reason: "the connection was reset before the answer"), "\(error)")
    }
}

extension Result {
    var failureValue: Failure? { if case let .failure(error) = self { error } else { nil } }
}
