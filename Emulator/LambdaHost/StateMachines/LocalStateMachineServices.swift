public import AWS
public import Foundation
public import StateMachine

/// What a state machine run locally calls: the template's functions on this host, and S3 (for the
/// Distributed Map's ItemReader and ResultWriter) through the configured AWS endpoint.
///
/// A Task's `Resource` may be a function's ARN (its result is the function's answer) or
/// `arn:aws:states:::lambda:invoke` with `FunctionName` and `Payload` (the answer wrapped in
/// `Payload`, as the optimised integration returns it). A failed function fails the state with the
/// function's `errorType` as the error and its error document as the cause, which is what Retry
/// and Catch match on AWS; a function that crashed, was killed or timed out has no error type of
/// its own and fails the state as `Lambda.Unknown`, as Step Functions reports every such unhandled
/// failure (the cause keeps the Invoke API's document, `Runtime.ExitError` or `Sandbox.Timedout`).
public struct LocalStateMachineServices: StateMachineServices {
    let host: LambdaHost
    let s3: S3Client

    /// - Parameters:
    ///   - host: runs the template's functions.
    ///   - s3: reads ItemReader objects and writes ResultWriter files.
    public init(host: LambdaHost, s3: S3Client) {
        self.host = host
        self.s3 = s3
    }

    static let lambdaInvoke = "arn:aws:states:::lambda:invoke"

    public func invokeTask(resource: String, input: JSONValue, context: TaskContext) async throws(StateFailure) -> JSONValue {
        if resource == Self.lambdaInvoke {
            guard let function = input["FunctionName"]?.stringValue else {
                throw StateFailure(error: "States.Runtime", cause: "\(resource) needs Parameters.FunctionName")
            }
            let answer = try await invoke(Self.functionName(function), payload: input["Payload"] ?? .object([:]))
            return .object(["ExecutedVersion": .string("$LATEST"), "Payload": answer, "StatusCode": .int(200)])
        }
        guard resource.hasPrefix("arn:aws:lambda:") else {
            throw StateFailure(
                error: "States.Runtime",
                cause: "the resource \(resource) is not supported locally: use a function of the template or \(Self.lambdaInvoke)")
        }
        return try await invoke(Self.functionName(resource), payload: input)
    }

    public func readObject(bucket: String, key: String) async throws(StateFailure) -> Data {
        let s3 = self.s3
        do {
            return Data(try await OffloadedCall.run { () throws(AWSError) in try s3.getObject(bucket: bucket, key: key).body })
        } catch {
            throw StateFailure(error: "States.ItemReaderFailed", cause: error.description)
        }
    }

    public func listObjects(bucket: String, prefix: String) async throws(StateFailure) -> [JSONValue] {
        let s3 = self.s3
        do {
            let objects = try await OffloadedCall.run { () throws(AWSError) in
                try s3.listAllObjects(bucket: bucket, prefix: prefix).objects
            }
            return objects.map { object in
                .object([
                    "Key": .string(object.key), "Size": .int(object.size), "ETag": .string(object.eTag),
                    "LastModified": .string(object.lastModified), "StorageClass": .string(object.storageClass ?? "STANDARD"),
                ])
            }
        } catch {
            throw StateFailure(error: "States.ItemReaderFailed", cause: error.description)
        }
    }

    public func writeObject(bucket: String, key: String, body: Data) async throws(StateFailure) {
        let s3 = self.s3
        do {
            try await OffloadedCall.run { () throws(AWSError) in
                _ = try s3.putObject(
                    bucket: bucket, key: key, body: .bytes(Array(body)), options: PutObjectOptions(contentType: "application/json"))
            }
        } catch {
            throw StateFailure(error: "States.ResultWriterFailed", cause: error.description)
        }
    }

    private func invoke(_ function: String, payload: JSONValue) async throws(StateFailure) -> JSONValue {
        let result: InvocationResult
        do {
            result = try await host.invoke(function, payload: Array(payload.serialized().utf8))
        } catch {
            throw StateFailure(error: Self.lambdaError(error.code), cause: error.message)
        }
        let text = String(decoding: result.payload, as: UTF8.self)
        guard result.succeeded else {
            throw StateFailure(error: Self.stateError(forFunctionError: result.errorType), cause: text)
        }
        do {
            return try JSONValue(parsing: text)
        } catch {
            return .string(text)
        }
    }

    /// `Name`, `arn:aws:lambda:region:account:function:Name` or the same with a `:qualifier`.
    static func functionName(_ reference: String) -> String {
        let parts = reference.split(separator: ":", omittingEmptySubsequences: false)
        guard reference.hasPrefix("arn:"), parts.count >= 7, parts[5] == "function" else { return reference }
        return String(parts[6])
    }

    /// The error a state sees for a failed invocation: the function's own type, or `Lambda.Unknown`
    /// for the failures the Lambda service names itself (a crash, a kill, a timeout).
    static func stateError(forFunctionError type: String?) -> String {
        switch type {
        case nil, "Runtime.ExitError", "Sandbox.Timedout": "Lambda.Unknown"
        case let type?: type
        }
    }

    /// The Lambda service's error names for invocations the host could not run.
    private static func lambdaError(_ code: HostError.Code) -> String {
        switch code {
        case .functionNotFound, .cannotStart: "Lambda.ResourceNotFoundException"
        case .payloadTooLarge: "Lambda.RequestTooLargeException"
        case .throttled: "Lambda.TooManyRequestsException"
        case .shuttingDown: "Lambda.ServiceException"
        }
    }
}
