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
/// libssh2 sessions are single-threaded and their transport sends one packet at a time: when a
/// call answers `EAGAIN` with a packet half-sent (`SSHSession.isBlockedSending`), that same call
/// must be repeated before any other sends, so a range keeps its turn until then.
final class SFTPRangeWriter {
    /// Acknowledgements a range may take in one turn before the next range's.
    static let turnLength = 64
    /// How long the loop waits on the socket while some range waits for its source.
    static let sourcePollMilliseconds: Int32 = 2

    private let ssh: SSHSession
    private let path: String
    private var lanes: [Lane]

    init(ssh: SSHSession, path: String, ranges: [SFTPRange], writeWindow: Int) throws {
        self.ssh = ssh
        self.path = path
        lanes = try ranges.map { range in
            let channel = try SFTPSession(ssh: ssh)
            let file = try channel.openFile(path, mode: .update, writeWindow: writeWindow)
            try file.seek(to: range.offset)
            return Lane(file: file, next: range.next)
        }
    }

    func run() throws {
        do {
            try writeAll()
            for lane in lanes { try lane.file.close() }
        } catch {
            abandon(after: error)
            throw error
        }
    }

    private func writeAll() throws {
        var deadline = Deadline(after: ssh.configuration.timeout)
        while lanes.contains(where: { !$0.isDone }) {
            var progressed = false
            for index in lanes.indices where !lanes[index].isDone {
                if try lanes[index].refill() { progressed = true }
                if try takeTurn(&lanes[index], deadline: deadline) { progressed = true }
            }
            if progressed {
                deadline = Deadline(after: ssh.configuration.timeout)
                continue
            }
            guard lanes.contains(where: { !$0.file.window.isEmpty }) else {
                // Nothing in flight, every range waiting for its source: the connection is idle,
                // not stalled, and there is nothing to read from it.
                deadline = Deadline(after: ssh.configuration.timeout)
                usleep(UInt32(Self.sourcePollMilliseconds) * 1000)
                continue
            }
            let starved = lanes.contains { !$0.isDone && $0.file.window.isEmpty }
            try ssh.waitForSocket(
                until: deadline, atMost: starved ? Self.sourcePollMilliseconds : nil, operation: "write", path: path)
        }
    }

    /// Non-blocking writes for one range until libssh2 would wait for the server, or its turn is
    /// up; returns whether any byte was acknowledged.
    private func takeTurn(_ lane: inout Lane, deadline: Deadline) throws -> Bool {
        var acknowledgements = 0
        while !lane.file.window.isEmpty && acknowledgements < Self.turnLength {
            guard let acknowledged = try lane.file.sendWindowOnce() else {
                guard ssh.isBlockedSending else { break }
                try ssh.waitForSocket(until: deadline, operation: "write", path: path)
                continue
            }
            guard acknowledged > 0 else { break }
            acknowledgements += 1
            _ = try lane.refill()
        }
        return acknowledgements > 0
    }

    /// After a failure: the other ranges' bytes in flight are not waited for and their handles
    /// not closed; their channels close as the lanes go, which ends the server's side of them.
    private func abandon(after error: any Error) {
        let failure = error as? SFTPError ?? SFTPError(
            code: .closed, operation: "write", target: ssh.target(path), message: "abandoned after another range failed: \(error)")
        for lane in lanes where lane.file.writeFailure == nil {
            _ = lane.file.recordFailure(failure)
        }
    }

    /// One range: its file handle and the bytes its source gave that the window has not taken.
    private struct Lane {
        let file: SFTPFile
        let next: () throws -> SFTPRange.Input
        var input: [UInt8] = []
        var used = 0
        var ended = false

        var isDone: Bool { ended && used == input.count && file.window.isEmpty }

        /// Moves source bytes into the window while it has room; returns whether any moved.
        mutating func refill() throws -> Bool {
            var moved = false
            while file.window.room > 0 {
                if used == input.count {
                    guard !ended else { break }
                    switch try next() {
                    case .bytes(let bytes):
                        input = bytes
                        used = 0
                    case .notYet:
                        return moved
                    case .end:
                        ended = true
                        return moved
                    }
                }
                let taken = input.withUnsafeBytes { file.window.append(UnsafeRawBufferPointer(rebasing: $0[used...])) }
                used += taken
                moved = moved || taken > 0
            }
            return moved
        }
    }
}

@available(*, unavailable, message: "libssh2 sessions must not be used from two threads at once")
extension SFTPRangeWriter: Sendable {}
