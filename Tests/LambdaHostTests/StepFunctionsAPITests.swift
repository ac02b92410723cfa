import AWS
import Foundation
import LambdaHost
import MotoPeer
import Testing

/// The Step Functions API `emulator start` serves its functions, called with the project's own
/// client as the Router calls it.
@Suite("The local Step Functions API")
struct StepFunctionsAPITests {
    static let template = """
        Resources:
          Greeter:
            Type: AWS::Serverless::StateMachine
            Properties:
              Definition:
                StartAt: Pause
                States:
                  Pause: {Type: Wait, Seconds: 1, Next: Greet}
                  Greet:
                    Type: Pass
                    Parameters: {greeting.$: "States.Format('hello {}', $.name)"}
                    End: true
        """
    static let machine = "arn:aws:states:us-east-1:123456789012:stateMachine:Greeter"

    /// Serves the API for `template` on a free port and runs `body` with a client for it.
    private func withServer(_ body: @escaping @Sendable (StepFunctionsClient) throws -> Void) async throws {
        let template = try SAMTemplate.parse(yaml: Self.template, path: "/projects/greeter/template.yaml")
        let host = LambdaHost(template: template, options: HostOptions(buildDirectory: "/nonexistent", output: { _, _ in }))
        let client = AWSClient(
            region: "us-east-1", credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "local", secretAccessKey: "local")),
            endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:1", "AWS_ENDPOINT_URL_SFN": "http://127.0.0.1:1"]))
        let executions = LocalExecutions(template: template) { _ in }
        await executions.run(with: LocalStateMachineServices(host: host, s3: S3Client(client: client)))
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        let server = Task { try await StepFunctionsAPIServer(executions: executions).run(port: 0) { bound.yield($0) } }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        // Only Step Functions has an endpoint that answers: the client picks it by AWS_ENDPOINT_URL_SFN.
        let states = AWSClient(
            region: "us-east-1", credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "local", secretAccessKey: "local")),
            endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:1", "AWS_ENDPOINT_URL_SFN": "http://127.0.0.1:\(port)"]),
            retryPolicy: RetryPolicy(maxAttempts: 1, baseDelay: .milliseconds(10), maxDelay: .milliseconds(10)))
        try await offCooperativePool { try body(StepFunctionsClient(client: states)) }
    }

    @Test("StartExecution runs the template's state machine; DescribeExecution follows it to SUCCEEDED with its output")
    func runsToTheEnd() async throws {
        try await withServer { states in
            let arn = try states.startExecution(stateMachineARN: Self.machine, input: #"{"name":"acme"}"#, name: "job-1")
            #expect(arn == "arn:aws:states:us-east-1:123456789012:execution:Greeter:job-1")
            #expect(try states.describeExecution(executionARN: arn).status == "RUNNING")
            var described = try states.describeExecution(executionARN: arn)
            for _ in 0..<100 where described.status == "RUNNING" {
                usleep(50_000)
                described = try states.describeExecution(executionARN: arn)
            }
            #expect(described.status == "SUCCEEDED")
            #expect(described.output == #"{"greeting":"hello acme"}"#)
            #expect(described.input == #"{"name":"acme"}"#)
        }
    }

    @Test("a second start of a name: the same input while running answers the same execution; another input, or after the end, ExecutionAlreadyExists")
    func namesAreUsedOnce() async throws {
        try await withServer { states in
            let arn = try states.startExecution(stateMachineARN: Self.machine, input: #"{"name":"a"}"#, name: "job-2")
            #expect(try states.startExecution(stateMachineARN: Self.machine, input: #"{"name":"a"}"#, name: "job-2") == arn)
            let refusal = #expect(throws: AWSError.self) {
                try states.startExecution(stateMachineARN: Self.machine, input: #"{"name":"b"}"#, name: "job-2")
            }
            #expect(refusal?.code == "ExecutionAlreadyExists")
            #expect(refusal?.message == "Execution Already Exists: '\(arn)'")
            while try states.describeExecution(executionARN: arn).status == "RUNNING" { usleep(50_000) }
            let late = #expect(throws: AWSError.self) {
                try states.startExecution(stateMachineARN: Self.machine, input: #"{"name":"a"}"#, name: "job-2")
            }
            #expect(late?.code == "ExecutionAlreadyExists")
        }
    }

    @Test("unknown state machines and executions, bad names and inputs are refused as Step Functions names them")
    func refusals() async throws {
        try await withServer { states in
            let cases: [(String, () throws -> Void)] = [
                ("StateMachineDoesNotExist", { _ = try states.startExecution(stateMachineARN: Self.machine + "2", input: "{}") }),
                ("InvalidName", { _ = try states.startExecution(stateMachineARN: Self.machine, input: "{}", name: "job 3") }),
                ("InvalidExecutionInput", { _ = try states.startExecution(stateMachineARN: Self.machine, input: "{oops", name: "job-4") }),
                ("ExecutionDoesNotExist", {
                    _ = try states.describeExecution(executionARN: "arn:aws:states:us-east-1:123456789012:execution:Greeter:none")
                }),
            ]
            for (code, call) in cases {
                let error = #expect(throws: AWSError.self) { try call() }
                #expect(error?.code == code)
            }
        }
    }
}
