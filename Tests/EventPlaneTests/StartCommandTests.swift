import AWS
import Foundation
@testable import LambdaHost
import MotoPeer
import StateMachine
import Testing

/// `emulator start` as a user runs it: no endpoint, so it starts moto itself; then the EventBridge
/// API and an SQS mapping at work, until Ctrl-C.
@Suite("emulator start", .serialized)
struct StartCommandTests {
    static let template = EventProject.recordingTemplateHead + """
          Audit:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Orders: {Type: EventBridgeRule, Properties: {Pattern: {source: [app.orders]}}}
                Jobs: {Type: SQS, Properties: {Queue: !GetAtt Jobs.Arn}}
                Web: {Type: Api, Properties: {Path: /x, Method: get}}
          Jobs:
            Type: AWS::SQS::Queue
            Properties: {QueueName: start-jobs}
        """

    @Test("starts moto, creates the resources, serves PutEvents, polls the queue, names what is not run, and stops on SIGINT")
    func startAndStop() async throws {
        let project = try EventProject(template: Self.template)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuildProducts.directory + "/emulator")
        process.arguments = [
            "start", "--template", project.templatePath, "--build-dir", BuildProducts.directory, "--port", "0", "--events-port", "0",
            "--api-port", "0",
        ]
        var environment = ProcessInfo.processInfo.environment
        for name in ["AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] { environment[name] = nil }
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: project.directory)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let lines = LineStore()
        errors.fileHandleForReading.readabilityHandler = { handle in
            for line in String(decoding: handle.availableData, as: UTF8.self).split(separator: "\n") { lines.append(String(line)) }
        }
        try process.run()
        defer { if process.isRunning { process.interrupt() } }

        func value(after prefix: String) -> String? {
            lines.all.compactMap { line in line.range(of: prefix).map { String(line[$0.upperBound...]) } }.first
        }
        #expect(try await eventually(within: 60) { value(after: "EventBridge API on ") != nil && value(after: "polling start-jobs") != nil })
        let moto = try #require(value(after: "moto (AWS services) on "))
        let events = try #require(value(after: "EventBridge API on ").flatMap { URL(string: $0)?.port })
        #expect(lines.all.contains { $0.contains("API Gateway ServerlessRestApi (stage Prod) on http://127.0.0.1:") })
        #expect(lines.all.contains { $0.contains("GET /x → Audit") })
        #expect(lines.all.contains { $0.contains("Jobs (AWS::SQS::Queue) start-jobs: created") })

        let put = try await offCooperativePool {
            try EventsAPITests.aws(port: events, [
                "put-events", "--entries", #"[{"Source": "app.orders", "DetailType": "Placed", "Detail": "{\"n\": 1}"}]"#,
            ])
        }
        #expect(put.status == 0, "\(put.stderr)")
        let client = AWSClient(
            region: "us-east-1", credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "local", secretAccessKey: "local")),
            endpoints: EndpointResolver(allServices: moto))
        _ = try SQSClient(client: client).sendMessage(
            queueURL: "https://sqs.us-east-1.amazonaws.com/123456789012/start-jobs", SQSOutgoingMessage(body: "job-1"))
        #expect(try await eventually(within: 60) { project.received().count == 2 }, "\(lines.all)")
        let received = project.received().map(\.event)
        #expect(received.contains { $0["source"] == "app.orders" })
        #expect(received.contains { $0["Records"]?.arrayValue?.first?["body"] == "job-1" })

        process.interrupt()
        #expect(try await eventually(within: 60) { !process.isRunning })
        #expect(process.terminationStatus == 0)
        let port = try #require(URL(string: moto)?.port)
        #expect(try await eventually(within: 30) { HTTPWire.connectLoopback(port: UInt16(port)) == nil }, "moto still listens")
    }
}
