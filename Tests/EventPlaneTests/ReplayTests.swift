import AWS
import Foundation
@testable import LambdaHost
import MotoPeer
import StateMachine
import Testing

/// `emulator replay` over a folder of recorded events, end to end on moto: every kind, every hop,
/// and what each function received.
@Suite("emulator replay, end to end on moto", .serialized)
struct ReplayTests {
    static let template = EventProject.recordingTemplateHead + """
          Router:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Ingest:
                  Type: SQS
                  Properties: {Queue: !GetAtt Ingest.Arn, BatchSize: 10, FunctionResponseTypes: [ReportBatchItemFailures]}
          Uploader:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Csv:
                  Type: S3
                  Properties:
                    Bucket: !Ref Landing
                    Events: s3:ObjectCreated:*
                    Filter: {S3Key: {Rules: [{Name: suffix, Value: .csv}]}}
                Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day), Input: '{"run": "nightly"}'}}
                Notices: {Type: SNS, Properties: {Topic: !Ref Notices}}
                Files: {Type: Api, Properties: {Path: '/files/{name}', Method: get}}
                Transfers: {Type: HttpApi, Properties: {Path: /transfers, Method: post}}
          Landing:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: replay-landing
              NotificationConfiguration: {EventBridgeConfiguration: {EventBridgeEnabled: true}}
          Ingest:
            Type: AWS::SQS::Queue
            Properties: {QueueName: replay-ingest.fifo, FifoQueue: true, VisibilityTimeout: 1}
          Notices:
            Type: AWS::SNS::Topic
            Properties: {TopicName: replay-notices}
          Uploaded:
            Type: AWS::Events::Rule
            Properties:
              EventPattern: {source: [aws.s3], detail-type: [Object Created], detail: {bucket: {name: [replay-landing]}}}
              Targets:
                - {Id: ingest, Arn: !GetAtt Ingest.Arn, InputPath: $.detail, SqsParameters: {MessageGroupId: uploads}}
        """

    /// One recorded event of every kind, as files in a folder.
    static func recordedEvents(in folder: String) throws {
        let events: [(String, JSONValue)] = [
            ("01-s3-put.json", SampleEvents.s3(action: "put", bucket: "replay-landing", key: "in/red flower.csv", size: 12, eTag: "abc", region: "us-east-1")),
            ("02-sqs.json", SampleEvents.sqs(queue: "replay-ingest.fifo", body: #"{"job": 7}"#, group: "g", region: "us-east-1")),
            ("03-schedule.json", SampleEvents.schedule(rule: "UploaderNightly", region: "us-east-1")),
            ("04-sns.json", SampleEvents.sns(topic: "replay-notices", message: "hello", subject: nil, region: "us-east-1")),
            ("05-rest.json", SampleEvents.apiGatewayREST(method: "GET", path: "/files/report.csv", body: nil, region: "us-east-1")),
            ("06-http.json", SampleEvents.apiGatewayHTTP(method: "POST", path: "/transfers", body: "{}", region: "us-east-1")),
        ]
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, event) in events { try event.serialized().write(toFile: "\(folder)/\(name)", atomically: true, encoding: .utf8) }
    }

    /// Runs the emulator off the cooperative pool, whose two threads the functions' invocations need.
    func replay(_ project: EventProject, _ arguments: [String], command: String = "replay") async throws -> (status: Int32, stdout: String, stderr: String) {
        try await offCooperativePool { try runEmulator(project, [command] + arguments) }
    }

    private func runEmulator(_ project: EventProject, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuildProducts.directory + "/emulator")
        process.arguments = arguments + [
            "--template", project.templatePath, "--build-dir", BuildProducts.directory, "--endpoint-url", project.account.endpoint,
        ]
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in project.account.processEnvironment { environment[name] = value }
        process.environment = environment
        let out = "\(project.directory)/replay.out"
        let err = "\(project.directory)/replay.err"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOfFile: out, encoding: .utf8), try String(contentsOfFile: err, encoding: .utf8))
    }

    func provisioned() throws -> EventProject {
        let project = try EventProject(template: Self.template)
        try ResourceProvisioner(template: try project.loadTemplate(), client: project.client).provision { _ in }
        return project
    }

    @Test("a folder of every kind: each hop in order, exit 0, and each function got what AWS would have sent")
    func endToEnd() async throws {
        let project = try provisioned()
        try Self.recordedEvents(in: "\(project.directory)/events")
        let run = try await replay(project, ["\(project.directory)/events", "--output", "json"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let reports = try run.stdout.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
        #expect(reports.compactMap { $0["kind"]?.stringValue } == ["s3", "sqs", "schedule", "sns", "apigateway-rest", "apigateway-http"])
        let s3Hops = reports.first?["deliveries"]?.arrayValue?.map { "\($0["rule"]?.stringValue ?? "") → \($0["target"]?.stringValue ?? "")" }
        #expect(s3Hops == [
            "notification UploaderCsv → function Uploader", "rule Uploaded → queue replay-ingest.fifo", "mapping RouterIngest → function Router",
        ])
        #expect(reports.allSatisfy { $0["deliveries"]?.arrayValue?.allSatisfy { $0["status"] == "delivered" } == true })

        let received = project.received()
        let uploader = received.filter { $0.function == "Uploader" }.map(\.event)
        #expect(uploader.count == 5)
        #expect(uploader.first?["Records"]?.arrayValue?.first?["s3"]?["object"]?["key"] == "in/red+flower.csv")
        #expect(uploader.contains { $0 == ["run": "nightly"] })
        #expect(uploader.contains { $0["Records"]?.arrayValue?.first?["Sns"]?["Message"] == "hello" })
        #expect(uploader.contains { $0["httpMethod"] == "GET" && $0["path"] == "/files/report.csv" })
        #expect(uploader.contains { $0["routeKey"] == "POST /transfers" })
        let router = received.filter { $0.function == "Router" }.flatMap { $0.event["Records"]?.arrayValue ?? [] }
        #expect(router.count == 2)
        let fromS3 = try JSONValue(parsing: router[0]["body"]?.stringValue ?? "")
        #expect(fromS3["object"]?["key"] == "in/red flower.csv" && fromS3["bucket"]?["name"] == "replay-landing")
        #expect(router[0]["attributes"]?["MessageGroupId"] == "uploads")
        #expect(router[1]["body"] == #"{"job": 7}"#)
    }

    @Test("--dry-run prints the routing and invokes nothing")
    func dryRun() async throws {
        let project = try provisioned()
        try Self.recordedEvents(in: "\(project.directory)/events")
        let run = try await replay(project, ["\(project.directory)/events/01-s3-put.json", "--dry-run"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("notification UploaderCsv → function Uploader (dry run: not delivered)"))
        #expect(run.stdout.contains("rule Uploaded → queue replay-ingest.fifo (dry run: not delivered)"))
        #expect(run.stdout.contains("mapping RouterIngest → function Router (dry run: not delivered)"))
        #expect(project.received().isEmpty)
    }

    @Test("a failed delivery exits 1; a file that is not an event exits 2, naming the file and the reason")
    func exitCodes() async throws {
        let project = try provisioned()
        let failing = "\(project.directory)/failing.json"
        try SampleEvents.sqs(queue: "replay-ingest.fifo", body: "crash-batch", group: "g", region: "us-east-1").serialized()
            .write(toFile: failing, atomically: true, encoding: .utf8)
        let failed = try await replay(project, [failing])
        #expect(failed.status == 1, "\(failed.stdout)\(failed.stderr)")
        #expect(failed.stdout.contains("mapping RouterIngest → function Router: FAILED: answered"))
        let unknown = "\(project.directory)/unknown.json"
        try #"{"hello": "world"}"#.write(toFile: unknown, atomically: true, encoding: .utf8)
        let refused = try await replay(project, [unknown])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\(unknown): it is none of the events the emulator knows"))
    }

    @Test("emulator fire runs a schedule's targets now; an unknown name exits 2")
    func fire() async throws {
        let project = try provisioned()
        let run = try await replay(project, ["UploaderNightly"], command: "fire")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("rule UploaderNightly → function Uploader: answered"))
        #expect(project.received().map(\.event) == [["run": "nightly"]])
        let unknown = try await replay(project, ["NoSuchRule"], command: "fire")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no rule or schedule NoSuchRule"))
    }
}
