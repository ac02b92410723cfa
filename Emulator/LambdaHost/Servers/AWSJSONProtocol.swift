import Hummingbird
import NIOCore
import StateMachine

/// Answers in the AWS JSON protocol, as the local EventBridge (`application/x-amz-json-1.1`) and
/// Step Functions (`application/x-amz-json-1.0`) APIs send them.
struct AWSJSONProtocol: Sendable {
    /// `1.0` or `1.1`.
    let version: String

    /// A successful answer carrying `value`.
    func json(_ value: JSONValue) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: value.serialized())))
    }

    /// An error as JSON-protocol services send it: `__type` and `message`, and `X-Amzn-ErrorType`.
    func error(_ status: HTTPResponse.Status, _ type: String, _ message: String) -> Response {
        Response(
            status: status, headers: [.contentType: contentType, InvokeHeaders.errorType: type],
            body: .init(byteBuffer: ByteBuffer(string: JSONValue.object(["__type": .string(type), "message": .string(message)]).serialized())))
    }

    private var contentType: String { "application/x-amz-json-\(version)" }
}
