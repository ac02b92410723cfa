import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The Lambda Runtime API of one instance, on a loopback port of its own.
///
/// Each instance gets its own endpoint, as in Lambda, so a runtime in any language can use
/// `AWS_LAMBDA_RUNTIME_API` as the plain `host:port` it expects, and every request is known to
/// come from that instance.
enum RuntimeAPIServer {
    /// A server that is listening; `stop()` ends it.
    struct Running: Sendable {
        let port: Int
        let task: Task<Void, Never>

        func stop() { task.cancel() }
    }

    /// Lambda's limit on a synchronous response.
    static let responseLimit = 6 * 1024 * 1024

    static func start(pool: FunctionPool, instance: Int) async throws(HostError) -> Running {
        let router = Router()
        routes(router, pool: pool, instance: instance)
        let bound = OneShot<Int?>()
        var logger = Logger(label: "runtime-api")
        logger.logLevel = .critical
        let app = Application(
            router: router, server: .http1(configuration: .init(additionalChannelHandlers: [ContinueHandler()])), configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in bound.fulfil(channel.localAddress?.port) }, logger: logger)
        let task = Task {
            do { try await app.run() } catch { bound.fulfil(nil) }
            bound.fulfil(nil)
        }
        guard let port = await bound.value else {
            throw HostError(.cannotStart, "cannot open a Runtime API endpoint on 127.0.0.1")
        }
        return Running(port: port, task: task)
    }

    private static func routes(_ router: Router<BasicRequestContext>, pool: FunctionPool, instance: Int) {
        let base = "/2018-06-01/runtime"
        router.get("\(base)/invocation/next") { _, _ -> Response in
            guard let assignment = await pool.next(instance: instance).value else {
                return status(.gone, errorType: "InstanceStopped", message: "this instance is being stopped")
            }
            return nextResponse(assignment)
        }
        router.post("\(base)/invocation/:requestID/response") { request, context -> Response in
            let requestID = context.parameters.get("requestID") ?? ""
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: responseLimit)
            } catch {
                guard await pool.responseTooLarge(requestID: requestID, instance: instance, limit: responseLimit) else {
                    return unknownRequest(requestID)
                }
                return status(
                    .contentTooLarge, errorType: "RequestEntityTooLarge",
                    message: "Exceeded maximum allowed payload size (\(responseLimit) bytes).")
            }
            let contentType = request.headers[.contentType] ?? "application/json"
            guard await pool.respond(requestID: requestID, instance: instance, body: Array(body.readableBytesView), contentType: contentType)
            else { return unknownRequest(requestID) }
            return accepted
        }
        router.post("\(base)/invocation/:requestID/error") { request, context -> Response in
            let requestID = context.parameters.get("requestID") ?? ""
            let body = try await request.body.collect(upTo: responseLimit)
            let errorType = request.headers[HeaderNames.errorType]
            guard await pool.reportError(requestID: requestID, instance: instance, body: Array(body.readableBytesView), errorType: errorType)
            else { return unknownRequest(requestID) }
            return accepted
        }
        router.post("\(base)/init/error") { request, _ -> Response in
            let body = try await request.body.collect(upTo: responseLimit)
            await pool.initFailed(instance: instance, body: Array(body.readableBytesView))
            return accepted
        }
    }

    private static func nextResponse(_ assignment: Assignment) -> Response {
        let invocation = assignment.invocation
        var headers: HTTPFields = [
            .contentType: "application/json",
            HeaderNames.requestID: invocation.requestID,
            HeaderNames.deadline: String(assignment.deadlineMilliseconds),
            HeaderNames.functionARN: assignment.functionARN,
            HeaderNames.traceID: assignment.traceID,
        ]
        headers[HeaderNames.clientContext] = invocation.options.clientContext
        headers[HeaderNames.tenantID] = invocation.options.tenantID
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: invocation.payload)))
    }

    private static var accepted: Response {
        Response(
            status: .accepted, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: #"{"status":"OK"}"#)))
    }

    private static func unknownRequest(_ requestID: String) -> Response {
        status(.badRequest, errorType: "InvalidRequestID", message: "Invalid request ID: \(requestID) is not running on this instance")
    }

    private static func status(_ status: HTTPResponse.Status, errorType: String, message: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: FailureDocument(errorType: errorType, errorMessage: message).json)))
    }
}

/// The `Lambda-Runtime-*` header names.
enum HeaderNames {
    static let requestID = HTTPField.Name("Lambda-Runtime-Aws-Request-Id")!
    static let deadline = HTTPField.Name("Lambda-Runtime-Deadline-Ms")!
    static let functionARN = HTTPField.Name("Lambda-Runtime-Invoked-Function-Arn")!
    static let traceID = HTTPField.Name("Lambda-Runtime-Trace-Id")!
    static let clientContext = HTTPField.Name("Lambda-Runtime-Client-Context")!
    static let cognitoIdentity = HTTPField.Name("Lambda-Runtime-Cognito-Identity")!
    static let tenantID = HTTPField.Name("Lambda-Runtime-Aws-Tenant-Id")!
    static let errorType = HTTPField.Name("Lambda-Runtime-Function-Error-Type")!
}
