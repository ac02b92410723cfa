import Foundation
import NIOCore
import NIOPosix

/// One function's instances and the invocations waiting for them.
///
/// Instances pull work: each `/next` takes the oldest waiting invocation or waits for one, so load
/// spreads over warm instances by itself. A new instance starts only when invocations wait and
/// none is starting for them, up to the concurrency limit; beyond it invocations queue.
actor FunctionPool {
    let function: FunctionConfiguration
    private let launcher: InstanceLauncher
    private let limit: Int
    private let forward: @Sendable (String) -> Void
    private var queue = CircularBuffer<PendingInvocation>()
    private var instances: [Int: Instance] = [:]
    private var waiting: [(instance: Int, assignment: OneShot<Assignment?>)] = []
    private var running: [String: RunningInvocation] = [:]
    private var nextInstanceID = 1
    private var closed = false
    private var statistics = PoolStatistics()
    private var identifiers = IdentifierSource()
    /// Runs the invocations' timeout timers: scheduling and cancelling one costs far less than a task.
    private let timers = MultiThreadedEventLoopGroup.singleton.any()

    private var functionARN: String {
        "arn:aws:lambda:\(launcher.region):123456789012:function:\(function.name)"
    }

    init(function: FunctionConfiguration, launcher: InstanceLauncher, limit: Int, forward: @escaping @Sendable (String) -> Void) {
        self.function = function
        self.launcher = launcher
        self.limit = limit
        self.forward = forward
    }

    /// Queues an invocation of `payload` under a new request id; its result arrives through the
    /// returned invocation's `result`.
    func submit(payload: [UInt8], options: InvokeOptions) -> PendingInvocation {
        let invocation = PendingInvocation(requestID: identifiers.requestID(), payload: payload, options: options)
        submit(invocation)
        return invocation
    }

    private func submit(_ invocation: PendingInvocation) {
        guard !closed else {
            fail(invocation, FailureDocument(errorType: "Runtime.Shutdown", errorMessage: "the host is shutting down"))
            return
        }
        if let waiter = waiting.first {
            waiting.removeFirst()
            waiter.assignment.fulfil(assign(invocation, to: waiter.instance))
        } else {
            queue.append(invocation)
            startInstancesIfNeeded()
        }
    }

    /// What an instance's `/next` gets: an invocation now, or one to wait for (nil if the instance
    /// is being stopped).
    func next(instance id: Int) -> OneShot<Assignment?> {
        let result = OneShot<Assignment?>()
        guard var instance = instances[id], instance.phase != .stopping else {
            result.fulfil(nil)
            return result
        }
        switch instance.phase {
        case .starting(let since):
            let initDuration = ContinuousClock.now - since
            instance.initDuration = initDuration
            instance.reportInitDuration = true
            statistics.initDurations.append(initDuration)
        case .busy(let requestID):
            if let abandoned = running.removeValue(forKey: requestID) {
                abandoned.timeout.cancel()
                finish(abandoned, .failure(FailureDocument(
                    errorType: "Runtime.MissingResponse",
                    errorMessage: "RequestId: \(requestID) Error: the runtime asked for the next invocation without answering this one")))
            }
        default:
            break
        }
        instance.phase = .idle
        instances[id] = instance
        if let invocation = queue.popFirst() {
            result.fulfil(assign(invocation, to: id))
        } else {
            waiting.append((id, result))
        }
        return result
    }

    /// A runtime's answer; false when the request id is not one this instance is running.
    func respond(requestID: String, instance: Int, body: [UInt8], contentType: String) -> Bool {
        guard let invocation = takeRunning(requestID, instance: instance) else { return false }
        finish(invocation, .success(body, contentType))
        return true
    }

    /// A runtime's error report; false when the request id is not one this instance is running.
    func reportError(requestID: String, instance: Int, body: [UInt8], errorType: String?) -> Bool {
        guard let invocation = takeRunning(requestID, instance: instance) else { return false }
        finish(invocation, .failure(ErrorBody(body: body, headerType: errorType)))
        return true
    }

    /// A runtime's answer that was larger than the 6 MB Lambda accepts.
    func responseTooLarge(requestID: String, instance: Int, limit: Int) -> Bool {
        guard let invocation = takeRunning(requestID, instance: instance) else { return false }
        finish(invocation, .failure(FailureDocument(
            errorType: "Function.ResponseSizeTooLarge",
            errorMessage: "Response payload size exceeded maximum allowed payload size (\(limit) bytes).")))
        return true
    }

    func initFailed(instance id: Int, body: [UInt8]) {
        instances[id]?.initError = body
    }

    /// What the host measured of instances that have ended.
    func measurements() -> PoolStatistics { statistics }

    /// Stops every instance, fails what waits, and returns when every process has been reaped.
    func shutdown() async {
        closed = true
        while let invocation = queue.popFirst() {
            fail(invocation, FailureDocument(errorType: "Runtime.Shutdown", errorMessage: "the host is shutting down"))
        }
        for waiter in waiting { waiter.assignment.fulfil(nil) }
        waiting.removeAll()
        let live = instances.compactMap { id, instance in instance.process.map { (id, $0) } }
        for id in instances.keys { instances[id]?.phase = .stopping }
        for (_, process) in live { process.kill() }
        for (id, process) in live { exited(id, await process.exit.value) }
        for instance in instances.values { instance.server?.stop() }
        instances.removeAll()
    }

    // MARK: - Instances

    private func startInstancesIfNeeded() {
        let comingFree = instances.values.filter {
            switch $0.phase {
            case .starting, .finishing: true
            case .idle, .busy, .stopping: false
            }
        }.count
        var missing = min(queue.count - comingFree, limit - instances.count)
        while missing > 0 {
            let id = nextInstanceID
            nextInstanceID += 1
            instances[id] = Instance(id: id, phase: .starting(since: ContinuousClock.now))
            Task { await self.launch(id) }
            missing -= 1
        }
    }

    private func launch(_ id: Int) async {
        do {
            let server = try await RuntimeAPIServer.start(pool: self, instance: id)
            guard instances[id] != nil, !closed else {
                server.stop()
                instances[id] = nil
                return
            }
            instances[id]?.server = server
            instances[id]?.phase = .starting(since: ContinuousClock.now)
            let pipe = try OutputPipe(forward: forward)
            let process = try HostedProcess(
                executable: launcher.command[0], arguments: Array(launcher.command.dropFirst()),
                environment: launcher.environment(runtimeAPI: "127.0.0.1:\(server.port)", instance: id),
                directory: function.codeURI, output: pipe)
            pipe.startReading()
            instances[id]?.process = process
            Task { self.exited(id, await process.exit.value) }
        } catch {
            instances.removeValue(forKey: id)?.server?.stop()
            if let invocation = queue.popFirst() {
                fail(invocation, FailureDocument(errorType: "Runtime.InvalidEntrypoint", errorMessage: "\(error)"))
            }
        }
    }

    private func exited(_ id: Int, _ status: ExitStatus) {
        guard let instance = instances.removeValue(forKey: id) else { return }
        instance.server?.stop()
        statistics.exitedInstances += 1
        statistics.invocations += instance.invocations
        statistics.cpuTime += status.userCPU + status.systemCPU
        for waiter in waiting where waiter.instance == id { waiter.assignment.fulfil(nil) }
        waiting.removeAll { $0.instance == id }
        switch instance.phase {
        case .busy(let requestID):
            if let invocation = running.removeValue(forKey: requestID) {
                invocation.timeout.cancel()
                finish(invocation, .failure(FailureDocument(
                    errorType: "Runtime.ExitError",
                    errorMessage: "RequestId: \(requestID) Error: Runtime exited with error: \(status)")), on: instance)
            }
        case .starting:
            if let invocation = queue.popFirst() {
                let failure = instance.initError.map { ErrorBody(body: $0, headerType: "Runtime.InitError") }
                    ?? ErrorBody(document: FailureDocument(
                        errorType: "Runtime.ExitError",
                        errorMessage: "RequestId: \(invocation.requestID) Error: Runtime exited before its first /next: \(status)"))
                fail(invocation, failure)
            }
        case .idle, .finishing, .stopping:
            break
        }
        if !closed { startInstancesIfNeeded() }
    }

    // MARK: - Invocations

    private func assign(_ invocation: PendingInvocation, to id: Int) -> Assignment {
        let started = ContinuousClock.now
        let timeout = timers.scheduleTask(in: .milliseconds(Int64(function.timeoutSeconds * 1000))) {
            _ = Task { await self.timedOut(invocation.requestID) }
        }
        running[invocation.requestID] = RunningInvocation(invocation: invocation, instance: id, started: started, timeout: timeout)
        instances[id]?.phase = .busy(invocation.requestID)
        instances[id]?.invocations += 1
        instances[id]?.process?.output.beginCapture()
        instances[id]?.process?.output.addHostLine("START RequestId: \(invocation.requestID) Version: $LATEST")
        let now = Date().timeIntervalSince1970
        let deadline = Int64(now * 1000) + Int64(function.timeoutSeconds * 1000)
        return Assignment(
            invocation: invocation, deadlineMilliseconds: deadline, functionARN: functionARN,
            traceID: invocation.options.traceID ?? identifiers.traceID(epochSeconds: Int64(now)))
    }

    private func takeRunning(_ requestID: String, instance: Int) -> RunningInvocation? {
        guard let invocation = running[requestID], invocation.instance == instance else { return nil }
        running[requestID] = nil
        invocation.timeout.cancel()
        instances[instance]?.phase = .finishing
        return invocation
    }

    private func timedOut(_ requestID: String) {
        guard let invocation = running.removeValue(forKey: requestID) else { return }
        instances[invocation.instance]?.phase = .stopping
        instances[invocation.instance]?.process?.kill()
        finish(invocation, .failure(FailureDocument(
            errorType: "Sandbox.Timedout",
            errorMessage: "RequestId: \(requestID) Error: Task timed out after \(Milliseconds.twoDecimals(hundredths: Int64((function.timeoutSeconds * 100).rounded()))) seconds")))
    }

    private enum Outcome {
        case success([UInt8], String)
        case failure(ErrorBody)

        static func failure(_ document: FailureDocument) -> Outcome { .failure(ErrorBody(document: document)) }
    }

    /// Completes a running invocation: its log lines, the END and REPORT lines, then the result.
    private func finish(_ running: RunningInvocation, _ outcome: Outcome, on exited: Instance? = nil) {
        let requestID = running.invocation.requestID
        let instance = exited ?? instances[running.instance]
        let duration = ContinuousClock.now - running.started
        var report = "REPORT RequestId: \(requestID)\tDuration: \(Milliseconds.text(duration)) ms"
            + "\tBilled Duration: \(Milliseconds.billed(duration)) ms\tMemory Size: \(function.memorySize) MB"
        if let pid = instance?.process?.pid, let peak = ProcessMemory.peakMegabytes(of: pid) {
            report += "\tMax Memory Used: \(peak) MB"
        }
        if instance?.reportInitDuration == true, let initDuration = instance?.initDuration {
            report += "\tInit Duration: \(Milliseconds.text(initDuration)) ms"
            instances[running.instance]?.reportInitDuration = false
        }
        if case .failure(let error) = outcome, error.errorType == "Sandbox.Timedout" {
            report += "\tStatus: timeout"
        }
        let logs = instance?.process?.output.finishCapture(appending: ["END RequestId: \(requestID)", report]) ?? []
        switch outcome {
        case .success(let body, let contentType):
            running.invocation.result.fulfil(InvocationResult(
                requestID: requestID, payload: body, contentType: contentType, functionError: nil, errorType: nil, logs: logs))
        case .failure(let error):
            running.invocation.result.fulfil(InvocationResult(
                requestID: requestID, payload: error.body, contentType: "application/json", functionError: "Unhandled",
                errorType: error.errorType, logs: logs))
        }
    }

    /// Fails an invocation that never reached an instance.
    private func fail(_ invocation: PendingInvocation, _ document: FailureDocument) {
        fail(invocation, ErrorBody(document: document))
    }

    private func fail(_ invocation: PendingInvocation, _ error: ErrorBody) {
        let line = "\(function.name) \(invocation.requestID) \(error.errorType ?? "Error"): "
            + String(decoding: error.body.prefix(1024), as: UTF8.self)
        forward(line)
        invocation.result.fulfil(InvocationResult(
            requestID: invocation.requestID, payload: error.body, contentType: "application/json",
            functionError: "Unhandled", errorType: error.errorType, logs: Array((line + "\n").utf8)))
    }
}
