import AWS
import Glibc
import TransferCore
import Worker

/// TransferWorker: takes large SFTP jobs from `work.fifo` until SIGTERM (Fargate's stop, or the
/// emulator's) or SIGINT, then lets the running job stop at its next part, leaves its message for
/// a retry and exits 0.
let stop = StopFlag()
let signalSources = stop.raiseOnSignals([SIGTERM, SIGINT])

/// Writes one log line straight to stdout: unbuffered, so nothing is lost at exit.
@Sendable func printLine(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    bytes.withUnsafeBytes { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
}

do {
    let settings = try WorkerSettings.fromEnvironment()
    let client = try AWSClient.fromEnvironment()
    TransferWorker(settings: settings, client: client, stop: stop, log: printLine).run()
} catch {
    printLine(WorkerLog.line(level: "ERROR", event: "worker.startFailed", ["reason": "\(error)"]))
    exit(1)
}
withExtendedLifetime(signalSources) {}
exit(0)
