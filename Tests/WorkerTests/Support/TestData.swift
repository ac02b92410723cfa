import AWS
import Jobs
import Foundation
import MotoPeer
import SSHPeer
import Synchronization
import Testing
import Worker

/// Test data and the jobs that move it.
enum TestData {

    /// Writes `count` pattern bytes to `path` on the sshd's disk and returns them.
    @discardableResult
    static func writeFile(_ path: String, count: Int) throws -> [UInt8] {
        let bytes = TestPattern.bytes(count: count)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return bytes
    }

    /// The SFTP endpoint of `path` on `server`, logging in with the key in `secret`.
    static func sftp(
        _ path: String, on server: SSHServer, secret: String, fingerprint: String? = nil, channelsPerFile: Int? = nil
    ) -> TransferEndpoint {
        .sftp(
            SFTPLocation(
                host: "127.0.0.1", port: server.port, username: server.username, path: path,
                hostKeyFingerprint: fingerprint ?? server.hostKey.fingerprint, secretID: secret, channelsPerFile: channelsPerFile))
    }

    static func s3(_ key: String) -> TransferEndpoint {
        .s3(S3Location(bucket: WorkerFixture.bucket, key: key))
    }

    static func jobID() -> String { "job-" + UUID().uuidString.prefix(8).lowercased() }
}

/// Collects a worker's log lines.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }
}
