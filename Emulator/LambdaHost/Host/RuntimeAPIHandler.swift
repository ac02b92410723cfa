import NIOCore
import NIOHTTP1

/// Serves the four Runtime API calls of one instance: `/next`, `/response`, `/error`, `/init/error`.
///
/// Requests are read whole (bodies up to Lambda's 6 MiB response limit; a larger one is drained and
/// refused with 413), handed to the instance's ``FunctionPool``, and answered on the channel's loop.
final class RuntimeAPIHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let pool: FunctionPool
    private let instance: Int
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var oversized = false

    init(pool: FunctionPool, instance: Int) {
        self.pool = pool
        self.instance = instance
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let received):
            head = received
            body.clear()
            oversized = false
            if received.headers["expect"].first?.lowercased() == "100-continue" {
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: received.version, status: .continue))), promise: nil)
            }
        case .body(var chunk):
            if body.readableBytes + chunk.readableBytes > RuntimeAPIServer.responseLimit {
                oversized = true
            } else if !oversized {
                body.writeBuffer(&chunk)
            }
        case .end:
            guard let received = head else { return }
            head = nil
            route(received, body: Array(body.readableBytesView), context: context)
        }
    }

    private func route(_ head: HTTPRequestHead, body: [UInt8], context: ChannelHandlerContext) {
        let reply = Replier(context: context, handler: self, keepAlive: head.isKeepAlive)
        let (pool, instance, oversized) = (self.pool, self.instance, self.oversized)
        switch RuntimeCall(method: head.method, uri: head.uri) {
        case .next:
            Task {
                let assignment = await pool.next(instance: instance).value
                reply.send(assignment.map(RuntimeReply.invocation) ?? .failure(.gone, "InstanceStopped", "this instance is being stopped"))
            }
        case .response(let requestID):
            let contentType = head.headers["content-type"].first ?? "application/json"
            Task {
                if oversized {
                    let known = await pool.responseTooLarge(requestID: requestID, instance: instance, limit: RuntimeAPIServer.responseLimit)
                    reply.send(known ? .failure(.payloadTooLarge, "RequestEntityTooLarge",
                        "Exceeded maximum allowed payload size (\(RuntimeAPIServer.responseLimit) bytes).") : .unknownRequest(requestID))
                } else {
                    let known = await pool.respond(requestID: requestID, instance: instance, body: body, contentType: contentType)
                    reply.send(known ? .accepted : .unknownRequest(requestID))
                }
            }
        case .error(let requestID):
            let errorType = head.headers["lambda-runtime-function-error-type"].first
            Task {
                let known = await pool.reportError(requestID: requestID, instance: instance, body: body, errorType: errorType)
                reply.send(known ? .accepted : .unknownRequest(requestID))
            }
        case .initError:
            Task {
                await pool.initFailed(instance: instance, body: body)
                reply.send(.accepted)
            }
        case .unknown:
            reply.send(.failure(.notFound, "UnknownPath", "no such Runtime API call: \(head.method) \(head.uri)"))
        }
    }

    /// Writes one reply on the channel's loop, from whichever task has it.
    fileprivate func write(_ reply: RuntimeReply, context: ChannelHandlerContext, keepAlive: Bool) {
        var headers = HTTPHeaders(reply.headers)
        headers.add(name: "content-length", value: String(reply.body.count))
        if !keepAlive { headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: reply.status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: reply.body)))), promise: nil)
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            written.whenComplete { [channel = context.channel] _ in channel.close(promise: nil) }
        }
    }
}

/// Hands a reply back to the channel's event loop, where the handler may write it.
private struct Replier: Sendable {
    let bound: NIOLoopBound<(ChannelHandlerContext, RuntimeAPIHandler)>
    let keepAlive: Bool

    init(context: ChannelHandlerContext, handler: RuntimeAPIHandler, keepAlive: Bool) {
        bound = NIOLoopBound((context, handler), eventLoop: context.eventLoop)
        self.keepAlive = keepAlive
    }

    func send(_ reply: RuntimeReply) {
        let (bound, keepAlive) = (self.bound, self.keepAlive)
        bound.eventLoop.execute {
            let (context, handler) = bound.value
            handler.write(reply, context: context, keepAlive: keepAlive)
        }
    }
}

/// The Runtime API call a request makes, from its method and path.
enum RuntimeCall: Equatable {
    case next
    case response(requestID: String)
    case error(requestID: String)
    case initError
    case unknown

    init(method: HTTPMethod, uri: String) {
        let path = uri.split(separator: "?", maxSplits: 1).first ?? ""
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 4, parts[0] == "2018-06-01", parts[1] == "runtime" else {
            self = .unknown
            return
        }
        switch (method, parts[2], parts[3], parts.count) {
        case (.GET, "invocation", "next", 4): self = .next
        case (.POST, "init", "error", 4): self = .initError
        case (.POST, "invocation", let requestID, 5) where parts[4] == "response": self = .response(requestID: requestID)
        case (.POST, "invocation", let requestID, 5) where parts[4] == "error": self = .error(requestID: requestID)
        default: self = .unknown
        }
    }
}
