import Foundation
import Glibc

/// A moto server on a free loopback port, verifying signatures and IAM after its first
/// `unauthenticatedActions` requests.
///
/// moto runs under a small watchdog shell that kills it by its process id (SIGKILL: the test
/// process may start children with SIGTERM blocked) as soon as `stop()` drops the stop file or
/// the test process is gone, so no moto outlives the tests and nothing is ever killed by name.
/// The shell's standard streams are /dev/null so `swift test` never waits on a pipe it holds.
public final class MotoServer: Sendable {
    public let port: UInt16
    private let process: Process
    private let stopFile: String

    public var endpoint: String { "http://127.0.0.1:\(port)" }

    /// `scripts/moto-server.py`: moto_server with its check of non-ASCII S3 keys fixed.
    static let launcher = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../scripts/moto-server.py").standardized.path

    public init(unauthenticatedActions: Int, extraEnvironment: [String: String] = [:]) throws {
        port = try LoopbackServer.freePort()
        process = Process()
        stopFile = NSTemporaryDirectory() + "moto-\(port)-\(getpid()).stop"
        unlink(stopFile)
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c",
            """
            python3 '\(Self.launcher)' -H 127.0.0.1 -p \(port) </dev/null >/dev/null 2>&1 & M=$!
            while [ ! -e '\(stopFile)' ] && kill -0 \(getpid()) 2>/dev/null && kill -0 $M 2>/dev/null; do sleep 0.2; done
            kill -KILL $M 2>/dev/null; wait $M 2>/dev/null; rm -f '\(stopFile)'
            """,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["INITIAL_NO_AUTH_ACTION_COUNT"] = String(unauthenticatedActions)
        environment["MOTO_ALLOW_NONEXISTENT_REGION"] = "false"
        for (name, value) in extraEnvironment { environment[name] = value }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntilListening(timeoutSeconds: 30)
    }

    public func stop() {
        _ = FileManager.default.createFile(atPath: stopFile, contents: nil)
        process.waitUntilExit()
    }

    private func waitUntilListening(timeoutSeconds: Double) throws {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while Date() < deadline {
            if HTTPWire.connectLoopback(port: port) != nil { return }
            guard process.isRunning else { throw MotoStartFailure(reason: "moto_server exited; is it installed?") }
            usleep(100_000)
        }
        stop()
        throw MotoStartFailure(reason: "moto_server did not listen on \(port) within \(timeoutSeconds) s")
    }
}

public struct MotoStartFailure: Error, CustomStringConvertible {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
