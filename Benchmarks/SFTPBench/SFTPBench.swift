import AWS
import ArgumentParser
import BenchReport
import Foundation
import MotoTestSupport
import SSHTestSupport
import Transfer

/// `sftp-bench`: the SFTP flows on one large file, beside OpenSSH's `sftp` and `curl sftp://`
/// downloading the same file from the same sshd.
///
/// The flows also push the bytes through moto (Python, in memory), which the peers do not; the
/// first rows therefore time our SFTP download alone, the like-for-like comparison.
@main
struct SFTPBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sftp-bench",
        abstract: "Measures SFTP→S3 and S3→SFTP on one large file beside OpenSSH's sftp and curl, and the peak RSS.")

    static let bucket = "sftp-bench"

    @Option(name: .customLong("size-mib"), help: "The file's size in MiB (the issue asks for at least 2 GB).")
    var sizeMiB = 2_048

    func run() throws {
        let size = Int64(sizeMiB) * 1024 * 1024
        let server = try SSHServer()
        defer { server.stop() }
        let account = try MotoAccount(
            userName: "sftp-bench", policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        defer { account.stop() }
        let s3 = S3Client(client: account.client(retryPolicy: .standard))
        try account.createBucket(Self.bucket)
        let file = server.dataDirectory + "/large.bin"
        try LargeFile.write(size: size, to: file)
        print("sftp-bench: \(sizeMiB) MiB over loopback; sshd (OpenSSH), S3 is moto (in memory, Python)")

        let sessions = SFTPSessionLimiter(sessionsPerEndpoint: 1)
        let read = try Timing.seconds { try SFTPRead.discarding(file, from: server.configuration()) }
        let upload = try Timing.seconds {
            try SFTPToS3Transfer(
                source: server.configuration(), path: file, s3: s3, bucket: Self.bucket, key: "large.bin",
                sessions: sessions
            ).run()
        }
        let download = try Timing.seconds {
            try S3ToSFTPTransfer(
                s3: s3, bucket: Self.bucket, key: "large.bin", destination: server.configuration(),
                path: server.dataDirectory + "/copy.bin", sessions: sessions
            ).run()
        }
        let peakRSS = ProcessMemory.peakResidentMiB()
        guard try LargeFile.sameContents(file, server.dataDirectory + "/copy.bin") else {
            throw BenchFailure("the S3 → SFTP copy differs from the original")
        }
        let peers = try PeerClients(server: server)
        let openSSH = try Timing.seconds { try peers.openSSHGet(file) }
        let curl = try Timing.seconds { try peers.curlGet(file) }

        let megabytes = Double(size) / 1_000_000
        func rate(_ seconds: Double) -> Double { megabytes / seconds }
        Report.row(
            "SFTP read alone vs curl get", ours: rate(read), peer: rate(curl), unit: "MB/s", target: "≥ curl",
            met: rate(read) >= rate(curl), higherIsBetter: true)
        Report.row(
            "SFTP read alone vs sftp get", ours: rate(read), peer: rate(openSSH), unit: "MB/s",
            target: "≥ 0.9 × sftp", met: rate(read) >= 0.9 * rate(openSSH), higherIsBetter: true)
        Report.row(
            "SFTP → S3 vs curl get", ours: rate(upload), peer: rate(curl), unit: "MB/s", target: "≥ curl",
            met: rate(upload) >= rate(curl), higherIsBetter: true)
        Report.row(
            "SFTP → S3 vs sftp get", ours: rate(upload), peer: rate(openSSH), unit: "MB/s", target: "≥ 0.9 × sftp",
            met: rate(upload) >= 0.9 * rate(openSSH), higherIsBetter: true)
        Report.row(
            "S3 → SFTP vs curl get", ours: rate(download), peer: rate(curl), unit: "MB/s", target: "≥ curl",
            met: rate(download) >= rate(curl), higherIsBetter: true)
        Report.row(
            "S3 → SFTP vs sftp get", ours: rate(download), peer: rate(openSSH), unit: "MB/s",
            target: "≥ 0.9 × sftp", met: rate(download) >= 0.9 * rate(openSSH), higherIsBetter: true)
        print(
            "peak RSS of the process running both flows: \(peakRSS) MiB   target < 64 MiB whatever the size: "
                + (peakRSS < 64 ? "met" : "NOT met"))
    }
}
