import AWS
import Foundation

/// The peer: `scripts/botocore-head-bench.py`, botocore's CPU per HeadObject on the same server,
/// bucket, key and credentials, measured by Python itself with `time.process_time()`.
enum BotocorePeer {
    /// Runs the script and returns its CPU time per call.
    static func cpuPerCall(
        python: String, script: String, fixture: BenchFixture, warmUp: Int, calls: Int
    ) throws -> Duration {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            python, script, "--endpoint", fixture.endpoint, "--region", BenchFixture.region,
            "--bucket", BenchFixture.bucket, "--key", BenchFixture.key,
            "--expected-size", String(BenchFixture.objectBody.count), "--warm-up", String(warmUp), "--calls", String(calls),
        ]
        // The keys go in the environment so they never show in a process listing.
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = fixture.credentials.accessKeyID
        environment["AWS_SECRET_ACCESS_KEY"] = fixture.credentials.secretAccessKey
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError(
                "the botocore peer (\(python) \(script)) exited with status \(process.terminationStatus); "
                    + "its error is above. Is botocore installed for \(python)? (`scripts/install-deps.sh` installs awscli, which brings it)")
        }
        guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let microseconds = json["microseconds_per_call"] as? Double
        else { throw BenchError("the botocore peer printed no microseconds_per_call: \(text)") }
        return .nanoseconds(Int64(microseconds * 1000))
    }
}
