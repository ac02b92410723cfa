internal import CLibSSH2
import Sockets

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension SSHSession {
    /// Calls `call` until it stops answering `LIBSSH2_ERROR_EAGAIN`, waiting on the socket in
    /// between, and fails with `.timeout` when the operation takes longer than the configured
    /// timeout.
    ///
    /// - Parameters:
    ///   - operation: names the operation in a timeout error, e.g. `read`.
    ///   - path: the remote path it concerns, if any.
    func retrying<T>(
        _ operation: String, path: String? = nil, _ call: () -> T, wouldBlock: (T) -> Bool
    ) throws -> T {
        try checkUsable(operation, path: path)
        let deadline = Deadline(after: configuration.timeout)
        while true {
            let result = call()
            guard wouldBlock(result) else { return result }
            try waitForSocket(until: deadline, operation: operation, path: path)
        }
    }

    /// Throws `.closed` once an earlier timeout left the connection unusable.
    func checkUsable(_ operation: String, path: String? = nil) throws {
        guard isBroken else { return }
        throw SFTPError(
            code: .closed, operation: operation, target: target(path),
            message: "the connection is unusable after an earlier timeout; open a new one")
    }

    /// `retrying` for calls that return an `int` status.
    func retrying(_ operation: String, path: String? = nil, _ call: () -> Int32) throws -> Int32 {
        try retrying(operation, path: path, call) { $0 == LIBSSH2_ERROR_EAGAIN }
    }

    /// `retrying` for calls that return a byte count (`ssize_t`).
    func retrying(_ operation: String, path: String? = nil, _ call: () -> Int) throws -> Int {
        try retrying(operation, path: path, call) { $0 == Int(LIBSSH2_ERROR_EAGAIN) }
    }

    /// `retrying` for calls that return a handle, NULL with `EAGAIN` as the last error meaning
    /// "call again".
    func retrying(_ operation: String, path: String? = nil, _ call: () -> OpaquePointer?) throws -> OpaquePointer? {
        try retrying(operation, path: path, call) { $0 == nil && libssh2_session_last_errno(raw) == LIBSSH2_ERROR_EAGAIN }
    }

    /// Waits until the socket is ready in the directions libssh2 is blocked on, or `limit`
    /// milliseconds when given; throws `.timeout` once `deadline` has passed.
    func waitForSocket(until deadline: Deadline, atMost limit: Int32? = nil, operation: String, path: String?) throws {
        let directions = libssh2_session_block_directions(raw)
        var events: Int16 = 0
        if directions & LIBSSH2_SESSION_BLOCK_INBOUND != 0 { events |= Int16(POLLIN) }
        if directions & LIBSSH2_SESSION_BLOCK_OUTBOUND != 0 { events |= Int16(POLLOUT) }
        var remaining = deadline.remainingMilliseconds
        guard remaining > 0 else { throw timeout(operation, path: path) }
        if let limit { remaining = min(remaining, limit) }
        if events == 0 {
            // EAGAIN without a direction: libssh2 wants another call soon; do not sleep long.
            events = Int16(POLLIN)
            remaining = min(remaining, 10)
        }
        var pollfd = Glibc.pollfd(fd: socket.descriptor, events: events, revents: 0)
        let ready = poll(&pollfd, 1, remaining)
        if ready < 0 && errno != EINTR {
            throw SFTPError(
                code: .ssh, operation: operation, target: target(path),
                message: "poll failed: \(String(cString: strerror(errno)))")
        }
        if ready == 0 && deadline.hasPassed { throw timeout(operation, path: path) }
    }

    /// Whether libssh2's last `EAGAIN` left a packet half-sent: then the next call that sends
    /// must be the very same call, or the transport refuses it.
    var isBlockedSending: Bool {
        libssh2_session_block_directions(raw) & LIBSSH2_SESSION_BLOCK_OUTBOUND != 0
    }

    func timeout(_ operation: String, path: String?) -> SFTPError {
        isBroken = true
        return SFTPError(
            code: .timeout, operation: operation, target: target(path),
            message: "\(operation) made no progress within \(configuration.timeout)",
            libssh2Error: LIBSSH2_ERROR_TIMEOUT)
    }

    /// `user@host:port` plus `path` when there is one.
    func target(_ path: String?) -> String {
        guard let path else { return configuration.endpoint }
        return configuration.endpoint + (path.hasPrefix("/") ? path : "/" + path)
    }

    /// An error from libssh2's last error number and message.
    func failure(_ code: SFTPError.Code, _ operation: String, path: String? = nil, rc: Int32) -> SFTPError {
        var message: UnsafeMutablePointer<CChar>?
        var length: Int32 = 0
        let last = libssh2_session_last_error(raw, &message, &length, 0)
        var text = message.map { String(cString: $0) } ?? "libssh2 error \(rc)"
        let error = last != 0 ? last : rc
        if [LIBSSH2_ERROR_SOCKET_RECV, LIBSSH2_ERROR_SOCKET_SEND, LIBSSH2_ERROR_SOCKET_DISCONNECT].contains(error) {
            text = "the connection was lost: the partner closed it or the network failed (\(text))"
        }
        return SFTPError(code: code, operation: operation, target: target(path), message: text, libssh2Error: error)
    }
}
