import BatchTransfer
import Events
import Foundation
import Jobs
import LambdaCodable
import LambdaRuntime

extension FuzzTarget {
    /// Each function's event, decoded as its runtime loop decodes it.
    static let functionEvents: [FuzzTarget] = [
        event(
            ExecutionState.self, name: "execution-state", summary: "ListObjects', ValidateTransfer's and GenerateReport's event",
            seedFiles: ["events/batch-transfer.json"],
            seeds: [
                #"{"source_bucket": "a", "source_prefix": "in/", "destination_bucket": "b", "destination_prefix": "", "execution": {"name": "e-1", "started_at": "2026-11-27T09:00:00Z"}, "listing": {"manifest_bucket": "m", "manifest_key": "k", "count": 2, "total_bytes": 10}}"#
            ]),
        event(
            TransferObjectEvent.self, name: "transfer-item", summary: "TransferObject's event: a batch of manifest entries, or a job's object",
            seeds: [
                #"{"BatchInput": {"request": {"source_bucket": "a", "source_prefix": "in/", "destination_bucket": "b", "destination_prefix": "out/", "mode": "sync", "operation_mode": "auto"}}, "Items": [{"key": "in/k.csv", "size": 1, "etag": "e"}, {"key": "in/l.csv", "size": 2, "etag": "f"}], "retry_count": 1, "max_retries": 6}"#,
                #"{"job_id": "job-1", "source_bucket": "a", "source_prefix": "", "destination_bucket": "b", "destination_prefix": "", "key": "k", "size": 1, "etag": "\"e\"", "present": false, "retry_count": 0, "max_retries": 6}"#,
            ]),
        event(SQSEvent.self, name: "sqs-event", summary: "the Router's event: an SQS batch", seedFiles: ["events/sqs-ingest.json"]),
    ]

    private static func event<Event: Decodable>(
        _ type: Event.Type, name: String, summary: String, seedFiles: [String] = [], seeds: [String] = []
    ) -> FuzzTarget {
        FuzzTarget(name: name, summary: summary, seedFiles: seedFiles, seeds: seeds) { bytes in
            do {
                _ = try Lambda.decodeEvent(bytes, as: Event.self)
                return .accepted
            } catch {
                return .refused("EventDecodingError")
            }
        }
    }

    /// Each record of an ingest batch read as the Router reads it.
    static let routerBatch = FuzzTarget(
        name: "ingest-message", summary: "the Router's ingest queue message bodies",
        seedFiles: ["events/s3-object-created.json"],
        seeds: [#"{"kind": "TransferRequested", "jobId": "job-0123"}"#]
    ) { bytes in
        do throws(IngestMessage.UnknownMessage) {
            _ = try IngestMessage(body: String(decoding: bytes, as: UTF8.self))
            return .accepted
        } catch {
            return .refused("IngestMessage.UnknownMessage")
        }
    }

    /// A `work.fifo` message as the TransferWorker reads it.
    static let workerMessage = FuzzTarget(
        name: "worker-message", summary: "the TransferWorker's work.fifo message",
        seeds: [
            #"{"id": "job-42", "flow": "sftpToS3", "source": {"type": "sftp", "host": "sftp.partner.example", "port": 22, "username": "acme", "path": "/out/big.csv", "hostKeyFingerprint": "SHA256:abc", "secretId": "partners/acme"}, "destination": {"type": "s3", "bucket": "landing", "key": "acme/big.csv"}}"#,
            #"{"id": "job-43", "flow": "s3ToS3", "source": {"type": "s3", "bucket": "a", "key": "k"}, "destination": {"type": "s3", "bucket": "b", "key": "k"}, "resumeUploadID": "u-1"}"#,
        ]
    ) { bytes in
        do {
            _ = try JSONDecoder().decode(TransferJob.self, from: Data(bytes))
            return .accepted
        } catch {
            return verdict(of: error, expecting: DecodingError.self)
        }
    }
}
