import AWS
import Foundation
@testable import LambdaHost
import MotoPeer
import StateMachine
import Synchronization

/// A throw-away project whose functions all run the recording runtime (`Fixtures/recorder-bootstrap.py`),
/// against one moto server shared by the suite's tests.
final class EventProject: Sendable {
    let directory: String
    let account: MotoAccount
    let client: AWSClient

    /// The moto every event test uses, made once.
    private static let moto = SharedFixture {
        try MotoAccount(userName: "event-plane", policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
    }

    /// The start of a template whose functions all run the recording function, up to `Resources:`.
    static let recordingTemplateHead = """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Runtime: provided.al2023
            CodeUri: recorder
            Environment: {Variables: {RECORD_FILE: '@RECORDS@'}}
        Resources:

        """

    /// Writes `template` (where `@RECORDER@` is the recording function's folder) into a new folder.
    init(template: String) throws {
        account = try Self.moto.get()
        client = account.client()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("event-plane-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: "\(directory)/recorder", withIntermediateDirectories: true)
        let bootstrap = "\(directory)/recorder/bootstrap"
        try FileManager.default.copyItem(atPath: Self.fixture("recorder-bootstrap.py"), toPath: bootstrap)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bootstrap)
        let text = template.replacingOccurrences(of: "@RECORDS@", with: recordFile)
        try text.write(toFile: "\(directory)/template.yaml", atomically: true, encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    var templatePath: String { "\(directory)/template.yaml" }
    var recordFile: String { "\(directory)/received.jsonl" }

    func loadTemplate() throws -> SAMTemplate {
        try SAMTemplate.load(path: templatePath)
    }

    /// A host for the template whose functions reach moto as the test user.
    func makeHost(logs: LineStore = LineStore()) throws -> LambdaHost {
        var environment = HostOptions.inheritedFromProcess()
        for (name, value) in account.processEnvironment { environment[name] = value }
        return LambdaHost(
            template: try loadTemplate(),
            options: HostOptions(
                buildDirectory: BuildProducts.directory, inheritedEnvironment: environment, output: { function, line in logs.append("[\(function)] \(line)") }))
    }

    /// What the functions received, in order: (function, event).
    func received() -> [(function: String, event: JSONValue)] {
        guard let text = try? String(contentsOfFile: recordFile, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let entry = try? JSONValue(parsing: String(line)), let function = entry["function"]?.stringValue, let event = entry["event"]
            else { return nil }
            return (function, event)
        }
    }

    /// The SQS records the functions received, in order.
    func receivedRecords() -> [JSONValue] {
        received().flatMap { $0.event["Records"]?.arrayValue ?? [] }
    }

    /// Creates a queue with these attributes and returns its URL.
    func createQueue(_ name: String, attributes: [String: String] = [:]) throws -> String {
        let answer = try client.json(
            .sqs, "CreateQueue", ["QueueName": .string(name), "Attributes": .object(attributes.mapValues(JSONValue.string))], resource: name)
        return answer["QueueUrl"]?.stringValue ?? ""
    }

    func send(_ body: String, to queueURL: String, group: String? = nil, attributes: [String: String] = [:]) throws {
        _ = try SQSClient(client: client).sendMessage(
            queueURL: queueURL, SQSOutgoingMessage(body: body, groupID: group, deduplicationID: group.map { _ in UUID().uuidString }, attributes: attributes))
    }

    /// Every message now in the queue (received with a zero visibility timeout, so left in place), as bodies.
    func peek(_ queueURL: String) throws -> [String] {
        try SQSClient(client: client).receiveMessages(queueURL: queueURL, maxMessages: 10, visibilityTimeout: 0).map(\.body)
    }

    /// The approximate number of messages in the queue, visible or not.
    func depth(_ queueURL: String) throws -> Int {
        let answer = try client.json(
            .sqs, "GetQueueAttributes",
            ["QueueUrl": .string(queueURL), "AttributeNames": ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]],
            resource: queueURL)
        let attributes = answer["Attributes"]
        return ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"].reduce(0) {
            $0 + (attributes?[$1]?.stringValue.flatMap { Int($0) } ?? 0)
        }
    }

    /// Whether the bucket's notifications go to an emulator's queue: the bucket-event source has
    /// set it up, and objects created from now on are announced (each test wires its own bucket).
    func notifiesEmulator(_ bucket: String) -> Bool {
        let request = AWSRequest(method: "GET", query: [("notification", "")], bucket: bucket)
        guard let response = try? client.send(request, to: .s3, operation: "GetBucketNotificationConfiguration", resource: bucket) else {
            return false
        }
        return String(decoding: response.body, as: UTF8.self).contains(":emulator-bucket-events-")
    }

    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }
}

/// Lines collected from several threads.
final class LineStore: Sendable {
    private let lines = Mutex<[String]>([])

    init() {}

    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// Waits until `condition` holds, checking every 100 ms, for at most `seconds`: generous, since
/// it returns as soon as the condition holds and a machine shared with other work is slow.
func eventually(within seconds: Double = 60, _ condition: () throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        try await Task.sleep(for: .milliseconds(100))
    }
    return try condition()
}

/// Runs `body`, then stops the host's functions whether it threw or not.
func withShutdown(of host: LambdaHost, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        await host.shutdown()
        throw error
    }
    await host.shutdown()
}
