import Foundation
public import Glibc

/// Runs helper programs (ssh-keygen, sshd) with `posix_spawn` and reaps them by process id.
///
/// Not Foundation's `Process`: on Linux its one monitor thread blocks in `waitpid` on a
/// long-running child (sshd), so a second process's exit is never noticed.
public enum Shell {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Starts `executable` with stdin from /dev/null and stdout and stderr appended to
    /// `outputPath`; returns the process id.
    public static func spawn(_ executable: String, _ arguments: [String], outputPath: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard rc == 0 else { throw Failure(description: "posix_spawn \(executable): \(String(cString: strerror(rc)))") }
        return pid
    }

    /// Waits for `pid` and returns its exit status (128 + signal when killed).
    @discardableResult
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// Runs `executable` to completion and returns what it printed; throws on a non-zero exit.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let outputPath = "/tmp/sftp-tests-output-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        defer { unlink(outputPath) }
        let status = wait(try spawn(executable, arguments, outputPath: outputPath))
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) exited \(status): \(output)")
        }
        return output
    }
}
