import EventPatterns
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StateMachine

/// The EventBridge API over an ``EventPlane``: `PutEvents` puts events on the local buses (their
/// rules deliver at once, as on AWS, after the answer) and `TestEventPattern` answers from the
/// same matcher, so `aws events put-events --endpoint-url` and SDK clients work unchanged.
///
/// It speaks EventBridge's JSON 1.1 protocol (`X-Amz-Target: AWSEvents.PutEvents`); requests
/// are not signature-checked, as the local Invoke API's are not.
public struct EventsAPIServer: Sendable {
    public let plane: EventPlane

    /// EventBridge's limits on one `PutEvents` call.
    static let maximumEntries = 10
    static let entryLimit = 256 * 1024

    public init(plane: EventPlane) {
        self.plane = plane
    }

    /// Serves until the task is cancelled.
    /// - Parameter onListening: called with the bound port once the server accepts connections.
    public func run(hostname: String = "127.0.0.1", port: Int, onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let router = Router()
        router.post("/") { request, _ -> Response in
            let target = request.headers[HTTPField.Name("X-Amz-Target")!] ?? ""
            guard let body = try? await request.body.collect(upTo: 4 * 1024 * 1024),
                let input = try? JSONValue(parsing: Data(body.readableBytesView))
            else { return Self.error(400, "SerializationException", "the request body is not JSON") }
            switch target {
            case "AWSEvents.PutEvents": return putEvents(input)
            case "AWSEvents.TestEventPattern": return testEventPattern(input)
            default: return Self.error(400, "UnknownOperationException", "\(target) is not served locally: PutEvents and TestEventPattern are")
            }
        }
        try await serveLocalAPI(router.buildResponder(), label: "events-api", hostname: hostname, port: port, onListening: onListening)
    }

    func putEvents(_ input: JSONValue) -> Response {
        guard let entries = input["Entries"]?.arrayValue, !entries.isEmpty else {
            return Self.error(400, "ValidationException", "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null")
        }
        guard entries.count <= Self.maximumEntries else {
            return Self.error(
                400, "ValidationException",
                "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10")
        }
        var results: [JSONValue] = []
        var accepted: [(event: JSONValue, bus: String)] = []
        for entry in entries {
            switch event(from: entry) {
            case .success(let (event, bus)):
                accepted.append((event, bus))
                results.append(["EventId": event["id"] ?? .null])
            case .failure(let failure):
                results.append(["ErrorCode": .string(failure.code), "ErrorMessage": .string(failure.message)])
            }
        }
        let plane = self.plane
        Task {
            for (event, bus) in accepted { _ = await plane.put(event, bus: bus) }
        }
        let failed = results.filter { $0["ErrorCode"] != nil }.count
        return Self.json(["FailedEntryCount": .int(Int64(failed)), "Entries": .array(results)])
    }

    /// The event an entry makes, or the entry's error as EventBridge reports it.
    private func event(from entry: JSONValue) -> Result<(JSONValue, String), EntryFailure> {
        guard let source = entry["Source"]?.stringValue, !source.isEmpty else {
            return .failure(EntryFailure(code: "InvalidArgument", message: "Parameter Source is not valid. Reason: Source is a required argument."))
        }
        guard let detailType = entry["DetailType"]?.stringValue, !detailType.isEmpty else {
            return .failure(EntryFailure(code: "InvalidArgument", message: "Parameter DetailType is not valid. Reason: DetailType is a required argument."))
        }
        guard let detailText = entry["Detail"]?.stringValue, let detail = try? JSONValue(parsing: detailText), detail.objectValue != nil else {
            return .failure(EntryFailure(code: "MalformedDetail", message: "Detail is malformed."))
        }
        let bus = EventWiring.busName(fromEntry: entry["EventBusName"]?.stringValue)
        guard bus == EventWiring.defaultBus || plane.wiring.buses.contains(bus) else {
            return .failure(EntryFailure(code: "NotFoundException", message: "Event bus \(bus) does not exist."))
        }
        var time = Date()
        if let stamp = entry["Time"] {
            if let seconds = stamp.doubleValue { time = Date(timeIntervalSince1970: seconds) }
            if let text = stamp.stringValue, let parsed = ISO8601DateFormatter().date(from: text) { time = parsed }
        }
        let resources = entry["Resources"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let event = EventEnvelope.make(
            source: source, detailType: detailType, detail: detail, resources: resources, time: time, region: plane.region, account: plane.account)
        guard event.serialized().utf8.count <= Self.entryLimit else {
            return .failure(EntryFailure(code: "EntrySizeTooBig", message: "Event size exceeds the maximum of 256 KB."))
        }
        return .success((event, bus))
    }

    func testEventPattern(_ input: JSONValue) -> Response {
        let pattern: EventPattern
        do {
            pattern = try EventPattern(text: input["EventPattern"]?.stringValue ?? "")
        } catch {
            return Self.error(400, InvalidEventPatternError.exceptionName, error.message)
        }
        guard let eventText = input["Event"]?.stringValue, let event = try? JSONValue(parsing: eventText),
            let members = event.objectValue, ["id", "account", "source", "time", "region", "detail-type"].allSatisfy({ members[$0] != nil })
        else { return Self.error(400, "ValidationException", "Parameter Event is not valid.") }
        return Self.json(["Result": .bool(pattern.matches(event))])
    }

    /// EventBridge speaks JSON 1.1.
    private static let wire = AWSJSONProtocol(version: "1.1")

    static func json(_ value: JSONValue) -> Response {
        wire.json(value)
    }

    /// An error as JSON 1.1 services send it: `__type` and `message`, and `X-Amzn-ErrorType`.
    static func error(_ status: Int, _ type: String, _ message: String) -> Response {
        wire.error(HTTPResponse.Status(code: status), type, message)
    }
}

/// A `PutEvents` entry EventBridge refuses.
struct EntryFailure: Error {
    let code: String
    let message: String
}

extension EventWiring {
    /// The bus a `PutEvents` entry names: none is the default bus; an ARN names its bus.
    static func busName(fromEntry value: String?) -> String {
        guard let value, !value.isEmpty else { return defaultBus }
        if value.hasPrefix("arn:"), let range = value.firstRange(of: "event-bus/") { return String(value[range.upperBound...]) }
        return value
    }
}
