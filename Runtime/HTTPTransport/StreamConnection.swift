/// A byte stream to one peer that HTTP/1.1 runs over: plain TCP (``TCPConnection``) or libcurl's
/// connection, which brings TLS with it (``CurlConnection``).
///
/// Failures are ``TransportError``s whichever the transport, so callers classify them one way
/// (`isConnectionFailure`, `isTransient`).
public protocol StreamConnection: AnyObject {
    /// Whether the stream is open; false before `connect()`, after `drop()` and once the peer closed.
    var isConnected: Bool { get }
    /// Opens the stream; an open one is closed and replaced.
    func connect() throws(TransportError)
    /// Closes the stream, so the next exchange connects first.
    func drop()
    /// Sends every byte, waiting while the socket is full.
    func send(_ bytes: UnsafeRawBufferPointer) throws(TransportError)
    /// Receives what is available, waiting for something to arrive.
    /// - Returns: the byte count, 0 when the peer closed the stream.
    func receive(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int
}

extension CurlConnection: StreamConnection {}
