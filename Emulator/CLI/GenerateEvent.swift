import ArgumentParser
import Foundation
import LambdaHost
import StateMachine

/// `emulator generate-event KIND ACTION`: sample events from flags, as `sam local generate-event`.
struct GenerateEvent: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prints a sample event of a kind the emulator replays.",
        discussion: """
            The event is shaped as AWS sends it, from the flags given, and printed as JSON on standard \
            output: save it under events/ and pass it to replay or invoke.
            """,
        subcommands: [S3Event.self, EventBridgeEvent.self, SQSEvent.self, SNSEvent.self, ScheduleEvent.self, APIGatewayEvent.self])

    /// The options every sample shares.
    struct Common: ParsableArguments {
        @Option(help: "The region the event comes from.")
        var region = "us-east-1"
    }

    static func emit(_ event: JSONValue) {
        print(event.serialized())
    }
}

extension GenerateEvent {
    struct S3Event: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "s3", abstract: "An S3 notification: put, copy, complete-multipart or delete.")

        @Argument(help: ArgumentHelp("put, copy, complete-multipart or delete.", valueName: "action"))
        var action: S3Action

        @Option(help: "The bucket.") var bucket = "example-bucket"
        @Option(help: "The object's key, as stored (it is URL-encoded in the record).") var key = "test/key"
        @Option(help: "The object's size in bytes.") var size: Int64 = 1024
        @Option(help: "The object's ETag.") var etag = "0123456789abcdef0123456789abcdef"
        @OptionGroup var common: Common

        func run() {
            emit(SampleEvents.s3(action: action.rawValue, bucket: bucket, key: key, size: size, eTag: etag, region: common.region))
        }
    }

    enum S3Action: String, ExpressibleByArgument, CaseIterable {
        case put, copy, completeMultipart = "complete-multipart", delete
    }

    struct EventBridgeEvent: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eventbridge", abstract: "An EventBridge event: s3-object-created, or any event from --source and --detail-type.")

        @Argument(help: ArgumentHelp("s3-object-created or event.", valueName: "action"))
        var action: EventBridgeAction

        @Option(help: "The bucket (s3-object-created).") var bucket = "example-bucket"
        @Option(help: "The object's key (s3-object-created).") var key = "test/key"
        @Option(help: "The object's size (s3-object-created).") var size: Int64 = 1024
        @Option(help: "The object's ETag (s3-object-created).") var etag = "0123456789abcdef0123456789abcdef"
        @Option(help: "The source (event).") var source = "com.example.app"
        @Option(help: "The detail type (event).") var detailType = "Example Event"
        @Option(help: ArgumentHelp("The detail, JSON text or file://path (event).", valueName: "json")) var detail = "{}"
        @OptionGroup var common: Common

        func run() throws {
            switch action {
            case .s3ObjectCreated:
                emit(SampleEvents.s3ObjectCreated(bucket: bucket, key: key, size: size, eTag: etag, region: common.region))
            case .event:
                guard let value = try? JSONValue(parsing: try CLIText.read(detail)) else { throw ValidationError("--detail is not JSON") }
                emit(SampleEvents.eventBridge(source: source, detailType: detailType, detail: value, region: common.region))
            }
        }
    }

    enum EventBridgeAction: String, ExpressibleByArgument, CaseIterable {
        case s3ObjectCreated = "s3-object-created", event
    }

    struct SQSEvent: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sqs", abstract: "An SQS event as a mapping hands it over (receive-message); FIFO with --group.")

        @Argument(help: ArgumentHelp("receive-message.", valueName: "action"))
        var action: SQSAction

        @Option(help: "The queue's name; a FIFO queue's ends in .fifo.") var queue = "example-queue"
        @Option(help: "The message body.") var body = #"{"hello":"world"}"#
        @Option(help: "The message group (FIFO queues; default: one when the queue's name ends in .fifo).") var group: String?
        @OptionGroup var common: Common

        func run() {
            let group = group ?? (queue.hasSuffix(".fifo") ? "group-1" : nil)
            emit(SampleEvents.sqs(queue: queue, body: body, group: group, region: common.region))
        }
    }

    enum SQSAction: String, ExpressibleByArgument, CaseIterable {
        case receiveMessage = "receive-message"
    }

    struct SNSEvent: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sns", abstract: "An SNS notification as a subscribed function gets it.")

        @Argument(help: ArgumentHelp("notification.", valueName: "action"))
        var action: SNSAction

        @Option(help: "The topic's name.") var topic = "example-topic"
        @Option(help: "The message.") var message = "example message"
        @Option(help: "The subject.") var subject: String?
        @OptionGroup var common: Common

        func run() {
            emit(SampleEvents.sns(topic: topic, message: message, subject: subject, region: common.region))
        }
    }

    enum SNSAction: String, ExpressibleByArgument, CaseIterable {
        case notification
    }

    struct ScheduleEvent: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "schedule", abstract: "The event a scheduled rule sends.")

        @Option(help: "The rule's name.") var rule = "example-rule"
        @OptionGroup var common: Common

        func run() {
            emit(SampleEvents.schedule(rule: rule, region: common.region))
        }
    }

    struct APIGatewayEvent: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apigateway", abstract: "An API Gateway request: aws-proxy (REST API) or http-api (HTTP API, payload 2.0).")

        @Argument(help: ArgumentHelp("aws-proxy or http-api.", valueName: "action"))
        var action: APIAction

        @Option(help: "The HTTP method.") var method = "GET"
        @Option(help: "The request path.") var path = "/"
        @Option(help: "The request body.") var body: String?
        @OptionGroup var common: Common

        func run() {
            switch action {
            case .awsProxy: emit(SampleEvents.apiGatewayREST(method: method, path: path, body: body, region: common.region))
            case .httpAPI: emit(SampleEvents.apiGatewayHTTP(method: method, path: path, body: body, region: common.region))
            }
        }
    }

    enum APIAction: String, ExpressibleByArgument, CaseIterable {
        case awsProxy = "aws-proxy", httpAPI = "http-api"
    }
}
