import AWS
import Jobs
import ArgumentParser
import BenchReport
import Foundation
import MotoPeer
import SFTP
import SSHPeer
import SFTPTransfer
import Worker

/// `sftp-bench`: the SFTP flows on one large file, beside OpenSSH's `sftp` and `curl sftp://`
/// downloading the same file from the same sshd; then the built TransferWorker running both flows
/// as queued jobs, for its peak RSS.
///
/// The flows also push the bytes through moto (Python, in memory), which the peers do not; the
/// first rows therefore time our SFTP download alone, the like-for-like comparison.
@main
struct SFTPBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sftp-bench",
        abstract: "Measures SFTP→S3 and S3→SFTP on one large file beside OpenSSH's sftp and curl, and the TransferWorker's peak RSS.")

    static let bucket = "sftp-bench"

    @Option(name: .customLong("size-mib"), help: "The file's size in MiB (the issue asks for at least 2 GB).")
    var sizeMiB = 2_048

    @Option(help: "Ciphers our client offers, comma-separated, most wanted first. Default: SSHAlgorithms.fastest.")
    var ciphers: String?

    @Option(help: "MACs our client offers, comma-separated, most wanted first. Default: SSHAlgorithms.fastest.")
    var macs: String?

    @Flag(help: "Time our SFTP download alone, then sftp get and curl get, each with its client's CPU per GB (steadier than the time on a busy machine), then stop (to compare --ciphers and --macs choices quickly).")
    var readOnly = false

    @Flag(help: "Only the rows at internet round trips (loopback, 20, 50, 100 ms through a delaying proxy): ours, sftp put/get, curl get and the TransferWorker's flows.")
    var latencyOnly = false

    @Option(
        name: .customLong("round-trips"),
        help: "The round trips of the latency rows in ms, comma-separated; 0 is loopback without a proxy.")
    var roundTrips = LatencyRuns.standardRoundTrips.map(String.init).joined(separator: ",")

    var algorithms: SSHAlgorithms {
        SSHAlgorithms(
            ciphers: ciphers.map { $0.split(separator: ",").map(String.init) } ?? SSHAlgorithms.fastest.ciphers,
            macs: macs.map { $0.split(separator: ",").map(String.init) } ?? SSHAlgorithms.fastest.macs)
    }

    func run() throws {
        let size = Int64(sizeMiB) * 1024 * 1024
        let server = try SSHServer()
        defer { server.stop() }
        let account = try MotoAccount(
            userName: "sftp-bench", policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        defer { account.stop() }
        let s3 = S3Client(client: account.client(retryPolicy: .standard))
        try account.createBucket(Self.bucket)
        let workerRun = try WorkerRun(account: account, server: server, bucket: Self.bucket)
        print("sftp-bench: our client on libssh2 \(SSHSession.libraryVersion); curl on Debian's")
        if latencyOnly { return try runLatencies(server, s3: s3, worker: workerRun) }
        let file = server.dataDirectory + "/large.bin"
        try LargeFile.write(size: size, to: file)
        print("sftp-bench: \(sizeMiB) MiB over loopback; sshd (OpenSSH), S3 is moto (in memory, Python)")

        var ours = server.configuration()
        ours.algorithms = algorithms
        let cpuBefore = ProcessMemory.cpuSeconds()
        var cipher: String?
        let read = try Timing.seconds { cipher = try SFTPRead.discarding(file, from: ours) }
        let readCPU = ProcessMemory.cpuSeconds() - cpuBefore
        let megabytes = Double(size) / 1_000_000
        if readOnly {
            func line(_ name: String, seconds: Double, cpu: Double) -> String {
                "\(name): \(String(format: "%.0f", megabytes / seconds)) MB/s, \(String(format: "%.2f", cpu / megabytes * 1000)) CPU s/GB"
            }
            let peers = try PeerClients(server: server)
            let childCPU = ProcessMemory.childCPUSeconds()
            let get = try Timing.seconds { try peers.openSSHGet(file) }
            let getCPU = ProcessMemory.childCPUSeconds() - childCPU
            let curl = try Timing.seconds { try peers.curlGet(file) }
            let curlCPU = ProcessMemory.childCPUSeconds() - childCPU - getCPU
            print(
                line("SFTP read alone (\(cipher ?? "?"))", seconds: read, cpu: readCPU)
                    + "; " + line("sftp get (ssh included)", seconds: get, cpu: getCPU) + "; "
                    + line("curl get", seconds: curl, cpu: curlCPU))
            return
        }
        let sessions = SFTPSessionLimiter(sessionsPerEndpoint: 1)
        let upload = try Timing.seconds {
            try SFTPToS3Transfer(
                source: ours, path: file, s3: s3, bucket: Self.bucket, key: "large.bin",
                sessions: sessions
            ).run()
        }
        let download = try Timing.seconds {
            try S3ToSFTPTransfer(
                s3: s3, bucket: Self.bucket, key: "large.bin", destination: ours,
                path: server.dataDirectory + "/copy.bin", sessions: sessions
            ).run()
        }
        let peakRSS = ProcessMemory.peakResidentMiB()
        let legs = SingleLegs(s3: s3, bucket: Self.bucket, size: size)
        let s3Download = try Timing.seconds { try legs.s3Download(key: "large.bin") }
        let s3Upload = try Timing.seconds { try legs.s3Upload(key: "legs.bin") }
        try s3.deleteObject(bucket: Self.bucket, key: "legs.bin")
        let sftpWrite = try Timing.seconds { try legs.sftpUpload(to: server.dataDirectory + "/legs.bin", over: ours) }
        guard try LargeFile.sameContents(file, server.dataDirectory + "/copy.bin") else {
            throw BenchFailure("the S3 → SFTP copy differs from the original")
        }
        let worker = try workerRun.run([
            TransferJob(
                id: "bench-sftp-to-s3", flow: .sftpToS3, source: workerRun.sftp(file),
                destination: .s3(S3Location(bucket: Self.bucket, key: "worker.bin"))),
            TransferJob(
                id: "bench-s3-to-sftp", flow: .s3ToSFTP, source: .s3(S3Location(bucket: Self.bucket, key: "large.bin")),
                destination: workerRun.sftp(server.dataDirectory + "/worker-copy.bin")),
        ])
        guard try LargeFile.sameContents(file, server.dataDirectory + "/worker-copy.bin") else {
            throw BenchFailure("the TransferWorker's S3 → SFTP copy differs from the original")
        }
        let peers = try PeerClients(server: server)
        let openSSH = try Timing.seconds { try peers.openSSHGet(file) }
        let curl = try Timing.seconds { try peers.curlGet(file) }

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
        Report.row(
            "SFTP → S3 vs its slower leg alone", ours: rate(upload), peer: rate(max(read, s3Upload)), unit: "MB/s",
            target: "≥ 0.9 × the leg", met: rate(upload) >= 0.9 * rate(max(read, s3Upload)), higherIsBetter: true)
        Report.row(
            "S3 → SFTP vs its slower leg alone", ours: rate(download), peer: rate(max(s3Download, sftpWrite)), unit: "MB/s",
            target: "≥ 0.9 × the leg", met: rate(download) >= 0.9 * rate(max(s3Download, sftpWrite)), higherIsBetter: true)
        print(
            "legs alone: S3 download \(Int(rate(s3Download))) MB/s, S3 upload \(Int(rate(s3Upload))) MB/s (moto),"
                + " SFTP read \(Int(rate(read))) MB/s, SFTP write \(Int(rate(sftpWrite))) MB/s")
        print(
            "peak RSS of the process running both flows: \(peakRSS) MiB   target < 64 MiB whatever the size: "
                + (peakRSS < 64 ? "met" : "NOT met"))
        print(
            "TransferWorker process, both flows as jobs from the queue: \(String(format: "%.0f", 2 * megabytes / worker.seconds.reduce(0, +))) MB/s,"
                + " peak RSS \(worker.peakResidentMiB) MiB   target < 64 MiB: " + (worker.peakResidentMiB < 64 ? "met" : "NOT met"))
        try runLatencies(server, s3: s3, worker: workerRun)
    }

    /// The rows at internet round trips (`LatencyRuns`).
    private func runLatencies(_ server: SSHServer, s3: S3Client, worker: WorkerRun) throws {
        print("sftp-bench: uploads and downloads through a user-space proxy delaying each direction by half the round trip")
        let runs = LatencyRuns(
            server: server, peers: try PeerClients(server: server), algorithms: algorithms, s3: s3, bucket: Self.bucket,
            worker: worker)
        let milliseconds = try roundTrips.split(separator: ",").map { text in
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                throw ValidationError("--round-trips takes milliseconds, e.g. 0,20,50,100; not \(text)")
            }
            return value
        }
        for value in milliseconds { try runs.run(LatencyRuns.Link(milliseconds: value)) }
    }
}
