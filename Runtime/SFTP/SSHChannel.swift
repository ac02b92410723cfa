internal import CLibSSH2

/// A session channel on an SSH connection running a subsystem (here a second `sftp`), owned here:
/// closed and freed in `deinit`. Holds its `SSHSession`, so the connection outlives the channel.
///
/// Every call goes through the session's poll loop, so a stalled server times out as elsewhere.
final class SSHChannel {
    let ssh: SSHSession
    private let raw: OpaquePointer

    /// Opens a session channel and starts `subsystem` on it.
    init(ssh: SSHSession, subsystem: String) throws {
        self.ssh = ssh
        let opened = try ssh.retrying("channel open") {
            libssh2_channel_open_ex(ssh.raw, "session", UInt32("session".utf8.count), 2 * 1024 * 1024, 32_768, nil, 0)
        }
        guard let opened else { throw ssh.failure(.ssh, "channel open", rc: libssh2_session_last_errno(ssh.raw)) }
        raw = opened
        let rc = try ssh.retrying("subsystem \(subsystem)") {
            libssh2_channel_process_startup(
                opened, "subsystem", UInt32("subsystem".utf8.count), subsystem, UInt32(subsystem.utf8.count))
        }
        if rc != 0 { throw ssh.failure(.ssh, "subsystem \(subsystem)", rc: rc) }
    }

    deinit {
        if !ssh.isBroken { _ = try? ssh.retrying("channel close") { libssh2_channel_close(raw) } }
        libssh2_channel_free(raw)
    }

    /// Sends all of `bytes`.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self) else { return }
            var offset = 0
            while offset < buffer.count {
                let remaining = buffer.count - offset
                let written = try ssh.retrying("channel write") { libssh2_channel_write_ex(raw, 0, base + offset, remaining) }
                if written < 0 { throw ssh.failure(.ssh, "channel write", rc: Int32(written)) }
                offset += written
            }
        }
    }

    /// Receives exactly `count` bytes; fails when the server closes the channel first.
    func read(count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self) else { return }
            var offset = 0
            while offset < count {
                let remaining = count - offset
                let received = try ssh.retrying("channel read") { libssh2_channel_read_ex(raw, 0, base + offset, remaining) }
                if received < 0 { throw ssh.failure(.ssh, "channel read", rc: Int32(received)) }
                if received == 0 {
                    throw SFTPError(
                        code: .ssh, operation: "channel read", target: ssh.target(nil),
                        message: "the server closed the channel mid-message")
                }
                offset += received
            }
        }
        return bytes
    }
}

@available(*, unavailable, message: "libssh2 sessions must not be used from two threads at once")
extension SSHChannel: Sendable {}
