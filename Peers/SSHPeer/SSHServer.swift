import Foundation
import Sockets
public import Glibc
public import SFTP
import Synchronization
import TestLogs

/// A real OpenSSH sshd on a free loopback port, with its own host key, one user key and a
/// scratch directory; `withSSHServer` stops it by its process id.
public final class SSHServer: Sendable {
    public let directory: String
    public let port: UInt16
    public let hostKey: KeyPair
    public let userKey: KeyPair
    public let username: String
    /// The listening sshd; each connection is served by a child process of it. A new one after
    /// ``restart()``.
    public var processID: pid_t { daemon.withLock { $0.processID } }
    private let daemon: Mutex<(processID: pid_t, isRunning: Bool)>
    /// How sshd is started: the executable and its arguments.
    private let command: (executable: String, arguments: [String])
    /// sshd's output, in `TestLogs`.
    private let logPath = TestLogs.newFile("sshd")

    /// A directory for the test's files, inside the server's scratch directory.
    public var dataDirectory: String { directory + "/data" }

    /// - Parameters:
    ///   - extraConfig: sshd_config lines appended to the generated ones.
    ///   - logLevel: sshd's `LogLevel`; `INFO` logs each login ("Accepted publickey for …") and
    ///     each channel's subsystem ("Starting session: subsystem 'sftp' …") to `log`.
    ///   - fileSizeLimit: the largest file sshd's processes may write (`RLIMIT_FSIZE`, with
    ///     `SIGXFSZ` ignored), so a write past it fails as a full disk would: the SFTP server
    ///     answers that write with a FAILURE status. Nil for no limit.
    ///   - deniedSFTPRequests: SFTP requests the server refuses, by the names
    ///     `/usr/lib/openssh/sftp-server -Q requests` lists (`posix-rename`, not the extension's
    ///     wire name `posix-rename@openssh.com`, which sftp-server does not match): passed to
    ///     `internal-sftp -P`. OpenSSH 9.2 then leaves a refused extension out of its VERSION
    ///     packet and answers the request PERMISSION_DENIED if it comes anyway.
    ///   - sftpLogLevel: when given, the SFTP subsystem is OpenSSH's `sftp-server` program at that
    ///     log level instead of `internal-sftp`, logging to `sftpServerLog` (`DEBUG1` logs each
    ///     request, reads with their offset and length).
    public init(
        extraConfig: String = "", logLevel: String = "ERROR", fileSizeLimit: Int? = nil, deniedSFTPRequests: [String] = [],
        sftpLogLevel: String? = nil
    ) throws {
        var template = Array("/tmp/sftp-tests-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw Shell.Failure(description: "mkdtemp failed") }
        directory = String(cString: created)
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        hostKey = try KeyPair.generate(in: directory, name: "host_ed25519", type: "ed25519")
        userKey = try KeyPair.generate(in: directory, name: "user_ed25519", type: "ed25519")
        try userKey.publicKey.write(toFile: directory + "/authorized_keys", atomically: true, encoding: .utf8)
        username = String(cString: getpwuid(getuid()).pointee.pw_name)
        if getuid() == 0 { mkdir("/run/sshd", 0o755) }

        port = try SSHServer.freePort()
        var sftpServer = sftpLogLevel.map { "/usr/lib/openssh/sftp-server -e -l \($0)" } ?? "internal-sftp"
        if !deniedSFTPRequests.isEmpty { sftpServer += " -P " + deniedSFTPRequests.joined(separator: ",") }
        // sshd runs a subsystem's command through the user's shell, which redirects its stderr.
        if sftpLogLevel != nil { sftpServer += " 2>>\(directory)/sftp-server.log" }
        let config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(directory)/host_ed25519
            PidFile none
            UsePAM no
            StrictModes no
            AuthorizedKeysFile \(directory)/authorized_keys
            PasswordAuthentication yes
            PermitRootLogin yes
            Subsystem sftp \(sftpServer)
            LogLevel \(logLevel)
            \(extraConfig)

            """
        try config.write(toFile: directory + "/sshd_config", atomically: true, encoding: .utf8)
        let sshd = ["/usr/sbin/sshd", "-D", "-e", "-f", directory + "/sshd_config"]
        if let fileSizeLimit {
            // The shell ignores SIGXFSZ (ignored dispositions survive exec) and becomes prlimit,
            // which becomes sshd: one process id throughout, so `stop()` still signals sshd.
            let script = "trap '' XFSZ; exec /usr/bin/prlimit --fsize=\(fileSizeLimit) \"$@\""
            command = ("/bin/sh", ["-c", script, "sh"] + sshd)
        } else {
            command = (sshd[0], Array(sshd.dropFirst()))
        }
        let started = try Shell.spawn(command.executable, command.arguments, outputPath: logPath)
        daemon = Mutex((started, true))
        try waitUntilListening()
    }

    /// SIGKILLs sshd and every session it serves, as a partner's server crashes mid-transfer, then
    /// starts it again on the same port with the same keys.
    public func restart() throws {
        try daemon.withLock { daemon in
            guard daemon.isRunning else { return }
            for process in Self.descendants(of: daemon.processID) { kill(process, SIGKILL) }
            kill(daemon.processID, SIGKILL)
            Shell.wait(daemon.processID)
            daemon.processID = try Shell.spawn(command.executable, command.arguments, outputPath: logPath)
        }
        try waitUntilListening()
    }

    /// Stops (SIGSTOP) or continues (SIGCONT) sshd itself and every session it serves, to play a
    /// partner whose server stalls: nothing is accepted or answered until it continues.
    public func signalAll(_ signal: Int32) {
        kill(processID, signal)
        signalSessions(signal)
    }

    /// Adds a public key to authorized_keys (sshd reads the file at each login).
    public func authorize(_ key: KeyPair) throws {
        let handle = try FileHandle(forWritingAtPath: directory + "/authorized_keys").unwrap()
        handle.seekToEndOfFile()
        handle.write(Data(key.publicKey.utf8))
        handle.closeFile()
    }

    /// Stops (SIGSTOP) or continues (SIGCONT) sshd's per-connection processes, to play a
    /// partner that stalls mid-session. Signals each by process id, found through /proc.
    public func signalSessions(_ signal: Int32) {
        for child in Self.descendants(of: processID) { kill(child, signal) }
    }

    /// The processes below `parent` (sshd's per-connection children and theirs), found through
    /// /proc, so a test can signal one connection's processes by id.
    public static func descendants(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let children = entries.compactMap { pid_t($0) }.filter { candidate in
            guard let stat = try? String(contentsOfFile: "/proc/\(candidate)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            // Fields after "(comm)": state, ppid, ...
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == parent
        }
        return children + children.flatMap { descendants(of: $0) }
    }

    /// A configuration that logs in as the current user with the server's user key.
    public func configuration(
        authentication: SSHAuthentication? = nil, fingerprint: String? = nil, timeout: Duration = .seconds(10)
    ) -> SSHConfiguration {
        SSHConfiguration(
            host: "127.0.0.1", port: port, username: username,
            hostKeyFingerprint: fingerprint ?? hostKey.fingerprint,
            authentication: authentication ?? .privateKey(userKey.privateKey), timeout: timeout)
    }

    /// Stops sshd (SIGTERM to its pid, then waits) and removes the scratch directory.
    public func stop() {
        daemon.withLock { daemon in
            guard daemon.isRunning else { return }
            daemon.isRunning = false
            kill(daemon.processID, SIGCONT)
            kill(daemon.processID, SIGTERM)
            Shell.wait(daemon.processID)
        }
        try? FileManager.default.removeItem(atPath: directory)
        TestLogs.discard(logPath)
    }

    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
    /// What the SFTP server logged when started with `sftpLogLevel`.
    public var sftpServerLog: String {
        (try? String(contentsOfFile: directory + "/sftp-server.log", encoding: .utf8)) ?? ""
    }

    /// Lines of `log` containing `text`, e.g. logins ("Accepted publickey") with `logLevel: "INFO"`.
    public func logLines(containing text: String) -> Int {
        log.split(whereSeparator: \.isNewline).filter { $0.contains(text) }.count
    }

    private func waitUntilListening() throws {
        for _ in 0..<200 {
            if (try? TCPSocket.connect(host: "127.0.0.1", port: Int(port), timeout: .seconds(1))) != nil { return }
            var status: Int32 = 0
            guard waitpid(processID, &status, WNOHANG) == 0 else {
                daemon.withLock { $0.isRunning = false }
                break
            }
            usleep(25_000)
        }
        let log = self.log
        stop()
        throw Shell.Failure(description: "sshd did not start listening on \(port): \(log)")
    }

    /// A port nobody listens on right now (bind to 0, read it back, release it).
    public static func freePort() throws -> UInt16 {
        try TCPListener(backlog: nil).port
    }
}

/// Starts an sshd, runs `body` with it and stops it, also when `body` throws.
public func withSSHServer<R>(
    extraConfig: String = "", logLevel: String = "ERROR", fileSizeLimit: Int? = nil, deniedSFTPRequests: [String] = [],
    sftpLogLevel: String? = nil, _ body: (SSHServer) throws -> R
) throws -> R {
    let server = try SSHServer(
        extraConfig: extraConfig, logLevel: logLevel, fileSizeLimit: fileSizeLimit, deniedSFTPRequests: deniedSFTPRequests,
        sftpLogLevel: sftpLogLevel)
    defer { server.stop() }
    return try body(server)
}
