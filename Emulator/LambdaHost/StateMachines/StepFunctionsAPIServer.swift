import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StateMachine

/// The Step Functions API the emulator serves to the functions it hosts (their
/// `AWS_ENDPOINT_URL_SFN`): `StartExecution` runs the template's state machine in the local
/// interpreter, `DescribeExecution` reports it, so a function that starts a workflow sees it run
/// here rather than on a service that runs no task.
///
/// It speaks Step Functions' JSON 1.0 protocol (`X-Amz-Target: AWSStepFunctions.StartExecution`);
/// requests are not signature-checked, as the local Invoke API's are not.
public struct StepFunctionsAPIServer: Sendable {
    public let executions: LocalExecutions

    /// Step Functions' limit on an execution's input.
    static let inputLimit = 256 * 1024

    public init(executions: LocalExecutions) {
        self.executions = executions
    }

    /// Serves until the task is cancelled.
    /// - Parameter onListening: called with the bound port once the server accepts connections.
    public func run(hostname: String = "127.0.0.1", port: Int, onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let router = Router()
        let executions = self.executions
        router.post("/") { request, _ -> Response in
            let target = request.headers[HTTPField.Name("X-Amz-Target")!] ?? ""
            guard let body = try? await request.body.collect(upTo: 2 * Self.inputLimit),
                let input = try? JSONValue(parsing: Data(body.readableBytesView))
            else { return Self.error("SerializationException", "the request body is not JSON") }
            do throws(LocalExecutions.Refusal) {
                switch target {
                case "AWSStepFunctions.StartExecution":
                    guard let machine = input["stateMachineArn"]?.stringValue else {
                        return Self.error("ValidationException", "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null")
                    }
                    let text = input["input"]?.stringValue
                    guard (text?.utf8.count ?? 0) <= Self.inputLimit else {
                        return Self.error("InvalidExecutionInput", "The input is larger than \(Self.inputLimit) bytes")
                    }
                    let record = try await executions.start(stateMachineArn: machine, name: input["name"]?.stringValue, input: text)
                    return Self.json(["executionArn": .string(record.executionArn), "startDate": Self.time(record.startDate)])
                case "AWSStepFunctions.DescribeExecution":
                    guard let arn = input["executionArn"]?.stringValue else {
                        return Self.error("ValidationException", "1 validation error detected: Value null at 'executionArn' failed to satisfy constraint: Member must not be null")
                    }
                    return Self.json(Self.description(of: try await executions.describe(executionArn: arn)))
                default:
                    return Self.error("UnknownOperationException", "\(target) is not served locally: StartExecution and DescribeExecution are")
                }
            } catch {
                return Self.error(error.type, error.message)
            }
        }
        try await serveLocalAPI(router.buildResponder(), label: "states-api", hostname: hostname, port: port, onListening: onListening)
    }

    /// `DescribeExecution`'s answer.
    static func description(of record: LocalExecutions.Record) -> JSONValue {
        var members: [String: JSONValue] = [
            "executionArn": .string(record.executionArn), "stateMachineArn": .string(record.stateMachineArn), "name": .string(record.name),
            "status": .string(record.status), "startDate": time(record.startDate), "input": .string(record.input),
        ]
        if let stopDate = record.stopDate { members["stopDate"] = time(stopDate) }
        if let output = record.output { members["output"] = .string(output) }
        if let failure = record.failure {
            members["error"] = .string(failure.error)
            members["cause"] = .string(failure.cause)
        }
        return .object(members)
    }

    /// A timestamp as JSON 1.0 services send it: seconds since 1970.
    private static func time(_ date: Date) -> JSONValue {
        .double(date.timeIntervalSince1970)
    }

    /// Step Functions speaks JSON 1.0.
    private static let wire = AWSJSONProtocol(version: "1.0")

    static func json(_ value: JSONValue) -> Response {
        wire.json(value)
    }

    /// An error as JSON 1.0 services send it: status 400, `__type` and `message`, and `X-Amzn-ErrorType`.
    static func error(_ type: String, _ message: String) -> Response {
        wire.error(.badRequest, type, message)
    }
}
