import AWS
import ArgumentParser
import BenchReport
import Foundation
import MotoPeer

/// `aws-bench`: the client's CPU per signed S3 request, beside botocore's on the same moto server.
@main
struct AWSBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aws-bench",
        abstract: "Measures this client's CPU per signed HeadObject against moto, beside botocore's.")

    @Option(help: "HeadObject calls measured, for each client.")
    var calls = 2000

    @Option(help: "Unmeasured HeadObject calls first, for each client.")
    var warmUp = 20

    @Option(help: "The Python interpreter that has botocore installed.")
    var python = "python3"

    @Option(help: "The botocore side of the benchmark.")
    var peerScript = "scripts/botocore-head-bench.py"

    /// Checked before moto starts, so a wrong working directory fails at once.
    func validate() throws {
        guard FileManager.default.fileExists(atPath: peerScript) else {
            throw ValidationError("no botocore peer script at \(peerScript); run from the repository root or pass --peer-script")
        }
    }

    func run() throws {
        let account = try MotoAccount(
            userName: "aws-bench", policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
            region: BenchFixture.region)
        defer { account.stop() }
        let fixture = try BenchFixture(account: account)
        print("aws-bench: this client (Swift over libcurl) beside botocore, HeadObject on moto with IAM-verified signatures")

        let ours = try HeadObjectRun.cpuPerCall(
            s3: S3Client(client: fixture.client()), bucket: BenchFixture.bucket, key: BenchFixture.key,
            expectedSize: Int64(BenchFixture.objectBody.count), warmUp: warmUp, calls: calls)
        let peer = try BotocorePeer.cpuPerCall(
            python: python, script: peerScript, fixture: fixture, warmUp: warmUp, calls: calls)
        Report.row(
            "client CPU per signed HeadObject", ours: ours.microseconds, peer: peer.microseconds, unit: "µs",
            target: "≤ 0.10 × botocore", met: ours.microseconds <= 0.10 * peer.microseconds)
    }
}
