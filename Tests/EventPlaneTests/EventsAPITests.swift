import Foundation
import MotoPeer
@testable import LambdaHost
import StateMachine
import Testing

/// The local EventBridge API, driven by the AWS CLI.
@Suite("The EventBridge API, driven by the AWS CLI", .serialized)
struct EventsAPITests {
    static let template = """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Audit:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: recorder
              Runtime: provided.al2023
              Environment: {Variables: {RECORD_FILE: '@RECORDS@'}}
              Events:
                Orders:
                  Type: EventBridgeRule
                  Properties: {Pattern: {source: [app.orders], detail: {total: [{numeric: ['>', 100]}]}}}
                Partners:
                  Type: EventBridgeRule
                  Properties: {EventBusName: !Ref PartnerBus, Pattern: {source: [partner]}}
          PartnerBus:
            Type: AWS::Events::EventBus
            Properties: {Name: partners}
        """

    /// Runs `aws events …` against a fresh API server.
    func withAPI(_ body: (_ aws: ([String]) async throws -> (status: Int32, stdout: String, stderr: String), EventProject) async throws -> Void) async throws {
        let project = try EventProject(template: Self.template)
        let host = try project.makeHost()
        try await withShutdown(of: host) { () async throws in
            let plane = EventPlane(wiring: EventWiring(template: host.template), host: host, client: project.client, region: "us-east-1", log: { _ in })
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            let server = Task { try await EventsAPIServer(plane: plane).run(port: 0) { continuation.yield($0) } }
            defer { server.cancel() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await body({ arguments in try await offCooperativePool { try Self.aws(port: port, arguments) } }, project)
        }
    }

    static func aws(port: Int, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["aws", "events"] + arguments + ["--endpoint-url", "http://127.0.0.1:\(port)", "--region", "us-east-1"]
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = "AKIDLOCAL"
        environment["AWS_SECRET_ACCESS_KEY"] = "local-secret"
        environment["AWS_MAX_ATTEMPTS"] = "1"
        process.environment = environment
        let (out, err) = (Pipe(), Pipe())
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    @Test("put-events: matching entries reach the rule's function, on the default bus and a custom one; a malformed entry is reported")
    func putEvents() async throws {
        try await withAPI { aws, project in
            let entries = """
                [{"Source": "app.orders", "DetailType": "Order Placed", "Detail": "{\\"total\\": 250}"},
                 {"Source": "app.orders", "DetailType": "Order Placed", "Detail": "{\\"total\\": 50}"},
                 {"Source": "partner", "DetailType": "Drop", "Detail": "{}", "EventBusName": "partners"},
                 {"Source": "app.orders", "DetailType": "Order Placed", "Detail": "not json"}]
                """
            let run = try await aws(["put-events", "--entries", entries])
            #expect(run.status == 0, "\(run.stderr)")
            let answer = try JSONValue(parsing: run.stdout)
            #expect(answer["FailedEntryCount"] == 1)
            #expect(answer["Entries"]?.arrayValue?.last?["ErrorCode"] == "MalformedDetail")
            #expect(try await eventually { project.received().count == 2 })
            let events = project.received().map(\.event)
            #expect(events.contains { $0["detail"]?["total"] == 250 && $0["source"] == "app.orders" && $0["detail-type"] == "Order Placed" })
            #expect(events.contains { $0["source"] == "partner" })
            #expect(events.allSatisfy { $0["id"]?.stringValue?.isEmpty == false && $0["account"] == "123456789012" })
        }
    }

    @Test("test-event-pattern answers as AWS does, and refuses an invalid pattern with InvalidEventPatternException")
    func testEventPattern() async throws {
        try await withAPI { aws, _ in
            let event = #"{"id": "1", "account": "123456789012", "source": "app", "time": "2025-03-01T12:00:00Z", "region": "us-east-1", "detail-type": "x", "detail": {}}"#
            let match = try await aws(["test-event-pattern", "--event-pattern", #"{"source": [{"prefix": "ap"}]}"#, "--event", event])
            #expect(try JSONValue(parsing: match.stdout) == ["Result": true])
            let invalid = try await aws(["test-event-pattern", "--event-pattern", #"{"source": []}"#, "--event", event])
            #expect(invalid.status != 0)
            #expect(invalid.stderr.contains("InvalidEventPatternException") && invalid.stderr.contains("Empty arrays are not allowed"))
        }
    }
}
