import Foundation
import Glibc
import Synchronization

/// A real TLS endpoint on a free loopback port in front of moto: `scripts/tls-proxy.py` terminates
/// TLS with a certificate the test chose and forwards every request to moto, keeping each client
/// connection alive across requests as AWS endpoints do (moto itself closes after each response).
///
/// The script logs every handshake and request, which `connections`, `refusedHandshakes` and
/// `requests` read back so a test can see connections reused, reopened or refused. Handshakes are
/// done one at a time, so once a later call has succeeded, every earlier handshake is in the log.
/// The proxy is stopped by its process id (SIGKILL) and exits by itself if the test process goes.
public final class TLSProxy: Sendable {
    public let port: UInt16
    private let process: Process
    private let logPath: String
    private let stopped = Mutex(false)

    public var endpoint: String { "https://127.0.0.1:\(port)" }

    /// `scripts/tls-proxy.py`, beside moto's launcher.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../scripts/tls-proxy.py").standardized.path

    /// Starts the proxy and returns once it listens.
    /// - Parameters:
    ///   - upstreamPort: moto's port.
    ///   - certificate: what the proxy presents.
    ///   - requestsPerConnection: after this many responses the proxy closes the connection without
    ///     announcing it (an idle keep-alive timeout); 0 keeps connections open.
    public init(upstreamPort: UInt16, certificate: ServerCertificate, requestsPerConnection: Int = 0) throws {
        logPath = NSTemporaryDirectory() + "tls-proxy-\(getpid())-\(UUID().uuidString).log"
        let errorPath = logPath + ".stderr"
        guard FileManager.default.createFile(atPath: logPath, contents: nil),
            FileManager.default.createFile(atPath: errorPath, contents: nil),
            let errorFile = FileHandle(forWritingAtPath: errorPath)
        else { throw POSIXFailure("creating \(logPath)") }
        defer { unlink(errorPath) }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Self.script, "--cert", certificate.certificatePath, "--key", certificate.keyPath,
            "--upstream-port", String(upstreamPort), "--log", logPath,
            "--requests-per-connection", String(requestsPerConnection),
        ]
        let output = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errorFile
        try process.run()
        try? errorFile.close()
        let announced = UInt16(Self.firstLine(of: output.fileHandleForReading))
        try? output.fileHandleForReading.close()
        port = announced ?? 0
        guard announced != nil else {
            let reason = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            stop()
            throw MotoStartFailure(reason: "tls-proxy.py did not start: \(reason)")
        }
    }

    /// Connections whose TLS handshake succeeded.
    public var connections: Int {
        events.filter { $0.detail == "connected" }.count
    }

    /// Why each refused handshake failed, as the proxy's TLS library put it.
    public var refusedHandshakes: [String] {
        events.compactMap { $0.detail.hasPrefix("refused ") ? String($0.detail.dropFirst(8)) : nil }
    }

    /// Every request forwarded: the connection's number (from 1) and the request line.
    public var requests: [(connection: Int, line: String)] {
        events.compactMap { event in
            event.detail == "connected" || event.detail.hasPrefix("refused ") || event.detail.hasPrefix("failed ")
                ? nil : (event.connection, event.detail)
        }
    }

    /// Kills the proxy by its process id, once, and removes its log.
    public func stop() {
        let wasStopped = stopped.withLock { value in
            defer { value = true }
            return value
        }
        guard !wasStopped else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        unlink(logPath)
    }

    /// Runs `body` with a proxy and always stops it afterwards.
    public static func with<R>(
        upstreamPort: UInt16, certificate: ServerCertificate, requestsPerConnection: Int = 0, _ body: (TLSProxy) throws -> R
    ) throws -> R {
        let proxy = try TLSProxy(upstreamPort: upstreamPort, certificate: certificate, requestsPerConnection: requestsPerConnection)
        defer { proxy.stop() }
        return try body(proxy)
    }

    /// The log's lines as `(connection, rest of the line)`.
    private var events: [(connection: Int, detail: String)] {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let space = line.firstIndex(of: " "), let number = Int(line[..<space]) else { return nil }
            return (number, String(line[line.index(after: space)...]))
        }
    }

    /// Reads up to the first newline; what came before EOF if the process died first.
    private static func firstLine(of handle: FileHandle) -> String {
        var bytes: [UInt8] = []
        while let data = try? handle.read(upToCount: 1), let byte = data.first, byte != 10 {
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
