import Foundation

/// Where the test fixtures' child processes (the emulator and its functions, the worker, sshd,
/// every command run) write their logs, and the secret material the tests handed them, so that
/// `scripts/secret-check.sh` can grep every log for every secret after the suites.
///
/// With `TEST_LOG_DIR` set (as `make test` sets it), logs go to `$TEST_LOG_DIR/logs` and are kept,
/// and each secret is appended as one line to `$TEST_LOG_DIR/secrets.txt`. Without it, logs go to
/// the temporary folder and are removed with their process, and no secret is written anywhere.
public enum TestLogs {
    /// The kept folder, or nil when logs are temporary.
    private static let keptDirectory: String? = {
        guard let root = ProcessInfo.processInfo.environment["TEST_LOG_DIR"], !root.isEmpty else { return nil }
        try? FileManager.default.createDirectory(atPath: root + "/logs", withIntermediateDirectories: true)
        return root
    }()

    /// A new, empty log file whose name starts with `name`.
    public static func newFile(_ name: String) -> String {
        let folder = keptDirectory.map { $0 + "/logs/" } ?? NSTemporaryDirectory()
        let path = folder + "\(name)-\(getpid())-\(UUID().uuidString.prefix(8)).log"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return path
    }

    /// Removes a file `newFile` made, unless logs are kept.
    public static func discard(_ path: String) {
        if keptDirectory == nil { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Records secret material a test hands the engine (a secret access key, a passphrase, a
    /// password, a private key), which no log may contain. A private key is recorded line by
    /// line (each line of its body is secret on its own); lines shorter than 12 characters are
    /// left out, as too short to be told from ordinary text.
    public static func recordSecret(_ secret: String) {
        guard let root = keptDirectory else { return }
        let lines = secret.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.count >= 12 && !$0.hasPrefix("-----") }
        guard !lines.isEmpty else { return }
        let text = lines.joined(separator: "\n") + "\n"
        let path = root + "/secrets.txt"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = text.withCString { write(descriptor, $0, strlen($0)) }
    }
}
