/// An ECS service on this machine: `desiredCount` copies of its task definition kept running as
/// ``LocalTask``s. A task that stops by itself (an essential container exited) is replaced, after
/// a pause that doubles while tasks keep stopping within a minute of their start (1 s up to 30 s),
/// as ECS throttles a service whose tasks keep failing. `stop()` stops every task as ECS does.
public final class LocalService: Sendable {
    private let stopRequested: OneShot<Void>
    private let keepers: [Task<Void, Never>]

    /// Starts the service's tasks.
    ///
    /// - Parameter report: one line for each task started, stopped by itself or replaced.
    public init(
        service: ServiceDefinition, definition: TaskDefinition, options: HostOptions, report: @escaping @Sendable (String) -> Void
    ) {
        let stopRequested = OneShot<Void>()
        self.stopRequested = stopRequested
        keepers = (0..<service.desiredCount).map { copy in
            let label = service.desiredCount == 1 ? nil : String(copy + 1)
            let name = label.map { "\(service.name)#\($0)" } ?? service.name
            return Task {
                await Self.keepRunning(definition, options: options, label: label, name: name, stop: stopRequested, report: report)
            }
        }
    }

    /// Stops every task (SIGTERM to its containers, SIGKILL after their `StopTimeout`) and waits
    /// until they have ended.
    public func stop() async {
        stopRequested.fulfil(())
        for keeper in keepers { await keeper.value }
    }

    private static func keepRunning(
        _ definition: TaskDefinition, options: HostOptions, label: String?, name: String, stop: OneShot<Void>,
        report: @escaping @Sendable (String) -> Void
    ) async {
        var pause = Duration.seconds(1)
        while true {
            let task: LocalTask
            do {
                task = try LocalTask(definition: definition, options: options, label: label)
            } catch {
                report("service \(name): \(error); no task runs")
                return
            }
            let started = ContinuousClock.now
            report("service \(name): task \(definition.name) running (pid \(task.processIDs.map(String.init).joined(separator: ", ")))")
            let exit = await first({ await task.essentialExit() }, or: { await stop.value })
            let exits = await task.stop()
            guard let exit else {
                report("service \(name): stopped (\(exits.map(\.description).joined(separator: ", ")))")
                return
            }
            pause = ContinuousClock.now - started < .seconds(60) ? min(pause * 2, .seconds(30)) : .seconds(1)
            report("service \(name): \(exit), an essential container: a new task starts in \(pause.components.seconds) s")
            let wait = pause
            guard await first({ await sleeping(wait) }, or: { await stop.value }) != nil else { return }
        }
    }

    /// The value of `work`, or nil when `stop` comes first. The loser is left to end by itself
    /// (a task's exit comes once the task is stopped; a sleep is cancelled).
    private static func first<Value: Sendable>(
        _ work: @escaping @Sendable () async -> Value, or stop: @escaping @Sendable () async -> Void
    ) async -> Value? {
        let (outcomes, outcome) = AsyncStream.makeStream(of: Value?.self)
        let racers: [Task<Void, Never>] = [
            Task { outcome.yield(await work()) },
            Task {
                await stop()
                outcome.yield(nil)
            },
        ]
        var iterator = outcomes.makeAsyncIterator()
        let winner = await iterator.next() ?? nil
        outcome.finish()
        racers.forEach { $0.cancel() }
        return winner
    }

    private static func sleeping(_ duration: Duration) async -> Bool {
        (try? await Task.sleep(for: duration)) != nil
    }
}
