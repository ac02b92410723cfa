import Hummingbird
import Logging

/// Serves one of the emulator's local AWS APIs (Invoke, EventBridge, Step Functions, API Gateway) on
/// `hostname:port` until the task is cancelled: HTTP/1.1 that answers `Expect: 100-continue` at once
/// (`ContinueHandler`), no `Server` header, and Hummingbird's own log silenced (`label` names it).
/// - Parameter onListening: called with the bound port once the server accepts connections.
func serveLocalAPI<Responder: HTTPResponder>(
    _ responder: Responder, label: String, hostname: String, port: Int, onListening: @escaping @Sendable (Int) -> Void
) async throws where Responder.Context == BasicRequestContext {
    var logger = Logger(label: label)
    logger.logLevel = .critical
    let app = Application(
        responder: responder, server: .http1(configuration: .init(additionalChannelHandlers: [ContinueHandler()])),
        configuration: .init(address: .hostname(hostname, port: port), serverName: nil),
        onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) }, logger: logger)
    try await app.run()
}
