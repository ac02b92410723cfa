import AWS
import Foundation
@testable import LambdaHost
import StateMachine
import Testing

/// Rules delivering to every target kind on moto, with Input, InputPath and InputTransformer.
@Suite("Rules and their targets on moto", .serialized)
struct RuleDeliveryTests {
    static let template = """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Recorder:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: recorder
              Runtime: provided.al2023
              Environment: {Variables: {RECORD_FILE: '@RECORDS@'}}
          Flow:
            Type: AWS::Serverless::StateMachine
            Properties:
              Definition:
                StartAt: Pick
                States:
                  Pick: {Type: Pass, Parameters: {order.$: $.detail.id}, End: true}
          Orders:
            Type: AWS::SQS::Queue
            Properties: {QueueName: rule-orders.fifo, FifoQueue: true}
          Undeliverable:
            Type: AWS::SQS::Queue
            Properties: {QueueName: rule-undeliverable}
          Notices:
            Type: AWS::SNS::Topic
            Properties: {TopicName: rule-notices}
          OrderPlaced:
            Type: AWS::Events::Rule
            Properties:
              EventPattern: {source: [app.orders], detail-type: [Order Placed]}
              Targets:
                - Id: recorder
                  Arn: !GetAtt Recorder.Arn
                  InputTransformer:
                    InputPathsMap: {id: $.detail.id, who: $.detail.customer.name, items: $.detail.items}
                    InputTemplate: '{"order": <id>, "text": "order <id> by <who>", "items": <items>, "rule": "<aws.events.rule-name>"}'
                - {Id: orders, Arn: !GetAtt Orders.Arn, InputPath: $.detail, SqsParameters: {MessageGroupId: placed}}
                - {Id: notices, Arn: !Ref Notices, Input: '{"notice": "an order"}'}
                - {Id: flow, Arn: !Ref Flow}
          Broken:
            Type: AWS::Events::Rule
            Properties:
              EventPattern: {source: [app.orders], detail-type: [Order Cancelled]}
              Targets:
                - Id: recorder
                  Arn: !GetAtt Recorder.Arn
                  DeadLetterConfig: {Arn: !GetAtt Undeliverable.Arn}
                  InputTransformer:
                    InputPathsMap: {id: $.detail.id}
                    InputTemplate: '{"order": <id>'
        """

    static func event(_ type: String) -> JSONValue {
        [
            "version": "0", "id": "1b3c5d7e-0000-4000-8000-000000000001", "detail-type": .string(type), "source": "app.orders",
            "account": "123456789012", "time": "2025-03-01T12:00:00Z", "region": "us-east-1", "resources": [],
            "detail": ["id": 42, "customer": ["name": "Zoë \"Z\""], "items": ["a", "b"]],
        ]
    }

    @Test("one event reaches a function (transformed), a FIFO queue (by path, in its group), a topic (constant) and a state machine")
    func everyTarget() async throws {
        let project = try EventProject(template: Self.template)
        let host = try project.makeHost()
        try await withShutdown(of: host) { () async throws in try await everyTarget(project, host) }
    }

    private func everyTarget(_ project: EventProject, _ host: LambdaHost) async throws {
        try ResourceProvisioner(template: host.template, client: project.client).provision { _ in }
        let subscriber = try project.createQueue("rule-notices-subscriber")
        _ = try project.client.query(
            .sns, action: "Subscribe",
            parameters: [
                ("TopicArn", "arn:aws:sns:us-east-1:123456789012:rule-notices"), ("Protocol", "sqs"),
                ("Endpoint", "arn:aws:sqs:us-east-1:123456789012:rule-notices-subscriber"), ("Attributes.entry.1.key", "RawMessageDelivery"),
                ("Attributes.entry.1.value", "true"),
            ])
        let plane = EventPlane(
            wiring: EventWiring(template: host.template), host: host, client: project.client, region: "us-east-1", awaitsExecutions: true,
            log: { _ in })
        let deliveries = await plane.put(Self.event("Order Placed"))
        #expect(deliveries.count == 4)
        let failures = deliveries.filter { !$0.succeeded }.map(\.line)
        #expect(failures.isEmpty, "\(failures)")

        let received = try #require(project.received().first?.event)
        #expect(received == [
            "order": 42, "text": #"order 42 by Zoë "Z""#, "items": ["a", "b"], "rule": "OrderPlaced",
        ])
        let queued = try SQSClient(client: project.client).receiveMessages(
            queueURL: "https://sqs.us-east-1.amazonaws.com/123456789012/rule-orders.fifo", maxMessages: 10)
        #expect(queued.count == 1)
        #expect(try JSONValue(parsing: queued[0].body) == Self.event("x")["detail"])
        #expect(queued[0].attributes["MessageGroupId"] == "placed")
        #expect(queued[0].attributes["MessageDeduplicationId"] == "1b3c5d7e-0000-4000-8000-000000000001")
        #expect(try project.peek(subscriber) == [#"{"notice": "an order"}"#])
        let flow = try #require(deliveries.first { $0.target == "state machine Flow" })
        guard case .delivered(let detail) = flow.status else { throw Failure("the state machine was not started") }
        #expect(detail.contains("succeeded") && detail.contains(#"{"order":42}"#))
    }

    @Test("an InputTransformer that produces invalid JSON is a named failure, and the event goes to the target's dead-letter queue")
    func invalidTransformer() async throws {
        let project = try EventProject(template: Self.template)
        let host = try project.makeHost()
        try await withShutdown(of: host) { () async throws in try await invalidTransformer(project, host) }
    }

    private func invalidTransformer(_ project: EventProject, _ host: LambdaHost) async throws {
        try ResourceProvisioner(template: host.template, client: project.client).provision { _ in }
        let plane = EventPlane(wiring: EventWiring(template: host.template), host: host, client: project.client, region: "us-east-1", log: { _ in })
        let deliveries = await plane.put(Self.event("Order Cancelled"))
        let delivery = try #require(deliveries.first)
        guard case .failed(let reason) = delivery.status else { throw Failure("an invalid transformation was delivered") }
        #expect(reason.contains("target recorder of rule Broken") && reason.contains("not JSON"))
        #expect(reason.contains("dead-letter queue rule-undeliverable"))
        #expect(project.received().isEmpty)
        let dead = try SQSClient(client: project.client).receiveMessages(
            queueURL: "https://sqs.us-east-1.amazonaws.com/123456789012/rule-undeliverable", maxMessages: 10)
        #expect(dead.count == 1)
        #expect(dead.first?.messageAttributes["RULE_ARN"] == "arn:aws:events:us-east-1:123456789012:rule/Broken")
        #expect(try JSONValue(parsing: dead.first?.body ?? "") == Self.event("Order Cancelled"))
    }
}
