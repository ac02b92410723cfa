import AWS
import Foundation
@testable import LambdaHost
import MotoPeer
import StateMachine
import Testing

/// Lambda's asynchronous invocation (retries, event age, OnSuccess and OnFailure destinations, the
/// function's dead-letter queue) and a rule target's RetryPolicy, on moto, on a clock 600 times
/// faster than AWS's (Lambda's one-minute wait takes 0.1 s).
@Suite("Asynchronous invocation retries and destinations, rule target retries", .serialized)
struct AsyncInvokeTests {
    static let template = EventProject.recordingTemplateHead + """
          Failing:
            Type: AWS::Serverless::Function
            Properties:
              EventInvokeConfig:
                MaximumRetryAttempts: 1
                DestinationConfig:
                  OnFailure: {Type: SQS, Destination: !GetAtt Failures.Arn}
                  OnSuccess: {Type: SQS, Destination: !GetAtt Successes.Arn}
          Defaulted:
            Type: AWS::Serverless::Function
            Properties:
              DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Dead.Arn}
          Configured:
            Type: AWS::Serverless::Function
          ConfiguredInvokeConfig:
            Type: AWS::Lambda::EventInvokeConfig
            Properties: {FunctionName: !Ref Configured, Qualifier: $LATEST, MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 120}
          Failures: {Type: AWS::SQS::Queue, Properties: {QueueName: async-failures}}
          Successes: {Type: AWS::SQS::Queue, Properties: {QueueName: async-successes}}
          Dead: {Type: AWS::SQS::Queue, Properties: {QueueName: async-dead}}
          Undeliverable: {Type: AWS::SQS::Queue, Properties: {QueueName: async-undeliverable}}
          Retried: {Type: AWS::SQS::Queue, Properties: {QueueName: async-retried}}
          ToFailing:
            Type: AWS::Events::Rule
            Properties:
              EventPattern: {source: [app.async], detail-type: [Failing]}
              Targets: [{Id: failing, Arn: !GetAtt Failing.Arn, InputPath: $.detail, DeadLetterConfig: {Arn: !GetAtt Undeliverable.Arn}}]
          ToDefaulted:
            Type: AWS::Events::Rule
            Properties:
              EventPattern: {source: [app.async], detail-type: [Defaulted]}
              Targets: [{Id: defaulted, Arn: !GetAtt Defaulted.Arn, InputPath: $.detail}]
          ToQueue:
            Type: AWS::Events::Rule
            Properties:
              EventPattern: {source: [app.async], detail-type: [Queued]}
              Targets:
                - Id: queue
                  Arn: !GetAtt Retried.Arn
                  RetryPolicy: {MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600}
                  DeadLetterConfig: {Arn: !GetAtt Undeliverable.Arn}
        """

    static func event(_ type: String, _ detail: JSONValue) -> JSONValue {
        [
            "version": "0", "id": .string(UUID().uuidString.lowercased()), "detail-type": .string(type), "source": "app.async",
            "account": "123456789012", "time": "2025-03-01T12:00:00Z", "region": "us-east-1", "resources": [], "detail": detail,
        ]
    }

    static func queueURL(_ name: String) -> String { "https://sqs.us-east-1.amazonaws.com/123456789012/\(name)" }

    static let fastRetries = ScheduleClock(scale: 600)

    /// Runs `body` with a provisioned project, its host, and an event plane on the fast clock.
    private func withPlane(client: ((EventProject) -> AWSClient)? = nil, _ body: (EventProject, EventPlane) async throws -> Void) async throws {
        let project = try EventProject(template: Self.template)
        let host = try project.makeHost()
        try await withShutdown(of: host) { () async throws in
            try ResourceProvisioner(template: host.template, client: project.client).provision { _ in }
            for queue in ["async-failures", "async-successes", "async-dead", "async-undeliverable", "async-retried"] {
                _ = try project.client.json(.sqs, "PurgeQueue", ["QueueUrl": .string(Self.queueURL(queue))], resource: queue)
            }
            let plane = EventPlane(
                wiring: EventWiring(template: host.template), host: host, client: client?(project) ?? project.client, region: "us-east-1",
                retryClock: Self.fastRetries, log: { _ in })
            try await body(project, plane)
        }
    }

    private func messages(_ project: EventProject, _ queue: String) throws -> [SQSMessage] {
        try SQSClient(client: project.client).receiveMessages(queueURL: Self.queueURL(queue), maxMessages: 10)
    }

    @Test("the template's settings are read: SAM's EventInvokeConfig and DeadLetterQueue, AWS::Lambda::EventInvokeConfig, RetryPolicy")
    func wiring() throws {
        let project = try EventProject(template: Self.template)
        let wiring = EventWiring(template: try project.loadTemplate())
        let failing = wiring.asyncInvokeConfig(of: "Failing")
        #expect(failing.maximumRetryAttempts == 1)
        #expect(failing.onFailure == .queue(arn: "arn:aws:sqs:us-east-1:123456789012:async-failures"))
        #expect(failing.onSuccess == .queue(arn: "arn:aws:sqs:us-east-1:123456789012:async-successes"))
        #expect(wiring.asyncInvokeConfig(of: "Defaulted").maximumRetryAttempts == 2)
        #expect(wiring.asyncInvokeConfig(of: "Defaulted").deadLetterTarget == .queue(arn: "arn:aws:sqs:us-east-1:123456789012:async-dead"))
        #expect(wiring.asyncInvokeConfig(of: "Configured").maximumRetryAttempts == 0)
        #expect(wiring.asyncInvokeConfig(of: "Configured").maximumEventAgeInSeconds == 120)
        let queueTarget = try #require(wiring.rule(named: "ToQueue")?.targets.first)
        #expect(queueTarget.retryPolicy == TargetRetryPolicy(maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600))
        #expect(wiring.rule(named: "ToFailing")?.targets.first?.retryPolicy == .standard)
        #expect(wiring.unrun.isEmpty, "\(wiring.unrun)")
    }

    @Test("a function failing every attempt runs 1 + MaximumRetryAttempts times; OnFailure gets Lambda's invocation record, the rule's dead-letter queue nothing")
    func retriesExhausted() async throws {
        try await withPlane { project, plane in
            let deliveries = await plane.put(Self.event("Failing", ["error": "boom"]))
            let delivery = try #require(deliveries.first)
            guard case .failed(let reason) = delivery.status else { throw Failure("a failing function was reported delivered") }
            #expect(reason.contains("2 attempts, RetriesExhausted") && reason.contains("OnFailure"), "\(reason)")
            #expect(project.received().filter { $0.event == ["error": "boom"] }.count == 2)
            let records = try messages(project, "async-failures")
            #expect(records.count == 1)
            let record = try JSONValue(parsing: records.first?.body ?? "")
            #expect(record["requestContext"]?["condition"] == "RetriesExhausted")
            #expect(record["requestContext"]?["approximateInvokeCount"] == 2)
            #expect(record["requestContext"]?["functionArn"] == "arn:aws:lambda:us-east-1:123456789012:function:Failing:$LATEST")
            #expect(record["requestPayload"] == ["error": "boom"])
            #expect(record["responseContext"]?["functionError"] == "Unhandled")
            #expect(record["responsePayload"]?["errorMessage"] == "boom")
            #expect(try messages(project, "async-undeliverable").isEmpty)
            #expect(try messages(project, "async-successes").isEmpty)
        }
    }

    @Test("a function that fails once succeeds on its retry, and OnSuccess gets the invocation record")
    func succeedsOnRetry() async throws {
        try await withPlane { project, plane in
            let detail: JSONValue = ["fail-first": 1, "id": .string(UUID().uuidString)]
            let deliveries = await plane.put(Self.event("Failing", detail))
            guard case .delivered(let text) = deliveries.first?.status else { throw Failure("the retry did not deliver: \(deliveries)") }
            #expect(text.contains("on attempt 2") && text.contains("OnSuccess"), "\(text)")
            #expect(project.received().filter { $0.event == detail }.count == 2)
            let records = try messages(project, "async-successes")
            let record = try JSONValue(parsing: records.first?.body ?? "")
            #expect(records.count == 1)
            #expect(record["requestContext"]?["condition"] == "Success")
            #expect(record["responsePayload"] == ["ok": true])
            #expect(record["responseContext"]?["functionError"] == nil)
            #expect(try messages(project, "async-failures").isEmpty)
        }
    }

    @Test("by Lambda's defaults a failing event is tried three times, then goes to the function's dead-letter queue with the error")
    func defaultsAndDeadLetters() async throws {
        try await withPlane { project, plane in
            let detail: JSONValue = ["error": .string("dead \(UUID().uuidString)")]
            let deliveries = await plane.put(Self.event("Defaulted", detail))
            guard case .failed(let reason) = deliveries.first?.status else { throw Failure("a failing function was reported delivered") }
            #expect(reason.contains("3 attempts") && reason.contains("dead-letter queue async-dead"), "\(reason)")
            #expect(project.received().filter { $0.event == detail }.count == 3)
            let dead = try messages(project, "async-dead")
            #expect(dead.count == 1)
            #expect(try JSONValue(parsing: dead.first?.body ?? "") == detail)
            #expect(dead.first?.messageAttributes["ErrorMessage"]?.contains(detail["error"]?.stringValue ?? "?") == true)
            #expect(dead.first?.messageAttributes["RequestID"]?.isEmpty == false)
        }
    }

    @Test("an Invoke API call of type Event is answered 202 at once and then retried and reported like an event")
    func invokeAPIEvent() async throws {
        try await withPlane { (project: EventProject, plane: EventPlane) async throws in
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            let server = Task { try await InvokeAPIServer(host: plane.host, plane: plane).run(port: 0) { continuation.yield($0) } }
            defer { server.cancel() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let marker = "invoked \(UUID().uuidString)"
            let payload = "\(project.directory)/payload.json"
            try #"{"error": "\#(marker)"}"#.write(toFile: payload, atomically: true, encoding: .utf8)
            let directory = project.directory
            // The CLI is waited for off the cooperative pool, which the server's handlers need.
            let invoked = try await offCooperativePool {
                try CommandRun.run(
                "/usr/bin/env",
                [
                    "aws", "lambda", "invoke", "--endpoint-url", "http://127.0.0.1:\(port)", "--region", "us-east-1", "--function-name", "Failing",
                    "--invocation-type", "Event", "--payload", "fileb://\(payload)", "\(directory)/answer.json",
                ],
                environment: ProcessInfo.processInfo.environment.merging(
                    ["AWS_ACCESS_KEY_ID": "AKIDLOCAL", "AWS_SECRET_ACCESS_KEY": "local-secret", "AWS_MAX_ATTEMPTS": "1"]) { $1 })
            }
            #expect(invoked.status == 0, "\(invoked.stderr)")
            #expect(invoked.stdout.contains("202"), "\(invoked.stdout)")
            #expect(try await eventually(within: 90) { project.received().filter { $0.event == ["error": .string(marker)] }.count == 2 })
            var records: [SQSMessage] = []
            #expect(try await eventually(within: 90) {
                records += try messages(project, "async-failures")
                return !records.isEmpty
            })
            let record = try JSONValue(parsing: records.first?.body ?? "")
            #expect(record["requestPayload"] == ["error": .string(marker)])
            #expect(record["requestContext"]?["approximateInvokeCount"] == 2)
        }
    }

    @Test("a rule target's delivery refused with 503 is retried by its RetryPolicy and arrives once")
    func targetRetried() async throws {
        let proxy = try Self.proxy(faults: 2)
        defer { proxy.stop() }
        try await withPlane(client: { $0.account.client(endpoint: proxy.endpoint, retryPolicy: .none) }) { (project: EventProject, plane: EventPlane) async throws in
            let deliveries = await plane.put(Self.event("Queued", ["n": 1]))
            #expect(deliveries.first?.succeeded == true, "\(deliveries.map(\.line))")
            #expect(proxy.faultsServed == 2)
            #expect(try messages(project, "async-retried").count == 1)
            #expect(try messages(project, "async-undeliverable").isEmpty)
        }
    }

    @Test("a delivery still refused after MaximumRetryAttempts goes to the target's dead-letter queue")
    func targetRetriesExhausted() async throws {
        let proxy = try Self.proxy(faults: 10)
        defer { proxy.stop() }
        try await withPlane(client: { $0.account.client(endpoint: proxy.endpoint, retryPolicy: .none) }) { (project: EventProject, plane: EventPlane) async throws in
            let deliveries = await plane.put(Self.event("Queued", ["n": 2]))
            guard case .failed(let reason) = deliveries.first?.status else { throw Failure("a refused delivery was reported delivered") }
            #expect(reason.contains("after 3 attempts") && reason.contains("dead-letter queue async-undeliverable"), "\(reason)")
            #expect(proxy.faultsServed == 3)
            #expect(try messages(project, "async-undeliverable").count == 1)
            #expect(try messages(project, "async-retried").isEmpty)
        }
    }

    /// A proxy in front of moto answering 503 to the first `faults` messages sent to async-retried
    /// (by the request's QueueUrl: a dead letter names that queue too, in its attributes).
    static func proxy(faults: Int) throws -> FaultProxy {
        let account = try EventProject(template: "Resources: {}").account
        let port = UInt16(account.endpoint.split(separator: ":").last ?? "") ?? 0
        return try FaultProxy(upstreamPort: port, fault: .slowDown, faultCount: faults) { request in
            guard request.header("X-Amz-Target")?.hasSuffix("SendMessage") == true else { return false }
            let text = String(decoding: request.raw, as: UTF8.self)
            guard let field = text.range(of: #""QueueUrl""#) else { return false }
            return text[field.upperBound...].prefix { $0 != "," && $0 != "}" }.hasSuffix(#"async-retried""#)
        }
    }
}
