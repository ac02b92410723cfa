import Foundation
import LambdaHost
import MotoPeer
import StateMachine

/// The benchmark's template: Echo notified of a bucket's uploads, and consuming a queue a rule fills.
struct EventBenchProject {
    let directory: String
    let template: SAMTemplate
    let buildDirectory: String

    static let bucket = "event-bench-drop"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("event-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: "\(directory)/Echo", withIntermediateDirectories: true)
        try """
            Resources:
              Echo:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: Echo
                  Runtime: provided.al2023
                  Timeout: 30
                  Events:
                    Uploads: {Type: S3, Properties: {Bucket: !Ref Drop, Events: 's3:ObjectCreated:*'}}
                    Work: {Type: SQS, Properties: {Queue: !GetAtt Work.Arn, BatchSize: 10}}
              Drop:
                Type: AWS::S3::Bucket
                Properties: {BucketName: \(Self.bucket)}
              Work:
                Type: AWS::SQS::Queue
                Properties: {QueueName: event-bench-work}
              ToWork:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern: {source: [bench]}
                  Targets: [{Id: work, Arn: !GetAtt Work.Arn}]
            """.write(toFile: "\(directory)/template.yaml", atomically: true, encoding: .utf8)
        template = try SAMTemplate.load(path: "\(directory)/template.yaml")
        buildDirectory = BuildProducts.directory
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// An event the rule sends to the queue.
    static func event(index: Int) -> JSONValue {
        [
            "version": "0", "id": .string(UUID().uuidString), "detail-type": "Job", "source": "bench", "account": "123456789012",
            "time": "2025-03-01T12:00:00Z", "region": "us-east-1", "resources": [], "detail": ["index": .int(Int64(index))],
        ]
    }
}
