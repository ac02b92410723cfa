import Foundation
public import Glibc
import Synchronization

/// Drops SFTP connections mid-transfer the way a network failure would: SIGKILL to sshd's
/// per-connection processes (found by parent pid through /proc, never by name) once `condition`
/// holds, checked every 5 ms on a thread of its own.
public final class SessionKiller: Sendable {
    private let done = Mutex(false)
    private let fired = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Whether the connections were killed.
    public var hasFired: Bool { fired.withLock { $0 } }

    /// - Parameters:
    ///   - sshd: the listening sshd's process id.
    ///   - condition: called with the session processes' total bytes read from files and sockets
    ///     (`rchar` in /proc/PID/io).
    public init(sshd: pid_t, when condition: @escaping @Sendable (_ bytesRead: Int64) -> Bool) {
        Thread.detachNewThread { [self] in
            defer { finished.signal() }
            while !done.withLock({ $0 }) {
                let sessions = SSHServer.descendants(of: sshd)
                let read = sessions.reduce(Int64(0)) { $0 + Self.bytesRead(by: $1) }
                if !sessions.isEmpty && condition(read) {
                    for pid in sessions { kill(pid, SIGKILL) }
                    fired.withLock { $0 = true }
                    return
                }
                usleep(5_000)
            }
        }
    }

    /// Stops watching and waits for the thread.
    public func stop() {
        done.withLock { $0 = true }
        finished.wait()
    }

    private static func bytesRead(by pid: pid_t) -> Int64 {
        guard let io = try? String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8),
            let line = io.split(separator: "\n").first(where: { $0.hasPrefix("rchar:") })
        else { return 0 }
        return Int64(line.dropFirst("rchar:".count).trimmingCharacters(in: .whitespaces)) ?? 0
    }
}
