import CSpawn
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The operating-system process of a function instance or of a task's container.
///
/// The process starts in a process group of its own, so that stopping it also stops whatever a
/// `bootstrap` script started (a shell wrapper running an interpreter, say). Its standard output
/// and standard error share one pipe, as in Lambda, where both land in the same log stream.
final class HostedProcess: Sendable {
    let pid: pid_t
    let output: OutputPipe
    let exit = OneShot<ExitStatus>()

    /// Starts `executable` with `arguments` and exactly `environment`, in `directory`.
    init(
        executable: String, arguments: [String] = [], environment: [String: String], directory: String, output: OutputPipe
    ) throws(HostError) {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output.writeDescriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, output.writeDescriptor, 2)
        cspawn_file_actions_addclosefrom(&actions, 3)
        cspawn_file_actions_addchdir(&actions, directory)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigfillset(&defaultSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)

        let arguments = [executable] + arguments
        let variables = environment.map { "\($0.key)=\($0.value)" }.sorted()
        var pid: pid_t = 0
        let result = CStrings.withArray(arguments) { argv in
            CStrings.withArray(variables) { envp in
                posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            }
        }
        output.closeWriteEnd()
        guard result == 0 else {
            throw HostError(.cannotStart, "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        self.pid = pid
        self.output = output
        let (pidToWait, exit) = (pid, self.exit)
        Thread.detachNewThread {
            exit.fulfil(ExitStatus.wait(for: pidToWait))
        }
    }

    /// Stops the process and everything in its group at once, as Lambda does (SIGKILL, no grace).
    func kill() {
        signalGroup(SIGKILL)
    }

    /// Asks the process and its group to stop (SIGTERM), as ECS does before its `StopTimeout`.
    func terminate() {
        signalGroup(SIGTERM)
    }

    /// Signals the process group, unless the process has been reaped: its id may belong to
    /// another process by then.
    private func signalGroup(_ signal: Int32) {
        guard !exit.isFulfilled else { return }
        Glibc.kill(-pid, signal)
    }
}

/// How a process ended, with the resources it used over its whole life (from `wait4`).
struct ExitStatus: Sendable, CustomStringConvertible {
    let code: Int32?
    let signal: Int32?
    let userCPU: Duration
    let systemCPU: Duration
    let maxResidentKilobytes: Int

    var description: String {
        if let signal { return "signal: \(signalName(signal))" }
        return "exit status \(code ?? -1)"
    }

    /// Blocks the calling thread until `pid` exits.
    static func wait(for pid: pid_t) -> ExitStatus {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let signalled = (status & 0x7f) != 0 && (status & 0x7f) != 0x7f
        return ExitStatus(
            code: signalled ? nil : (status >> 8) & 0xff, signal: signalled ? status & 0x7f : nil,
            userCPU: .init(usage.ru_utime), systemCPU: .init(usage.ru_stime),
            maxResidentKilobytes: usage.ru_maxrss)
    }

    private func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGKILL: "killed"
        case SIGSEGV: "segmentation fault"
        case SIGABRT: "aborted"
        case SIGILL: "illegal instruction"
        case SIGTERM: "terminated"
        case SIGTRAP: "trace/breakpoint trap"
        default: "signal \(signal)"
        }
    }
}

extension Duration {
    init(_ time: timeval) {
        self = .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec))
    }
}

/// NULL-terminated arrays of C strings for exec-style calls.
enum CStrings {
    static func withArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
