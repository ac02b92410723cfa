import AWS
import Glibc
import LineLogging
import TransferCore
import Worker

/// TransferWorker: takes large SFTP jobs from `work.fifo` until SIGTERM (Fargate's stop, or the
/// emulator's) or SIGINT, then lets the running job stop at its next part, leaves its message for
/// a retry and exits 0.
let stop = StopFlag()
let signalSources = stop.raiseOnSignals([SIGTERM, SIGINT])

do {
    let settings = try WorkerSettings.fromEnvironment()
    let client = try AWSClient.fromEnvironment()
    TransferWorker(settings: settings, client: client, stop: stop, log: LineLogger.writeToStandardOutput).run()
} catch {
    LineLogger.worker(write: LineLogger.writeToStandardOutput).error("worker.startFailed", ["reason": "\(error)"])
    exit(1)
}
withExtendedLifetime(signalSources) {}
exit(0)
