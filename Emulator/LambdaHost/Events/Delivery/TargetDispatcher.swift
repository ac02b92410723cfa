import AWS
import Foundation
import StateMachine

/// Hands a target its input: invokes a function, sends to a queue, starts a state machine,
/// publishes to a topic. Each answer is the detail of the delivery; each failure a
/// ``DeliveryFailure`` that says what failed on what.
struct TargetDispatcher: Sendable {
    let host: LambdaHost
    let client: AWSClient
    /// Whether a started execution is awaited (replay: its outcome is part of the report) or left
    /// running (the long-running host).
    let awaitsExecutions: Bool
    let executions: ExecutionTracker
    /// Each function's asynchronous-invocation settings.
    let invokeConfigs: [String: AsyncInvokeConfig]
    /// The clock retries wait on: the wall clock, or a faster one.
    let retryClock: ScheduleClock
    let region: String
    let account: String

    /// SQS's and EventBridge's limit on a message or event.
    static let messageLimit = 256 * 1024

    /// Delivers as AWS's services do: a function is invoked asynchronously (``invokeAsynchronously(_:payload:)``).
    func send(_ payload: String, to destination: TargetDestination, groupID: String?, deduplicationID: String) async throws(DeliveryFailure) -> String {
        switch destination {
        case .function(let name): return try await invokeAsynchronously(name, payload: payload)
        case .queue(let arn): return try await enqueue(payload, queueARN: arn, groupID: groupID, deduplicationID: deduplicationID)
        case .stateMachine(let name): return try await start(name, input: payload)
        case .topic(let arn): return try await publish(payload, topicARN: arn)
        }
    }

    /// One synchronous invocation, as API Gateway makes it.
    func invoke(_ function: String, payload: String) async throws(DeliveryFailure) -> String {
        let result = try await attempt(function, payload: payload)
        guard result.succeeded else { throw DeliveryFailure(Self.failure(of: function, result)) }
        return "answered \(Self.answer(result))"
    }

    /// One invocation; a failure to run the function at all is thrown, the function's own failure returned.
    func attempt(_ function: String, payload: String, options: InvokeOptions = InvokeOptions()) async throws(DeliveryFailure) -> InvocationResult {
        do {
            return try await host.invoke(function, payload: Array(payload.utf8), options: options)
        } catch {
            throw DeliveryFailure("cannot run \(function): \(error.message)")
        }
    }

    /// What the function answered, shortened for a report line.
    static func answer(_ result: InvocationResult) -> String {
        excerpt(String(decoding: result.payload, as: UTF8.self))
    }

    static func failure(of function: String, _ result: InvocationResult) -> String {
        "\(function) failed with \(result.errorType ?? "an error"): \(answer(result))"
    }

    private func enqueue(_ body: String, queueARN: String, groupID: String?, deduplicationID: String) async throws(DeliveryFailure) -> String {
        guard body.utf8.count <= Self.messageLimit else {
            throw DeliveryFailure("the message is \(body.utf8.count) bytes; SQS accepts at most \(Self.messageLimit)")
        }
        let url = Self.queueURL(of: queueARN)
        let fifo = url.hasSuffix(".fifo")
        if fifo, groupID == nil { throw DeliveryFailure("a FIFO queue target needs SqsParameters.MessageGroupId") }
        let message = SQSOutgoingMessage(body: body, groupID: fifo ? groupID : nil, deduplicationID: fifo ? deduplicationID : nil)
        let sqs = SQSClient(client: client)
        do {
            let sent = try await OffloadedCall.run { () throws(AWSError) in try sqs.sendMessage(queueURL: url, message) }
            return "sent as message \(sent.messageID)"
        } catch {
            throw DeliveryFailure(error.description, isRetryable: error.isRetryable)
        }
    }

    private func publish(_ message: String, topicARN: String) async throws(DeliveryFailure) -> String {
        let sns = SNSClient(client: client)
        do {
            let id = try await OffloadedCall.run { () throws(AWSError) in try sns.publish(topicARN: topicARN, message: message) }
            return "published as message \(id)"
        } catch {
            throw DeliveryFailure(error.description, isRetryable: error.isRetryable)
        }
    }

    private func start(_ machine: String, input: String) async throws(DeliveryFailure) -> String {
        let definition: StateMachineDefinition
        let inputValue: JSONValue
        do {
            definition = try StateMachineDefinition(json: try host.template.stateMachineDefinition(named: machine))
            inputValue = try JSONValue(parsing: input)
        } catch {
            throw DeliveryFailure("cannot start \(machine): \(error)")
        }
        let runner = StateMachineRunner(
            definition: definition, services: LocalStateMachineServices(host: host, s3: S3Client(client: client)),
            options: ExecutionOptions(stateMachineName: machine), onEvent: { _ in })
        let name = UUID().uuidString.lowercased()
        let execution = Task { await runner.run(input: inputValue, executionName: name) }
        guard awaitsExecutions else {
            await executions.keep(Task { _ = await execution.value })
            return "started execution \(name)"
        }
        switch await execution.value {
        case .success(let output): return "execution \(name) succeeded: \(Self.excerpt(output.serialized()))"
        case .failure(let failure): throw DeliveryFailure("execution \(name) failed: \(failure)")
        }
    }

    /// A queue's URL from its ARN, in the form `!Ref` gives.
    static func queueURL(of arn: String) -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6 else { return arn }
        return "https://sqs.\(parts[3]).amazonaws.com/\(parts[4])/\(parts[5])"
    }

    /// The first 300 characters of an answer, for a report line.
    static func excerpt(_ text: String) -> String {
        text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}

/// Executions started in the background, so the host can wait for them before it stops.
actor ExecutionTracker {
    private var running: [Task<Void, Never>] = []

    func keep(_ task: Task<Void, Never>) {
        running.append(task)
    }

    /// Waits for every execution started so far.
    func waitForAll() async {
        while !running.isEmpty {
            let task = running.removeFirst()
            await task.value
        }
    }
}
