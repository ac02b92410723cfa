@testable import LambdaHost
import StateMachine
import Testing

/// Recorded events are recognised by shape, whichever library wrote the sample and whatever
/// optional fields it carries or lacks.
@Suite("Event kinds")
struct EventKindTests {
    @Test("kinds by shape", arguments: [
        (#"{"Records":[{"eventVersion":"2.0","eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"k"}}}]}"#, "s3"),
        (#"{"Records":[{"s3":{"bucket":{"name":"b","arn":"arn:aws:s3:::b"},"object":{"key":"k","size":1}}}]}"#, "s3"),
        (#"{"Records":[{"messageId":"1","receiptHandle":"r","body":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:1:q"}]}"#, "sqs"),
        (#"{"Records":[{"messageId":"1","receiptHandle":"r","body":"x"}]}"#, "sqs"),
        (#"{"Records":[{"EventSource":"aws:sns","EventVersion":"1.0","Sns":{"TopicArn":"arn:aws:sns:us-east-1:1:t","Message":"m"}}]}"#, "sns"),
        (#"{"Records":[{"Sns":{"Message":"m"}}]}"#, "sns"),
        (#"{"version":"0","id":"1","detail-type":"Object Created","source":"aws.s3","detail":{}}"#, "eventbridge"),
        (#"{"detail-type":"Scheduled Event","source":"aws.events","resources":["arn:aws:events:us-east-1:1:rule/r"],"detail":{}}"#, "schedule"),
        (#"{"resource":"/x","path":"/x","httpMethod":"GET","requestContext":{"stage":"prod"},"body":null}"#, "apigateway-rest"),
        (#"{"version":"1.0","resource":"/x","path":"/x","httpMethod":"GET","requestContext":{}}"#, "apigateway-rest"),
        (#"{"version":"2.0","routeKey":"GET /x","rawPath":"/x","requestContext":{"http":{"method":"GET"}}}"#, "apigateway-http"),
    ])
    func kinds(event: String, kind: String) throws {
        let found = try EventKind.of(try JSONValue(parsing: event)).get()
        #expect(found.rawValue == kind)
    }

    @Test("events of other services are refused with the reason", arguments: [
        #"{"Records":[{"eventSource":"aws:dynamodb","dynamodb":{}}]}"#,
        #"{"Records":[{"eventSource":"aws:kinesis","kinesis":{}}]}"#,
        #"{"httpMethod":"GET","path":"/","requestContext":{"elb":{"targetGroupArn":"arn"}}}"#,
        #"{"hello":"world"}"#,
        #"[1, 2]"#,
        #"{"Records":[]}"#,
    ])
    func refused(event: String) throws {
        guard case .failure = EventKind.of(try JSONValue(parsing: event)) else {
            Issue.record("recognised \(event)")
            return
        }
    }
}
