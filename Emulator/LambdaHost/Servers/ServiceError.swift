import Hummingbird
import NIOCore
import StateMachine

/// An error of the Lambda service itself, shaped as AWS sends it so SDKs raise the right exception:
/// `X-Amzn-ErrorType` names it, the JSON body carries `Type` and `message`.
struct ServiceError {
    let status: HTTPResponse.Status
    let type: String
    let message: String

    init(status: HTTPResponse.Status, type: String, message: String) {
        self.status = status
        self.type = type
        self.message = message
    }

    init(_ error: HostError) {
        switch error.code {
        case .functionNotFound: self.init(status: .notFound, type: "ResourceNotFoundException", message: error.message)
        case .payloadTooLarge: self.init(status: .contentTooLarge, type: "RequestTooLargeException", message: error.message)
        case .throttled: self.init(status: .tooManyRequests, type: "TooManyRequestsException", message: error.message)
        case .cannotStart: self.init(status: .badGateway, type: "InvalidRuntimeException", message: error.message)
        case .shuttingDown: self.init(status: .serviceUnavailable, type: "ServiceException", message: error.message)
        }
    }

    static func requestTooLarge(limit: Int, invocationType: String) -> ServiceError {
        ServiceError(
            status: .contentTooLarge, type: "RequestTooLargeException",
            message: "Request must be smaller than \(limit) bytes for the \(invocationType) invocation type")
    }

    /// A request body that is not JSON, which Lambda refuses before any function sees it.
    static func invalidRequestContent(_ message: String) -> ServiceError {
        ServiceError(status: .badRequest, type: "InvalidRequestContentException", message: message)
    }

    static func invalidParameter(_ message: String) -> ServiceError {
        ServiceError(status: .badRequest, type: "InvalidParameterValueException", message: message)
    }

    var response: Response {
        let body = JSONValue.object(["Type": "User", "message": .string(message)]).serialized()
        return Response(
            status: status, headers: [.contentType: "application/json", InvokeHeaders.errorType: type],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
