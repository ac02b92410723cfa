import Glibc
import SFTP
import SSHPeer
import Testing

@Suite("A partner that stalls mid-session", .serialized)
struct StallTests {
    @Test("an operation on a stalled connection times out naming the path, and cleanup does not wait again")
    func stalledStat() throws {
        try withSSHServer { server in
            let clock = ContinuousClock()
            var timedOutAt: ContinuousClock.Instant?
            let path = server.dataDirectory
            let started = clock.now
            let outcome = Result {
                try withSFTPSession(server.configuration(timeout: .milliseconds(700))) { sftp in
                    _ = try sftp.stat(path)
                    server.signalSessions(SIGSTOP)
                    defer { server.signalSessions(SIGCONT) }
                    do {
                        _ = try sftp.stat(path)
                    } catch {
                        timedOutAt = clock.now
                        // Once timed out, the session refuses further work at once.
                        #expect {
                            try sftp.stat(path)
                        } throws: { again in
                            (again as? SFTPError)?.code == .closed
                        }
                        throw error
                    }
                }
            }
            let finished = clock.now
            let error = try #require(throws: SFTPError.self) { try outcome.get() }
            #expect(error.code == .timeout)
            #expect(error.operation == "stat")
            #expect(error.target == "\(server.username)@127.0.0.1:\(server.port)\(path)")
            #expect(error.description.contains("made no progress within"))
            let timedOut = try #require(timedOutAt)
            #expect(timedOut - started < .seconds(3))
            #expect(finished - timedOut < .milliseconds(500))
        }
    }

    @Test("an upload to a stalled server times out in write, naming the file")
    func stalledWrite() throws {
        try withSSHServer { server in
            let path = server.dataDirectory + "/stalled.bin"
            let chunk = [UInt8](repeating: 7, count: SFTPFile.preferredWriteSize)
            let clock = ContinuousClock()
            let started = clock.now
            let outcome = Result {
                try withSFTPSession(server.configuration(timeout: .milliseconds(700))) { sftp in
                    try sftp.withFile(path, mode: .write) { file in
                        server.signalSessions(SIGSTOP)
                        defer { server.signalSessions(SIGCONT) }
                        for _ in 0..<20 { try file.write(chunk) }
                    }
                }
            }
            let error = try #require(throws: SFTPError.self) { try outcome.get() }
            #expect(error.code == .timeout)
            #expect(error.operation == "write")
            #expect(error.target.hasSuffix(path))
            #expect(clock.now - started < .seconds(3))
        }
    }

    @Test("a write over several channels to a server that stalls mid-file times out, naming the file")
    func stalledRanges() throws {
        try withSSHServer { server in
            let path = server.dataDirectory + "/stalled-ranges.bin"
            let piece = [UInt8](repeating: 9, count: 1_000_000)
            let clock = ContinuousClock()
            var started: ContinuousClock.Instant?
            let outcome = Result {
                try withSFTPSession(server.configuration(timeout: .milliseconds(700))) { sftp in
                    try sftp.withFile(path, mode: .write) { _ in }
                    var handed = 0
                    let ranges = (0..<3).map { index in
                        SFTPRange(offset: UInt64(index) * 100_000_000) {
                            handed += 1
                            if handed == 12 {
                                server.signalSessions(SIGSTOP)
                                started = clock.now
                            }
                            return .bytes(piece)
                        }
                    }
                    defer { server.signalSessions(SIGCONT) }
                    try sftp.writeRanges(path, ranges)
                }
            }
            let error = try #require(throws: SFTPError.self) { try outcome.get() }
            #expect(error.code == .timeout)
            #expect(error.target.hasSuffix(path))
            let stalledAt = try #require(started)
            #expect(clock.now - stalledAt < .seconds(3))
        }
    }
}
