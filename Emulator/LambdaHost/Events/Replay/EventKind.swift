public import StateMachine

/// The kinds of recorded event the emulator recognises, by their shape, whatever optional fields
/// the sample carries or lacks (SAM CLI's, the Go, Rust, Java and .NET libraries', Powertools').
public enum EventKind: String, Sendable {
    case s3
    case eventBridge = "eventbridge"
    case sqs
    case sns
    case apiGatewayREST = "apigateway-rest"
    case apiGatewayHTTP = "apigateway-http"
    case schedule

    /// The kind of an event, or why it is none the emulator knows.
    public static func of(_ event: JSONValue) -> Result<EventKind, DeliveryFailure> {
        guard let members = event.objectValue else { return .failure(DeliveryFailure("the event is not a JSON object")) }
        if let records = members["Records"]?.arrayValue {
            guard let first = records.first else { return .failure(DeliveryFailure("Records is empty")) }
            let source = first["eventSource"]?.stringValue ?? first["EventSource"]?.stringValue
            if source == "aws:s3" || first["s3"]?["bucket"] != nil { return .success(.s3) }
            if source == "aws:sqs" || (first["receiptHandle"] != nil && first["body"] != nil) { return .success(.sqs) }
            if source == "aws:sns" || first["Sns"] != nil { return .success(.sns) }
            return .failure(DeliveryFailure("Records come from \(source ?? "an unnamed source"), not S3, SQS or SNS"))
        }
        if members["detail-type"] != nil, members["source"] != nil {
            if members["detail-type"] == "Scheduled Event", members["source"] == "aws.events" { return .success(.schedule) }
            return .success(.eventBridge)
        }
        if let context = members["requestContext"], context["elb"] == nil {
            if members["version"] == "2.0" || members["routeKey"] != nil { return .success(.apiGatewayHTTP) }
            if members["httpMethod"] != nil { return .success(.apiGatewayREST) }
        }
        return .failure(DeliveryFailure(
            "it is none of the events the emulator knows (S3 or SQS or SNS Records, an EventBridge or scheduled event, an API Gateway request)"))
    }
}
