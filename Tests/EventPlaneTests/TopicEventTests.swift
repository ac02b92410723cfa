import AWS
import Foundation
@testable import LambdaHost
import StateMachine
import Testing

/// Messages published to a topic on moto, by an ordinary SNS client, reach the functions
/// subscribed to it (a SAM `SNS` event and an `AWS::SNS::Subscription`) as SNS invokes them.
@Suite("SNS messages to subscribed functions on moto", .serialized)
struct TopicEventTests {
    static let template = EventProject.recordingTemplateHead + """
          Notices:
            Type: AWS::SNS::Topic
            Properties: {TopicName: live-notices}
          Listener:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Notice: {Type: SNS, Properties: {Topic: !Ref Notices}}
          Direct:
            Type: AWS::Serverless::Function
          DirectSubscription:
            Type: AWS::SNS::Subscription
            Properties: {Protocol: lambda, TopicArn: !Ref Notices, Endpoint: !GetAtt Direct.Arn}
        """

    @Test("each message published reaches each subscribed function once, as an SNS record with subject and attributes; the run's queue goes when it stops")
    func published() async throws {
        let project = try EventProject(template: Self.template)
        let host = try project.makeHost()
        try ResourceProvisioner(template: host.template, client: project.client).provision { _ in }
        let wiring = EventWiring(template: host.template)
        #expect(wiring.unrun.isEmpty, "\(wiring.unrun)")
        try await withShutdown(of: host) { () async throws in
            let plane = EventPlane(wiring: wiring, host: host, client: project.client, region: "us-east-1", log: { _ in })
            let sources = Task { await plane.runSources() }
            defer { sources.cancel() }
            let topic = "arn:aws:sns:us-east-1:123456789012:live-notices"
            let queue = try #require(try await listeningQueue(to: topic, in: project))
            let sns = SNSClient(client: project.client)
            _ = try sns.publish(topicARN: topic, message: #"{"order": 1}"#, subject: "new order", attributes: ["kind": "order"])
            _ = try sns.publish(topicARN: topic, message: "plain text ✓")
            #expect(try await eventually(within: 60) {
                project.received().filter { $0.function == "Listener" }.count == 2 && project.received().filter { $0.function == "Direct" }.count == 2
            })
            try await Task.sleep(for: .seconds(2))
            // Stopped, the run leaves no subscription behind for SNS to fail on, and no queue.
            sources.cancel()
            await sources.value
            #expect(subscribedQueues(of: topic, in: project).isEmpty)
            #expect((try? project.client.json(.sqs, "GetQueueUrl", ["QueueName": .string(queue)], resource: queue)) == nil)
        }
        for function in ["Listener", "Direct"] {
            let records = project.received().filter { $0.function == function }.compactMap { $0.event["Records"]?.arrayValue?.first }
            #expect(records.count == 2, "\(function): \(records)")
            let first = try #require(records.first { $0["Sns"]?["Subject"] == "new order" })
            #expect(first["EventSource"] == "aws:sns")
            #expect(first["EventSubscriptionArn"]?.stringValue?.hasPrefix("arn:aws:sns:us-east-1:123456789012:live-notices:") == true)
            #expect(first["Sns"]?["Message"] == #"{"order": 1}"#)
            #expect(first["Sns"]?["TopicArn"] == "arn:aws:sns:us-east-1:123456789012:live-notices")
            #expect(first["Sns"]?["MessageAttributes"]?["kind"] == ["Type": "String", "Value": "order"])
            #expect(first["Sns"]?["Type"] == "Notification")
            #expect(first["Sns"]?["MessageId"]?.stringValue?.isEmpty == false)
            #expect(records.contains { $0["Sns"]?["Message"] == "plain text ✓" })
        }
    }

    static let filteredTemplate = EventProject.recordingTemplateHead + """
          Orders:
            Type: AWS::SNS::Topic
            Properties: {TopicName: filtered-orders}
          Large:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Order:
                  Type: SNS
                  Properties:
                    Topic: !Ref Orders
                    FilterPolicy: {kind: [order], amount: [{numeric: ['>', 100]}]}
          Shipping:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Order:
                  Type: SNS
                  Properties:
                    Topic: !Ref Orders
                    FilterPolicyScope: MessageBody
                    FilterPolicy: {order: {status: [{prefix: ship}]}}
          Red:
            Type: AWS::Serverless::Function
          RedSubscription:
            Type: AWS::SNS::Subscription
            Properties:
              Protocol: lambda
              TopicArn: !Ref Orders
              Endpoint: !GetAtt Red.Arn
              FilterPolicy: '{"tags": ["red"], "kind": [{"exists": true}]}'
          Wild:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Order:
                  Type: SNS
                  Properties: {Topic: !Ref Orders, FilterPolicy: {kind: [{wildcard: 'ord*'}]}}
        """

    @Test("a subscription's FilterPolicy decides which messages its function gets: on attributes by type, or on the body")
    func filtered() async throws {
        let project = try EventProject(template: Self.filteredTemplate)
        let host = try project.makeHost()
        try ResourceProvisioner(template: host.template, client: project.client).provision { _ in }
        let wiring = EventWiring(template: host.template)
        // SNS refuses wildcard in a filter policy: that subscription is named and left out.
        #expect(wiring.unrun.map(\.resource) == ["Wild"], "\(wiring.unrun)")
        #expect(wiring.unrun.first?.why.contains("wildcard") == true)
        try await withShutdown(of: host) { () async throws in
            let plane = EventPlane(wiring: wiring, host: host, client: project.client, region: "us-east-1", log: { _ in })
            let sources = Task { await plane.runSources() }
            defer { sources.cancel() }
            let topic = "arn:aws:sns:us-east-1:123456789012:filtered-orders"
            #expect(try await listeningQueue(to: topic, in: project) != nil)
            let messages: [(body: String, attributes: [(name: String, type: String, value: String)])] = [
                (#"{"order": {"status": "shipped", "id": 1}}"#, [("kind", "String", "order"), ("amount", "Number", "150")]),
                (#"{"order": {"status": "new", "id": 2}}"#, [("kind", "String", "order"), ("amount", "Number", "50"), ("tags", "String.Array", #"["red", "blue"]"#)]),
                ("not JSON, id 3", [("kind", "String", "order"), ("amount", "String", "150")]),
                (#"{"order": {"status": "shipping", "id": 4}}"#, [("kind", "String", "order"), ("amount", "Number", "100.5")]),
                (#"{"order": {"status": "new", "id": 5}}"#, [("tags", "String.Array", #"["red"]"#)]),
                (#"{"order": {"status": "done", "id": 6}}"#, [("kind", "String", "order"), ("amount", "Number", "1e3")]),
            ]
            for message in messages {
                var parameters = [(name: "TopicArn", value: topic), (name: "Message", value: message.body)]
                for (index, attribute) in message.attributes.enumerated() {
                    let prefix = "MessageAttributes.entry.\(index + 1)"
                    parameters += [
                        ("\(prefix).Name", attribute.name), ("\(prefix).Value.DataType", attribute.type),
                        ("\(prefix).Value.StringValue", attribute.value),
                    ]
                }
                _ = try project.client.query(.sns, action: "Publish", parameters: parameters, resource: topic)
            }
            // Each subscription delivers on its own: wait for every expected delivery, then a moment
            // more for any that should not come.
            let expected = ["Large": 3, "Shipping": 2, "Red": 1]
            #expect(try await eventually(within: 60) {
                let received = project.received()
                return expected.allSatisfy { function, count in received.filter { $0.function == function }.count >= count }
            })
            try await Task.sleep(for: .seconds(1))
        }
        func ids(_ function: String) -> [String] {
            project.received().filter { $0.function == function }.compactMap { $0.event["Records"]?.arrayValue?.first?["Sns"]?["Message"]?.stringValue }
                .map { body in (try? JSONValue(parsing: body))?["order"]?["id"].map { $0.serialized() } ?? body }
        }
        // Large: kind is order and amount a Number above 100; a String "150" is not a number to SNS.
        #expect(ids("Large") == ["1", "4", "6"])
        // Shipping: the body's order.status starts with "ship"; a body that is not JSON matches nothing.
        #expect(ids("Shipping") == ["1", "4"])
        // Red: a String.Array attribute matches when any element does, and kind must be present.
        #expect(ids("Red") == ["2"])
        #expect(ids("Wild").isEmpty)
    }

    /// The queue the plane's topic source listens on, once it is subscribed to the topic (nil
    /// when that takes more than a minute).
    private func listeningQueue(to topic: String, in project: EventProject) async throws -> String? {
        _ = try await eventually(within: 60) { !subscribedQueues(of: topic, in: project).isEmpty }
        return subscribedQueues(of: topic, in: project).first
    }

    /// The names of the emulator's queues subscribed to the topic.
    private func subscribedQueues(of topic: String, in project: EventProject) -> [String] {
        let subscriptions = try? project.client.query(.sns, action: "ListSubscriptionsByTopic", parameters: [("TopicArn", topic)])
        return (subscriptions?.children("Subscriptions").flatMap { $0.children("member") } ?? [])
            .compactMap { $0.value("Endpoint")?.split(separator: ":").last.map(String.init) }
            .filter { $0.hasPrefix("emulator-topic-events-") }
    }
}
