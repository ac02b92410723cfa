import BenchReport
import SFTP
import SFTPTransfer
import SSHPeer

/// Our client beside OpenSSH's `sftp` at internet round trips: one file uploaded and downloaded
/// through a `DelayingProxy` in front of the same sshd, ours and `sftp`'s timed in the same run,
/// login included for both.
///
/// Our upload is what S3 → SFTP does for that size (`ParallelUpload.standard`: several channels
/// of one connection from 64 MiB), fed from the local file as `sftp put` is; the single-channel
/// row shows the pipelined stream alone. Our download is one channel (`SFTPRead`).
struct LatencyRuns {
    /// A round trip (nil: loopback, no proxy) and the file size measured there: 128 MiB at
    /// 100 ms, so `sftp put` takes seconds there, not half a minute; the login's round trips
    /// (about 8 for either client) weigh more in a smaller file.
    struct Link {
        var roundTrip: Duration?
        var sizeMiB: Int

        var name: String { roundTrip.map { "\(Int($0.milliseconds)) ms" } ?? "loopback" }
    }

    static let links = [
        Link(roundTrip: nil, sizeMiB: 256), Link(roundTrip: .milliseconds(20), sizeMiB: 256),
        Link(roundTrip: .milliseconds(50), sizeMiB: 256), Link(roundTrip: .milliseconds(100), sizeMiB: 128),
    ]

    let server: SSHServer
    let peers: PeerClients
    let algorithms: SSHAlgorithms

    /// Measures one link and prints its rows.
    func run(_ link: Link) throws {
        let size = Int64(link.sizeMiB) * 1024 * 1024
        let local = server.directory + "/latency-source.bin"
        let remote = server.dataDirectory + "/latency.bin"
        try LargeFile.write(size: size, to: local)
        try measure(link, size: size, local: local, remote: remote, port: server.port)
    }

    private func measure(_ link: Link, size: Int64, local: String, remote: String, port: UInt16) throws {
        guard let roundTrip = link.roundTrip else { return try measure(link, size: size, local: local, remote: remote, through: port) }
        try DelayingProxy.with(upstreamPort: port, roundTrip: roundTrip) { proxy in
            try measure(link, size: size, local: local, remote: remote, through: proxy.port)
        }
    }

    private func measure(_ link: Link, size: Int64, local: String, remote: String, through port: UInt16) throws {
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

        let megabytes = Double(size) / 1_000_000
        func rate(_ seconds: Double) -> Double { megabytes / seconds }
        let channels = ParallelUpload.standard.ranges(size: size).count
        print("\(link.name): \(link.sizeMiB) MiB file")
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
    }

    private func checkCopy(_ local: String, _ remote: String) throws {
        guard try LargeFile.sameContents(local, remote) else { throw BenchFailure("our upload of \(local) differs from the original") }
    }
}
