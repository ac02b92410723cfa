import NIOCore
import NIOHTTP1
import NIOPosix

/// The Lambda Runtime API of one instance, on a loopback port of its own.
///
/// Each instance gets its own endpoint, as in Lambda, so a runtime in any language can use
/// `AWS_LAMBDA_RUNTIME_API` as the plain `host:port` it expects, and every request is known to
/// come from that instance. Two of the three HTTP exchanges of every invocation happen here, so it
/// is a plain NIO pipeline (``RuntimeAPIHandler``) rather than a framework's router.
enum RuntimeAPIServer {
    /// A server that is listening; `stop()` ends it.
    struct Running: Sendable {
        let port: Int
        let channel: any Channel

        func stop() { channel.close(promise: nil) }
    }

    /// Lambda's limit on a synchronous response.
    static let responseLimit = 6 * 1024 * 1024

    static func start(pool: FunctionPool, instance: Int) async throws(HostError) -> Running {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(RuntimeAPIHandler(pool: pool, instance: instance))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
            guard let port = channel.localAddress?.port else {
                channel.close(promise: nil)
                throw HostError(.cannotStart, "the Runtime API endpoint has no port")
            }
            return Running(port: port, channel: channel)
        } catch let error as HostError {
            throw error
        } catch {
            throw HostError(.cannotStart, "cannot open a Runtime API endpoint on 127.0.0.1: \(error)")
        }
    }
}
