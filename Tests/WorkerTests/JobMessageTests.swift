import Foundation
import Jobs
import LineLogging
import Testing
import TransferCore
import Worker

@Suite("Job messages and dispositions, without I/O")
struct JobMessageTests {
    @Test("a job written by hand decodes, with the SFTP port and credential defaulted")
    func decodesHandWrittenJob() throws {
        let body = """
            {"id": "job-42", "flow": "sftpToS3",
             "source": {"type": "sftp", "host": "sftp.partner.example", "username": "acme", "path": "/out/big.csv",
                        "hostKeyFingerprint": "SHA256:abc", "secretId": "partners/acme"},
             "destination": {"type": "s3", "bucket": "landing", "key": "acme/big.csv"}}
            """
        let job = try JSONDecoder().decode(TransferJob.self, from: Data(body.utf8))
        #expect(
            job
                == TransferJob(
                    id: "job-42", flow: .sftpToS3,
                    source: .sftp(
                        SFTPLocation(
                            host: "sftp.partner.example", username: "acme", path: "/out/big.csv",
                            hostKeyFingerprint: "SHA256:abc", secretID: "partners/acme")),
                    destination: .s3(S3Location(bucket: "landing", key: "acme/big.csv"))))
        #expect(try JSONDecoder().decode(TransferJob.self, from: JSONEncoder().encode(job)) == job)
    }

    @Test("an unknown endpoint type is refused, naming the type")
    func refusesUnknownEndpoint() {
        let body = #"{"id":"j","flow":"s3ToSFTP","source":{"type":"ftp"},"destination":{"type":"s3","bucket":"b","key":"k"}}"#
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(TransferJob.self, from: Data(body.utf8))
        }
        #expect("\(String(describing: error))".contains("ftp"))
    }

    @Test(
        "each outcome settles the message as documented",
        arguments: [
            (MessageDisposition.Outcome.succeeded, true, nil, true, false),
            (.failed(.nonRetryable), true, nil, true, true),
            (.malformed, true, nil, true, true),
            (.failed(.transient), false, 45, false, false),
            (.failed(.throttling), false, 45, false, false),
            (.stopped, false, 0, false, false),
        ] as [(MessageDisposition.Outcome, Bool, Int?, Bool, Bool)])
    func dispositions(
        outcome: MessageDisposition.Outcome, deletes: Bool, visibleAfter: Int?, clears: Bool, abandons: Bool
    ) {
        let disposition = MessageDisposition.after(outcome, retryDelaySeconds: 45)
        #expect(disposition.deleteMessage == deletes)
        #expect(disposition.visibleAfterSeconds == visibleAfter)
        #expect(disposition.clearCheckpoint == clears)
        #expect(disposition.abandonUpload == abandons)
    }

    @Test("log lines are one JSON object each, level and event first, escaping what they quote")
    func logLine() throws {
        let lines = LogLines()
        LineLogger.worker(write: lines.append).error("job.failed", ["jobId": "j\"1", "skipped": nil, "reason": "a\nb"])
        let line = try #require(lines.all.first)
        #expect(line == #"{"level":"ERROR","event":"job.failed","jobId":"j\"1","reason":"a\nb"}"# + "\n")
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["reason"] == "a\nb")
    }
}
