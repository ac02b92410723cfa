import Sockets

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Drives the ranges of `SFTPSession.writeRanges` on the calling thread: one SFTP channel and
/// one pipelined file handle per range, each given its turn without blocking, the socket waited
/// on only when no range can move.
///
/// Everything is interleaved, opening too: the first range writes while the next channels are
/// still being opened (a few round trips each), and the handles close together at the end.
///
/// libssh2 sessions are single-threaded and their transport sends one packet at a time: when a
/// call answers `EAGAIN` with a packet half-sent (`SSHSession.isBlockedSending`), that same call
/// must be repeated before any other sends, so a range keeps its turn until then.
final class SFTPRangeWriter {
    /// Steps a range may take in one turn before the next range's.
    static let turnLength = 64
    /// How long the loop waits while some range waits for its source.
    static let sourcePollMilliseconds: Int32 = 2

    private let ssh: SSHSession
    private let path: String
    private var lanes: [Lane]

    init(ssh: SSHSession, path: String, ranges: [SFTPRange], writeWindow: Int) {
        self.ssh = ssh
        self.path = path
        lanes = ranges.map { Lane(path: path, offset: $0.offset, writeWindow: writeWindow, next: $0.next) }
    }

    func run() throws {
        do {
            try driveAll()
        } catch {
            abandon(after: error)
            throw error
        }
    }

    private func driveAll() throws {
        var deadline = Deadline(after: ssh.configuration.timeout)
        while lanes.contains(where: { !$0.isDone }) {
            var progressed = false
            for index in lanes.indices where !lanes[index].isDone {
                // libssh2 keeps one SFTP start-up state per connection: channels start in turn.
                let mayStart = !lanes[..<index].contains { $0.isStarting }
                if try takeTurn(index, mayStart: mayStart, deadline: deadline) { progressed = true }
            }
            if progressed {
                deadline = Deadline(after: ssh.configuration.timeout)
                continue
            }
            guard lanes.contains(where: \.awaitsServer) else {
                // Every range waits for its source with nothing in flight: the connection is idle,
                // not stalled, and there is nothing to read from it.
                deadline = Deadline(after: ssh.configuration.timeout)
                usleep(UInt32(Self.sourcePollMilliseconds) * 1000)
                continue
            }
            let starved = lanes.contains { !$0.isDone && !$0.awaitsServer }
            try ssh.waitForSocket(
                until: deadline, atMost: starved ? Self.sourcePollMilliseconds : nil, operation: "write", path: path)
        }
    }

    /// Steps one range until it would wait for the server or its source, or its turn is up;
    /// returns whether it moved.
    private func takeTurn(_ index: Int, mayStart: Bool, deadline: Deadline) throws -> Bool {
        let before = lanes[index].moves
        for _ in 0..<Self.turnLength {
            switch try lanes[index].step(ssh: ssh, mayStart: mayStart) {
            case .again:
                continue
            case .idle:
                return lanes[index].moves != before
            case .wouldBlock:
                while ssh.isBlockedSending {
                    // Only this call may finish the half-sent packet.
                    try ssh.waitForSocket(until: deadline, operation: "write", path: path)
                    guard try lanes[index].step(ssh: ssh, mayStart: mayStart) == .wouldBlock else { break }
                }
                return lanes[index].moves != before
            }
        }
        return lanes[index].moves != before
    }

    /// After a failure: the other ranges' bytes in flight are not waited for and their handles
    /// not closed; their channels close as the lanes go, which ends the server's side of them.
    private func abandon(after error: any Error) {
        let failure = error as? SFTPError ?? SFTPError(
            code: .closed, operation: "write", target: ssh.target(path), message: "abandoned after another range failed: \(error)")
        for lane in lanes { lane.abandon(failure) }
    }
}

@available(*, unavailable, message: "libssh2 sessions must not be used from two threads at once")
extension SFTPRangeWriter: Sendable {}
