import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A request as the handler sees it: complete, its body within the limit.
public struct IncomingRequest: Sendable {
    public var method: String
    /// The path without the query.
    public var path: String
    public var query: String?
    /// In the order sent; names as sent (compare case-insensitively: `header(_:)`).
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    /// The first value of header `name`, any case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// What the handler answers.
public struct OutgoingResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A short text answer (`text/plain`), one line.
    public static func text(_ status: Int, _ text: String) -> OutgoingResponse {
        OutgoingResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array((text + "\n").utf8))
    }
}

/// An HTTP/1.1 server on swift-nio (NIO parses; nothing here reads HTTP by hand) for senders we do
/// not control: a body over the limit gets 413 before it is read whole, a request not complete
/// within the time limit (a slow or stalled client) is cut off, malformed HTTP gets NIO's 400, and
/// the handler runs on a serial queue of its own — it may block on the store — one request at a
/// time, answering only once it returns (so a 2xx can mean "durable"). Every answer closes the
/// connection: senders of webhooks open one per delivery anyway.
public final class HTTPServer: @unchecked Sendable {
    public struct Limits: Sendable {
        /// The largest body accepted.
        public var bodyBytes: Int
        /// How long a client may take to send its whole request.
        public var requestTime: TimeAmount
        /// How many connections may be open at once; more are closed at once.
        public var connections: Int

        public init(bodyBytes: Int = 1 << 20, requestTime: TimeAmount = .seconds(10), connections: Int = 64) {
            self.bodyBytes = bodyBytes
            self.requestTime = requestTime
            self.connections = connections
        }
    }

    /// The port it listens on (the one chosen, when 0 was asked for).
    public let port: Int
    private let channel: any Channel
    private let queue = DispatchQueue(label: "warroom.http.handler")

    /// Listens on `host:port` (port 0: any free one). Throws when it cannot bind.
    public init(host: String, port: Int, limits: Limits = Limits(),
                handler: @escaping @Sendable (IncomingRequest) -> OutgoingResponse) throws {
        let queue = self.queue
        let open = ConnectionCount(limit: limits.connections)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                guard open.enter() else { return channel.close() }
                channel.closeFuture.whenComplete { _ in open.leave() }
                return channel.pipeline.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: true)
                    .flatMap {
                        channel.pipeline.addHandler(RequestHandler(limits: limits, queue: queue, handler: handler))
                    }
            }
        channel = try bootstrap.bind(host: host, port: port).wait()
        self.port = channel.localAddress?.port ?? port
    }

    /// Stops listening; requests being handled finish.
    public func close() {
        let closing: EventLoopFuture<Void> = channel.close()
        _ = try? closing.wait()
    }

    deinit { close() }
}

/// Open connections, counted across the event loops.
private final class ConnectionCount: @unchecked Sendable {
    private let lock = NSLock()
    private var open = 0
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func enter() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard open < limit else { return false }
        open += 1
        return true
    }

    func leave() {
        lock.lock()
        open -= 1
        lock.unlock()
    }
}

/// One connection: collects one request within the limits, hands it to the handler's queue, writes
/// the answer and closes.
private final class RequestHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let limits: HTTPServer.Limits
    private let queue: DispatchQueue
    private let handler: @Sendable (IncomingRequest) -> OutgoingResponse
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var answered = false
    private var deadline: Scheduled<Void>?

    init(limits: HTTPServer.Limits, queue: DispatchQueue, handler: @escaping @Sendable (IncomingRequest) -> OutgoingResponse) {
        self.limits = limits
        self.queue = queue
        self.handler = handler
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // A client that has not sent its whole request by then is cut off (slowloris).
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: limits.requestTime) {
            let _: EventLoopFuture<Void> = channel.close()
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) { deadline?.cancel() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            if let length = requestHead.headers.first(name: "content-length").flatMap(Int.init), length > limits.bodyBytes {
                answer(context, .text(413, "the body is over \(limits.bodyBytes) bytes"))
            }
        case .body(var buffer):
            guard body.count + buffer.readableBytes <= limits.bodyBytes else {
                answer(context, .text(413, "the body is over \(limits.bodyBytes) bytes"))
                return
            }
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            deadline?.cancel()
            let parts = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            let request = IncomingRequest(method: head.method.rawValue, path: String(parts.first ?? ""),
                                          query: parts.count > 1 ? String(parts[1]) : nil,
                                          headers: head.headers.map { ($0.name, $0.value) }, body: body)
            answered = true
            let handler = self.handler
            let loop = context.eventLoop
            let bound = NIOLoopBound((self, context), eventLoop: loop)
            queue.async {
                let response = handler(request)
                loop.execute { bound.value.0.write(bound.value.1, response) }
            }
        }
    }

    private func answer(_ context: ChannelHandlerContext, _ response: OutgoingResponse) {
        answered = true
        deadline?.cancel()
        write(context, response)
    }

    private func write(_ context: ChannelHandlerContext, _ response: OutgoingResponse) {
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        headers.replaceOrAdd(name: "Connection", value: "close")
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: response.body.count)
        buffer.writeBytes(response.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            let _: EventLoopFuture<Void> = channel.close()
        }
    }
}
