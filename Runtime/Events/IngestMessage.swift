#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// What arrives on the ingest FIFO queue, read from a message body.
///
/// - An S3 `Object Created` event, as EventBridge's rule sends it (the envelope unchanged).
/// - `{"kind": "TransferRequested", "jobId": "job-…"}`: the API made the job (`RECEIVED`) and asks
///   for it to be routed. Sent with the job's partition as the message group and the job id as the
///   deduplication id.
/// - `{"kind": "PullTick"}` (other fields, such as the tick's time, ignored): the pull schedules'
///   clock, from the template's schedule rule; the Router runs the schedules due.
/// - `{"kind": "SweepTick"}` (other fields ignored): the job sweep's clock; the Router fails jobs
///   stuck in `RUNNING` and publishes notifications still in the outbox.
public enum IngestMessage: Sendable, Hashable {
    case objectCreated(S3ObjectCreatedEvent)
    case transferRequested(jobID: String)
    case pullTick
    case sweepTick

    /// Why a body is none of the kinds above.
    public struct UnknownMessage: Error, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// Reads `body`; a body that is none of the known kinds is refused with the reason.
    public init(body: String) throws(UnknownMessage) {
        let data = Data(body.utf8)
        if let kind = try? JSONDecoder().decode(Kind.self, from: data).kind {
            switch kind {
            case "TransferRequested":
                guard let request = try? JSONDecoder().decode(TransferRequest.self, from: data), !request.jobId.isEmpty else {
                    throw UnknownMessage(reason: "a TransferRequested message needs a jobId string")
                }
                self = .transferRequested(jobID: request.jobId)
            case "PullTick":
                self = .pullTick
            case "SweepTick":
                self = .sweepTick
            default:
                throw UnknownMessage(reason: "unknown message kind \"\(kind)\"")
            }
            return
        }
        guard let event = try? JSONDecoder().decode(S3ObjectCreatedEvent.self, from: data),
            event.source == "aws.s3", event.detailType == "Object Created"
        else {
            throw UnknownMessage(reason: "the message is neither an S3 Object Created event nor a TransferRequested message")
        }
        self = .objectCreated(event)
    }

    /// The body of a `TransferRequested` message for `jobID`.
    public static func transferRequestBody(jobID: String) -> String {
        let encoded = (try? JSONEncoder().encode(TransferRequest(kind: "TransferRequested", jobId: jobID))) ?? Data()
        return String(decoding: encoded, as: UTF8.self)
    }

    private struct Kind: Decodable {
        let kind: String
    }

    private struct TransferRequest: Codable {
        let kind: String
        let jobId: String
    }
}
