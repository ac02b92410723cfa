import Glibc
import MotoPeer
import SFTP
import SSHPeer
import Testing

/// Measures upload and download speed per buffer size over loopback, to choose
/// `SFTPFile.preferredWriteSize`/`preferredReadSize`. Off by default: `SFTP_BENCH=1 swift test
/// --filter ThroughputBenchmark` (prints MB/s; `SFTP_BENCH_MB` sets the file size, default 200).
@Suite("Throughput by buffer size", .serialized, .enabled(if: getenv("SFTP_BENCH") != nil))
struct ThroughputBenchmark {
    static var megabytes: Int { getenv("SFTP_BENCH_MB").flatMap { Int(String(cString: $0)) } ?? 200 }

    @Test("upload and download speed per buffer size")
    func measure() throws {
        let total = Self.megabytes * 1_000_000
        try withSSHServer { server in
            try withSFTPSession(server.configuration(timeout: .seconds(60))) { sftp in
                let path = server.dataDirectory + "/bench.bin"
                for size in [65_536, 240_000, 1_200_000, 4_800_000] {
                    let chunk = TestPattern.bytes(count: size)
                    let seconds = try time {
                        try sftp.withFile(path, mode: .write) { file in
                            var written = 0
                            while written < total {
                                let count = min(size, total - written)
                                try chunk.withUnsafeBytes { try file.write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                                written += count
                            }
                        }
                    }
                    print("BENCH write buffer \(size): \(Int(Double(total) / seconds / 1_000_000)) MB/s")
                }
                for size in [65_536, 30_000, 120_000, 240_000, 1_200_000, 2_400_000] {
                    var buffer = [UInt8](repeating: 0, count: size)
                    var read = 0
                    let seconds = try time {
                        try sftp.withFile(path, mode: .read) { file in
                            while true {
                                let count = try buffer.withUnsafeMutableBytes { try file.read(into: $0) }
                                if count == 0 { break }
                                read += count
                            }
                        }
                    }
                    #expect(read == total)
                    print("BENCH read buffer \(size): \(Int(Double(total) / seconds / 1_000_000)) MB/s")
                }
            }
        }
    }

    private func time(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        let elapsed = (clock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}
