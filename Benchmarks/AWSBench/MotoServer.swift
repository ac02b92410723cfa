import Foundation
import Glibc

/// moto_server on a free loopback port, checking signatures and IAM after its first
/// `unauthenticatedActions` requests, so every measured call is verified as AWS would verify it.
///
/// moto runs under a small watchdog shell that kills it by its process id as soon as `stop()`
/// drops the stop file or this process is gone (a crash included), so no moto outlives the
/// benchmark and nothing is ever killed by name.
final class MotoServer {
    let port: UInt16
    private let watchdog: Process
    private let stopFile: String

    var endpoint: String { "http://127.0.0.1:\(port)" }

    init(unauthenticatedActions: Int) throws {
        port = try Loopback.freePort()
        stopFile = NSTemporaryDirectory() + "aws-bench-moto-\(port)-\(getpid()).stop"
        unlink(stopFile)
        watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        watchdog.arguments = [
            "-c",
            """
            moto_server -H 127.0.0.1 -p \(port) </dev/null >/dev/null 2>&1 & M=$!
            while [ ! -e '\(stopFile)' ] && kill -0 \(getpid()) 2>/dev/null && kill -0 $M 2>/dev/null; do sleep 0.2; done
            kill -KILL $M 2>/dev/null; wait $M 2>/dev/null; rm -f '\(stopFile)'
            """,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["INITIAL_NO_AUTH_ACTION_COUNT"] = String(unauthenticatedActions)
        watchdog.environment = environment
        watchdog.standardInput = FileHandle.nullDevice
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        try watchdog.run()
        try waitUntilListening(timeoutSeconds: 30)
    }

    /// Kills moto and waits for the watchdog to confirm it is gone; safe to call twice.
    func stop() {
        guard watchdog.isRunning else { return }
        _ = FileManager.default.createFile(atPath: stopFile, contents: nil)
        watchdog.waitUntilExit()
    }

    private func waitUntilListening(timeoutSeconds: Double) throws(BenchError) {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while Date() < deadline {
            if Loopback.isListening(port: port) { return }
            guard watchdog.isRunning else {
                throw BenchError("moto_server exited at start; install it with `scripts/install-deps.sh` (moto[server])")
            }
            usleep(100_000)
        }
        stop()
        throw BenchError("moto_server did not listen on 127.0.0.1:\(port) within \(Int(timeoutSeconds)) s")
    }
}
