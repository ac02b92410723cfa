import Foundation
import SSHPeer

/// OpenSSH's `sftp` and `curl sftp://` (libssh2, like us) fetching a file from the same sshd with
/// the same user key, each writing to /dev/null; and `sftp` sending one.
struct PeerClients {
    let server: SSHServer
    let keyFile: String

    init(server: SSHServer) throws {
        self.server = server
        keyFile = server.directory + "/bench-user-key"
        try server.userKey.privateKey.write(toFile: keyFile, atomically: true, encoding: .utf8)
        try server.userKey.publicKey.write(toFile: keyFile + ".pub", atomically: true, encoding: .utf8)
        chmod(keyFile, 0o600)
    }

    /// `sftp` batch `get` of `path` to /dev/null, through `port` when given (a `DelayingProxy`).
    func openSSHGet(_ path: String, port: UInt16? = nil) throws {
        try openSSH(port: port, batch: "get \(path) /dev/null\n")
    }

    /// `sftp` batch `put` of the local file `local` to `remote`, through `port` when given.
    func openSSHPut(_ local: String, to remote: String, port: UInt16? = nil) throws {
        try openSSH(port: port, batch: "put \(local) \(remote)\n")
    }

    private func openSSH(port: UInt16?, batch: String) throws {
        try run(
            "/usr/bin/sftp",
            [
                "-q", "-i", keyFile, "-P", String(port ?? server.port), "-o", "StrictHostKeyChecking=no", "-o",
                "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-b", "-", "\(server.username)@127.0.0.1",
            ],
            input: batch)
    }

    /// `curl sftp://` download of `path` to /dev/null, through `port` when given.
    func curlGet(_ path: String, port: UInt16? = nil) throws {
        try run(
            "/usr/bin/curl",
            [
                "-sS", "--insecure", "--key", keyFile, "--pubkey", keyFile + ".pub",
                "sftp://\(server.username)@127.0.0.1:\(port ?? server.port)\(path)", "-o", "/dev/null",
            ],
            input: "")
    }

    private func run(_ executable: String, _ arguments: [String], input: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // The peers as installed: curl on Debian's libssh2, not the one this bench may run on.
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "LD_LIBRARY_PATH" }
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchFailure("\(executable) exited with \(process.terminationStatus): \(arguments.joined(separator: " "))")
        }
    }
}
