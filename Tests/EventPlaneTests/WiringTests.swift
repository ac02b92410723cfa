import EventPatterns
import Foundation
@testable import LambdaHost
import StateMachine
import Testing

/// Reading the template's event wiring: every kind the emulator runs, and every kind it names as unrun.
@Suite("Event wiring read from the template")
struct WiringTests {
    static let template = """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Runtime: provided.al2023
        Resources:
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: worker
              Events:
                Jobs:
                  Type: SQS
                  Properties:
                    Queue: !GetAtt JobQueue.Arn
                    BatchSize: 5
                    MaximumBatchingWindowInSeconds: 2
                    FunctionResponseTypes: [ReportBatchItemFailures]
                    ScalingConfig: {MaximumConcurrency: 3}
                    FilterCriteria:
                      Filters:
                        - Pattern: '{"body": {"kind": ["job"]}}'
                Uploads:
                  Type: S3
                  Properties:
                    Bucket: !Ref Landing
                    Events: [s3:ObjectCreated:*]
                    Filter: {S3Key: {Rules: [{Name: prefix, Value: in/}, {Name: suffix, Value: .csv}]}}
                Audit:
                  Type: EventBridgeRule
                  Properties:
                    EventBusName: !Ref Partners
                    Pattern: {source: [partner.app]}
                    InputTransformer:
                      InputPathsMap: {key: $.detail.key}
                      InputTemplate: '{"file": <key>}'
                Nightly:
                  Type: Schedule
                  Properties:
                    Schedule: rate(1 day)
                    Input: '{"run": "nightly"}'
                Web:
                  Type: HttpApi
                  Properties: {Path: /x, Method: get}
                Stream:
                  Type: Kinesis
                  Properties: {Stream: arn:aws:kinesis:us-east-1:123456789012:stream/s, StartingPosition: LATEST}
          Flow:
            Type: AWS::Serverless::StateMachine
            Properties:
              Definition: {StartAt: Done, States: {Done: {Type: Succeed}}}
          Partners:
            Type: AWS::Events::EventBus
            Properties: {Name: partners}
          JobQueue:
            Type: AWS::SQS::Queue
          IngestQueue:
            Type: AWS::SQS::Queue
            Properties: {QueueName: ingest.fifo, FifoQueue: true}
          Reports:
            Type: AWS::SNS::Topic
          Landing:
            Type: AWS::S3::Bucket
            Properties:
              NotificationConfiguration:
                EventBridgeConfiguration: {EventBridgeEnabled: true}
                QueueConfigurations:
                  - {Event: 's3:ObjectRemoved:*', Queue: !GetAtt JobQueue.Arn}
          ObjectCreated:
            Type: AWS::Events::Rule
            Properties:
              EventPattern:
                source: [aws.s3]
                detail-type: [Object Created]
              Targets:
                - {Id: ingest, Arn: !GetAtt IngestQueue.Arn, SqsParameters: {MessageGroupId: uploads}, InputPath: $.detail}
                - {Id: flow, Arn: !Ref Flow}
                - {Id: report, Arn: !Ref Reports}
                - {Id: worker, Arn: !GetAtt Worker.Arn, DeadLetterConfig: {Arn: !GetAtt JobQueue.Arn}}
                - {Id: ecs, Arn: arn:aws:ecs:us-east-1:123456789012:cluster/c, EcsParameters: {TaskCount: 1}}
                - {Id: ghost, Arn: arn:aws:lambda:us-east-1:123456789012:function:Ghost}
          Broken:
            Type: AWS::Events::Rule
            Properties:
              EventPattern: {source: []}
              Targets: [{Id: w, Arn: !GetAtt Worker.Arn}]
          Hourly:
            Type: AWS::Scheduler::Schedule
            Properties:
              ScheduleExpression: cron(0 * * * ? *)
              FlexibleTimeWindow: {Mode: 'OFF'}
              Target: {Arn: !GetAtt Worker.Arn, RoleArn: arn:aws:iam::123456789012:role/r, Input: '{"hourly": true}'}
          KinesisMapping:
            Type: AWS::Lambda::EventSourceMapping
            Properties: {EventSourceArn: arn:aws:kinesis:us-east-1:123456789012:stream/s, FunctionName: !Ref Worker}
          IngestMapping:
            Type: AWS::Lambda::EventSourceMapping
            Properties: {EventSourceArn: !GetAtt IngestQueue.Arn, FunctionName: !GetAtt Worker.Arn, BatchSize: 10}
        """

    static func wiring() throws -> EventWiring {
        EventWiring(template: try SAMTemplate.parse(yaml: template, path: "/project/template.yaml"))
    }

    @Test("rules: patterns, schedules, custom buses, and every target kind with its input")
    func rules() throws {
        let wiring = try Self.wiring()
        #expect(wiring.rules.map(\.name) == ["Hourly", "ObjectCreated", "WorkerAudit", "WorkerNightly"])
        #expect(wiring.buses == ["partners"])
        let created = try #require(wiring.rule(named: "ObjectCreated"))
        #expect(created.bus == "default" && created.enabled && created.schedule == nil)
        #expect(created.targets.map(\.destination.description) == [
            "queue ingest.fifo", "state machine Flow", "topic Reports", "function Worker",
        ])
        #expect(created.targets[0].messageGroupID == "uploads")
        guard case .path("$.detail") = created.targets[0].input else { throw Failure("InputPath not read") }
        #expect(created.targets[3].deadLetterQueueARN == "arn:aws:sqs:us-east-1:123456789012:JobQueue")
        let audit = try #require(wiring.rule(named: "WorkerAudit"))
        #expect(audit.bus == "partners")
        guard case .transformer(let paths, let template) = audit.targets[0].input else { throw Failure("InputTransformer not read") }
        #expect(paths == ["key": "$.detail.key"] && template == #"{"file": <key>}"#)
        let nightly = try #require(wiring.rule(named: "WorkerNightly"))
        #expect(nightly.schedule == "rate(1 day)" && nightly.pattern == nil)
        let hourly = try #require(wiring.rule(named: "Hourly"))
        #expect(hourly.isSchedulerSchedule && hourly.schedule == "cron(0 * * * ? *)")
    }

    @Test("SQS mappings from SAM and from AWS::Lambda::EventSourceMapping, with Lambda's defaults")
    func queueMappings() throws {
        let mappings = try Self.wiring().queueMappings
        #expect(mappings.map(\.name) == ["IngestMapping", "WorkerJobs"])
        let ingest = mappings[0]
        #expect(ingest.function == "Worker" && ingest.isFIFO && ingest.batchSize == 10 && !ingest.reportsBatchItemFailures)
        #expect(ingest.batchingWindowSeconds == 0 && ingest.maximumConcurrency == nil && ingest.filters.isEmpty)
        let jobs = mappings[1]
        #expect(jobs.queueName == "JobQueue" && jobs.batchSize == 5 && jobs.batchingWindowSeconds == 2)
        #expect(jobs.reportsBatchItemFailures && jobs.maximumConcurrency == 3 && jobs.filters.count == 1)
    }

    @Test("bucket notifications from SAM S3 events and NotificationConfiguration, with their key filters")
    func buckets() throws {
        let wiring = try Self.wiring()
        #expect(wiring.eventBridgeBuckets == ["local-landing"])
        let notifications = wiring.bucketNotifications.sorted { $0.configurationID < $1.configurationID }
        #expect(notifications.count == 2)
        let removed = try #require(notifications.first { $0.destination == .queue(arn: "arn:aws:sqs:us-east-1:123456789012:JobQueue") })
        #expect(removed.announces(eventName: "ObjectRemoved:Delete", key: "x") && !removed.announces(eventName: "ObjectCreated:Put", key: "x"))
        let uploads = try #require(notifications.first { $0.destination == .function("Worker") })
        #expect(uploads.bucket == "local-landing")
        #expect(uploads.announces(eventName: "ObjectCreated:Put", key: "in/a.csv"))
        #expect(!uploads.announces(eventName: "ObjectCreated:Put", key: "in/a.txt"))
        #expect(!uploads.announces(eventName: "ObjectCreated:Put", key: "out/a.csv"))
    }

    @Test("what is not run is named once, with the reason")
    func unrun() throws {
        let unrun = try Self.wiring().unrun.map(\.description)
        #expect(unrun.count == 6, "\(unrun)")
        #expect(unrun.contains { $0.hasPrefix("Broken: the rule Broken") && $0.contains("Empty arrays are not allowed") })
        #expect(unrun.contains { $0.hasPrefix("KinesisMapping: the event source mapping") })
        #expect(unrun.contains { $0.hasPrefix("ObjectCreated: target ecs") && $0.contains("ecs") })
        #expect(unrun.contains { $0.hasPrefix("ObjectCreated: target ghost") && $0.contains("Ghost is not in the template") })
        #expect(unrun.contains { $0.hasPrefix("Worker: Events.Web (HttpApi)") })
        #expect(unrun.contains { $0.hasPrefix("Worker: Events.Stream (Kinesis)") })
    }
}

/// A test's own failure, with what was wrong.
struct Failure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
