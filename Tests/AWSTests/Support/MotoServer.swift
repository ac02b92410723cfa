import Foundation
import Glibc

/// A moto server on a free loopback port, verifying signatures and IAM after its first
/// `unauthenticatedActions` requests.
///
/// moto runs under a small shell that kills it by its process id when the shell's stdin closes:
/// `stop()` closes it, and so does the test process ending for any reason, so no moto outlives
/// the tests and nothing is ever killed by name.
final class MotoServer: Sendable {
    let port: UInt16
    private let process: Process
    private let stdin: Pipe

    var endpoint: String { "http://127.0.0.1:\(port)" }

    init(unauthenticatedActions: Int, extraEnvironment: [String: String] = [:]) throws {
        port = try LoopbackServer.freePort()
        process = Process()
        stdin = Pipe()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "moto_server -H 127.0.0.1 -p \(port) >/dev/null 2>&1 & M=$!; read _; kill $M; wait $M",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["INITIAL_NO_AUTH_ACTION_COUNT"] = String(unauthenticatedActions)
        environment["MOTO_ALLOW_NONEXISTENT_REGION"] = "false"
        for (name, value) in extraEnvironment { environment[name] = value }
        process.environment = environment
        process.standardInput = stdin
        try process.run()
        try waitUntilListening(timeoutSeconds: 30)
    }

    func stop() {
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    private func waitUntilListening(timeoutSeconds: Double) throws {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while Date() < deadline {
            let fd = HTTPWire.connectLoopback(port: port)
            if fd >= 0 {
                close(fd)
                return
            }
            guard process.isRunning else { throw MotoStartFailure(reason: "moto_server exited; is it installed?") }
            usleep(100_000)
        }
        stop()
        throw MotoStartFailure(reason: "moto_server did not listen on \(port) within \(timeoutSeconds) s")
    }
}

struct MotoStartFailure: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
