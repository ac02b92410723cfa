import Foundation
import Sockets

/// The moto server `emulator start` runs when no AWS endpoint is given: the project's launcher
/// (`scripts/moto-server.py`, moto with its fixes) when it can be found, else `python3 -m
/// moto.server`, on a free loopback port, without signature checks.
///
/// A small shell watches both processes and kills moto by its process id as soon as the emulator
/// is gone, so moto never outlives it, whatever ends it.
final class EmbeddedMoto: Sendable {
    let port: Int
    private let process: Process

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Starts moto and waits until it accepts connections.
    /// - Parameter searchFrom: folders in which (or above which) `scripts/moto-server.py` is looked for.
    init(searchFrom folders: [String]) throws(EmbeddedMotoError) {
        do {
            // The listener closes its port when it goes, leaving it free for moto.
            port = Int(try TCPListener().port)
        } catch {
            throw EmbeddedMotoError("no free port for moto: \(error)")
        }
        let launch = Self.launcher(searchFrom: folders).map { "python3 '\($0)'" } ?? "python3 -m moto.server"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c",
            """
            \(launch) -H 127.0.0.1 -p \(port) </dev/null >/dev/null 2>&1 & M=$!
            trap 'kill -KILL $M 2>/dev/null; exit 0' TERM INT
            while kill -0 \(getpid()) 2>/dev/null && kill -0 $M 2>/dev/null; do sleep 0.3; done
            kill -KILL $M 2>/dev/null; wait $M 2>/dev/null
            """,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw EmbeddedMotoError("cannot start moto: \(error.localizedDescription)")
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if (try? TCPSocket.connect(host: "127.0.0.1", port: port, timeout: .milliseconds(200))) != nil { return }
            guard process.isRunning else { throw EmbeddedMotoError("moto exited at once; is it installed? (scripts/install-deps.sh installs it)") }
            usleep(100_000)
        }
        stop()
        throw EmbeddedMotoError("moto did not listen on \(port) within 30 s")
    }

    /// Stops moto: the watching shell is signalled and kills it.
    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    private static func launcher(searchFrom folders: [String]) -> String? {
        for folder in folders {
            var directory = URL(fileURLWithPath: folder).standardized
            for _ in 0..<5 {
                let candidate = directory.appendingPathComponent("scripts/moto-server.py").path
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
                directory.deleteLastPathComponent()
            }
        }
        return nil
    }
}

/// Why the embedded moto could not start.
struct EmbeddedMotoError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
