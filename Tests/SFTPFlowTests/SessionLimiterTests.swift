import Dispatch
import SFTP
import SSHPeer
import Synchronization
import Testing
import SFTPTransfer

@Suite("Per-endpoint session limit")
struct SessionLimiterTests {
    @Test("no more sessions to one endpoint than the limit, however many transfers want one")
    func capsConcurrentSessions() throws {
        try withSSHServer { server in
            let limiter = SFTPSessionLimiter(sessionsPerEndpoint: 2)
            let configuration = server.configuration()
            let directory = server.dataDirectory
            let open = Mutex((now: 0, most: 0))
            let failures = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: 6) { index in
                do {
                    try limiter.withSession(configuration) { sftp in
                        open.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                        defer { open.withLock { $0.now -= 1 } }
                        try sftp.withFile(directory + "/\(index).txt", mode: .write) { try $0.write(Array("x".utf8)) }
                        _ = try sftp.contentsOfDirectory(directory)
                    }
                } catch {
                    failures.withLock { $0 += 1 }
                }
            }
            #expect(failures.withLock { $0 } == 0)
            #expect(open.withLock { $0.most } <= 2)
        }
    }
}
