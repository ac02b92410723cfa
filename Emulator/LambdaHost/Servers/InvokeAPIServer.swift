import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StateMachine

/// The Lambda Invoke API (`POST /2015-03-31/functions/NAME/invocations`) over a ``LambdaHost``, so
/// that `aws lambda invoke --endpoint-url` and the SDKs work against local functions unchanged.
public struct InvokeAPIServer: Sendable {
    public let host: LambdaHost
    /// Runs an `Event` invocation after it is accepted: with Lambda's retries and destinations
    /// (``EventPlane/invokeAsynchronously(_:payload:options:)``), or once when nil.
    let asynchronousInvoker: (@Sendable (String, [UInt8], InvokeOptions) async -> Void)?

    /// Lambda's limit on an asynchronous (Event) invocation's event, since October 2025.
    public static let eventLimit = 1024 * 1024

    /// - Parameter plane: when given, `Event` invocations are retried and reported as the
    ///   template's `EventInvokeConfig` says; without one each is tried once.
    public init(host: LambdaHost, plane: EventPlane? = nil) {
        self.host = host
        if let plane {
            asynchronousInvoker = { @Sendable function, payload, options in
                _ = await plane.invokeAsynchronously(function, payload: payload, options: options)
            }
        } else {
            asynchronousInvoker = nil
        }
    }

    /// Serves until the task is cancelled.
    /// - Parameter onListening: called with the bound port once the server accepts connections.
    public func run(hostname: String = "127.0.0.1", port: Int, onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let router = Router()
        router.post("/2015-03-31/functions/:function/invocations") { request, context -> Response in
            let function = FunctionName.from(context.parameters.get("function") ?? "")
            return await invoke(function, request: request)
        }
        try await serveLocalAPI(router.buildResponder(), label: "invoke-api", hostname: hostname, port: port, onListening: onListening)
    }

    func invoke(_ function: String, request: Request) async -> Response {
        let invocationType = request.headers[InvokeHeaders.invocationType] ?? "RequestResponse"
        let limit = invocationType == "Event" ? Self.eventLimit : LambdaHost.requestLimit
        let payload: [UInt8]
        do {
            payload = Array(try await request.body.collect(upTo: limit).readableBytesView)
        } catch {
            return ServiceError.requestTooLarge(limit: limit, invocationType: invocationType).response
        }
        // Lambda takes JSON only: an empty body is an empty event, anything else must parse.
        if !payload.isEmpty {
            do {
                _ = try JSONValue(parsing: Data(payload))
            } catch {
                return ServiceError.invalidRequestContent("Could not parse request body into json: \(error)").response
            }
        }
        let options = InvokeOptions(
            traceID: request.headers[InvokeHeaders.traceID], clientContext: request.headers[InvokeHeaders.clientContext],
            tenantID: request.headers[InvokeHeaders.tenantID])
        do throws(HostError) {
            switch invocationType {
            case "RequestResponse":
                let result = try await host.invoke(function, payload: payload, options: options)
                return response(result, tail: request.headers[InvokeHeaders.logType] == "Tail")
            case "Event":
                try host.validate(function)
                Task { [host, asynchronousInvoker] in
                    if let asynchronousInvoker {
                        await asynchronousInvoker(function, payload, options)
                    } else {
                        _ = try? await host.invoke(function, payload: payload, options: options)
                    }
                }
                return Response(status: .accepted, headers: [InvokeHeaders.executedVersion: "$LATEST"])
            case "DryRun":
                try host.validate(function)
                return Response(status: .noContent)
            default:
                return ServiceError.invalidParameter("X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, not \(invocationType)").response
            }
        } catch {
            return ServiceError(error).response
        }
    }

    private func response(_ result: InvocationResult, tail: Bool) -> Response {
        var headers: HTTPFields = [
            .contentType: result.contentType,
            InvokeHeaders.executedVersion: "$LATEST",
            InvokeHeaders.requestID: result.requestID,
        ]
        headers[InvokeHeaders.functionError] = result.functionError
        if tail {
            headers[InvokeHeaders.logResult] = Data(result.logs.suffix(4096)).base64EncodedString()
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: result.payload)))
    }
}

/// The function named in an Invoke API path: a name, a partial ARN, or a full ARN, with or without
/// a qualifier.
enum FunctionName {
    static func from(_ identifier: String) -> String {
        let decoded = identifier.removingPercentEncoding ?? identifier
        let parts = decoded.split(separator: ":", omittingEmptySubsequences: false)
        if let index = parts.firstIndex(of: "function"), index + 1 < parts.count {
            return String(parts[index + 1])
        }
        return String(parts.first ?? "")
    }
}

/// The Invoke API's header names.
enum InvokeHeaders {
    static let invocationType = HTTPField.Name("X-Amz-Invocation-Type")!
    static let logType = HTTPField.Name("X-Amz-Log-Type")!
    static let logResult = HTTPField.Name("X-Amz-Log-Result")!
    static let functionError = HTTPField.Name("X-Amz-Function-Error")!
    static let executedVersion = HTTPField.Name("X-Amz-Executed-Version")!
    static let clientContext = HTTPField.Name("X-Amz-Client-Context")!
    static let traceID = HTTPField.Name("X-Amzn-Trace-Id")!
    static let tenantID = HTTPField.Name("X-Amz-Tenant-Id")!
    static let requestID = HTTPField.Name("X-Amzn-RequestId")!
    static let errorType = HTTPField.Name("X-Amzn-ErrorType")!
}
