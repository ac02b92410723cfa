import AWS
import BenchReport
import Foundation
import Jobs
import SFTP
import SFTPTransfer
import SSHPeer

/// Our client beside OpenSSH's `sftp` and `curl sftp://` at internet round trips: one file
/// uploaded and downloaded through a `DelayingProxy` in front of the same sshd, every client
/// timed in the same run, login included for all; then the TransferWorker's two flows as queued
/// jobs through the same proxy (S3 is moto on loopback, undelayed: the partner is the far end).
///
/// Our upload is what S3 → SFTP does for that size (`ParallelUpload.standard`: several channels
/// of one connection from 64 MiB), fed from the local file as `sftp put` is; the single-channel
/// row shows the pipelined stream alone. Our download is one channel (`SFTPRead`).
struct LatencyRuns {
    /// A round trip (nil: loopback, no proxy) and the file size measured there: 128 MiB from
    /// 100 ms, so `sftp put` takes seconds there, not half a minute; the login's round trips
    /// (about 8 for either client) weigh more in a smaller file.
    struct Link {
        var roundTrip: Duration?
        var sizeMiB: Int

        /// 0 ms is loopback, without a proxy.
        init(milliseconds: Int) {
            roundTrip = milliseconds > 0 ? .milliseconds(milliseconds) : nil
            sizeMiB = milliseconds >= 100 ? 128 : 256
        }

        var name: String { roundTrip.map { "\(Int($0.milliseconds)) ms" } ?? "loopback" }
        var slug: String { roundTrip.map { "\(Int($0.milliseconds))ms" } ?? "loopback" }
    }

    /// The round trips measured unless `--round-trips` says otherwise.
    static let standardRoundTrips = [0, 20, 50, 100]

    /// The bytes each client keeps in flight, for the ceiling (bytes in flight ÷ round trip):
    /// sshd grants each channel a 2 MiB window, which bounds one upload stream (ours and
    /// `sftp put`'s 64 × 32 KiB alike); our download reads ahead four 2 MiB buffers; `sftp
    /// get` keeps 64 × 32 KiB requests out.
    static let channelWindow = 2 * 1024 * 1024
    static let ourReadAhead = 4 * SFTPFile.preferredReadSize
    static let openSSHInFlight = 64 * 32 * 1024

    let server: SSHServer
    let peers: PeerClients
    let algorithms: SSHAlgorithms
    let s3: S3Client
    let bucket: String
    let worker: WorkerRun

    /// Measures one link and prints its rows.
    func run(_ link: Link) throws {
        let size = Int64(link.sizeMiB) * 1024 * 1024
        let local = server.directory + "/latency-source.bin"
        try LargeFile.write(size: size, to: local)
        guard let roundTrip = link.roundTrip else { return try measure(link, size: size, local: local, through: server.port) }
        try DelayingProxy.with(upstreamPort: server.port, roundTrip: roundTrip) { proxy in
            try measure(link, size: size, local: local, through: proxy.port)
        }
    }

    private func measure(_ link: Link, size: Int64, local: String, through port: UInt16) throws {
        let remote = server.dataDirectory + "/latency.bin"
        var ours = server.configuration(timeout: .seconds(60))
        ours.port = port
        ours.algorithms = algorithms
        let upload = try Timing.seconds { try LocalUpload(path: local, size: size).send(to: remote, over: ours, .standard) }
        try checkCopy(local, remote)
        let single = try Timing.seconds { try LocalUpload(path: local, size: size).send(to: remote, over: ours, .single) }
        try checkCopy(local, remote)
        let put = try Timing.seconds { try peers.openSSHPut(local, to: remote, port: port) }
        let download = try Timing.seconds { try SFTPRead.discarding(remote, from: ours) }
        let get = try Timing.seconds { try peers.openSSHGet(remote, port: port) }
        let curl = try Timing.seconds { try peers.curlGet(remote, port: port) }
        let jobs = try runJobs(link, remote: remote, local: local, port: port)

        let megabytes = Double(size) / 1_000_000
        func rate(_ seconds: Double) -> Double { megabytes / seconds }
        let channels = ParallelUpload.standard.ranges(size: size).count
        print("\(link.name): \(link.sizeMiB) MiB file")
        if let roundTrip = link.roundTrip {
            func ceiling(_ bytes: Int) -> String { String(format: "%.0f", Double(bytes) / 1e6 / (roundTrip.milliseconds / 1000)) }
            print(
                "  ceiling, bytes in flight ÷ round trip: up 1 ch \(ceiling(Self.channelWindow)) MB/s (2 MiB window),"
                    + " up \(channels) ch \(ceiling(channels * Self.channelWindow)) MB/s,"
                    + " our down \(ceiling(Self.ourReadAhead)) MB/s (4 × 2 MiB read-ahead),"
                    + " sftp put/get \(ceiling(Self.openSSHInFlight)) MB/s (64 × 32 KiB)")
        }
        Report.row(
            "\(link.name) up (\(channels) ch) vs sftp put", ours: rate(upload), peer: rate(put), unit: "MB/s",
            target: "≥ 1.0 × sftp put", met: upload <= put, higherIsBetter: true)
        Report.row(
            "\(link.name) up (1 ch) vs sftp put", ours: rate(single), peer: rate(put), unit: "MB/s",
            target: "≥ 0.9 × sftp put", met: rate(single) >= 0.9 * rate(put), higherIsBetter: true)
        let downloadTarget = link.roundTrip == nil ? 0.9 : 1.5
        Report.row(
            "\(link.name) down (1 ch) vs sftp get", ours: rate(download), peer: rate(get), unit: "MB/s",
            target: "≥ \(downloadTarget) × sftp get", met: rate(download) >= downloadTarget * rate(get), higherIsBetter: true)
        Report.row(
            "\(link.name) down (1 ch) vs curl get", ours: rate(download), peer: rate(curl), unit: "MB/s",
            target: "≥ 1.0 × curl", met: download <= curl, higherIsBetter: true)
        Report.row(
            "\(link.name) worker S3→SFTP vs sftp put", ours: rate(jobs.seconds[1]), peer: rate(put), unit: "MB/s",
            target: "≥ 1.0 × sftp put", met: jobs.seconds[1] <= put, higherIsBetter: true)
        Report.row(
            "\(link.name) worker SFTP→S3 vs sftp get", ours: rate(jobs.seconds[0]), peer: rate(get), unit: "MB/s",
            target: "≥ \(downloadTarget) × sftp get", met: rate(jobs.seconds[0]) >= downloadTarget * rate(get),
            higherIsBetter: true)
        print(
            "  TransferWorker peak RSS over both jobs: \(jobs.peakResidentMiB) MiB   target < 64 MiB: "
                + (jobs.peakResidentMiB < 64 ? "met" : "NOT met"))
    }

    /// The worker pulls the remote file into S3 (SFTP → S3), then pushes that object back to the
    /// partner under another name (S3 → SFTP), both through `port`; the pushed copy is checked.
    private func runJobs(_ link: Link, remote: String, local: String, port: UInt16) throws -> WorkerRun.Result {
        let key = "latency-\(link.slug).bin"
        let pushed = server.dataDirectory + "/latency-worker.bin"
        let run = UUID().uuidString.prefix(8).lowercased()
        let result = try worker.run([
            TransferJob(
                id: "pull-\(link.slug)-\(run)", flow: .sftpToS3, source: worker.sftp(remote, port: port),
                destination: .s3(S3Location(bucket: bucket, key: key))),
            TransferJob(
                id: "push-\(link.slug)-\(run)", flow: .s3ToSFTP, source: .s3(S3Location(bucket: bucket, key: key)),
                destination: worker.sftp(pushed, port: port)),
        ])
        try checkCopy(local, pushed)
        try s3.deleteObject(bucket: bucket, key: key)
        try FileManager.default.removeItem(atPath: pushed)
        return result
    }

    private func checkCopy(_ local: String, _ remote: String) throws {
        guard try LargeFile.sameContents(local, remote) else { throw BenchFailure("the copy \(remote) differs from \(local)") }
    }
}
