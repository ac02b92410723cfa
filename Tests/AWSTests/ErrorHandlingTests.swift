@testable import AWS
import Testing

@Suite("Error documents and retry classification")
struct ErrorHandlingTests {
    @Test("REST-XML (S3) errors")
    func restXML() {
        let body = Array("<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>gone</Message><RequestId>R1</RequestId></Error>".utf8)
        let document = ErrorDocument(status: 404, headers: [], body: body)
        #expect(document.code == "NoSuchKey")
        #expect(document.message == "gone")
        #expect(document.requestID == "R1")
    }

    @Test("query-protocol XML errors")
    func queryXML() {
        let body = Array("<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>Q1</RequestId></ErrorResponse>".utf8)
        let document = ErrorDocument(status: 400, headers: [], body: body)
        #expect(document.code == "Throttling")
        #expect(document.requestID == "Q1")
        #expect(RetryClassification.isRetryable(code: document.code, httpStatus: 400))
    }

    @Test("JSON errors, the SQS query-error header, and body-less responses")
    func json() {
        let body = Array(#"{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}"#.utf8)
        let document = ErrorDocument(status: 400, headers: [("x-amzn-RequestId", "J1")], body: body)
        #expect(document.code == "ConditionalCheckFailedException")
        #expect(document.requestID == "J1")
        #expect(AWSErrorKind(code: document.code, httpStatus: 400) == .conditionalCheckFailed)
        let sqs = ErrorDocument(
            status: 400, headers: [("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")],
            body: Array(#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"no"}"#.utf8))
        #expect(sqs.code == "AWS.SimpleQueueService.NonExistentQueue")
        #expect(ErrorDocument(status: 412, headers: [], body: []).code == "PreconditionFailed")
        #expect(ErrorDocument(status: 503, headers: [], body: []).code == "ServiceUnavailable")
    }

    @Test("what retries and what never does", arguments: [
        ("SlowDown", 503, true), ("ThrottlingException", 400, true), ("ProvisionedThroughputExceededException", 400, true),
        ("RequestLimitExceeded", 503, true), ("TooManyRequestsException", 429, true), ("InternalError", 500, true),
        ("HTTP502", 502, true), ("AccessDenied", 403, false), ("NoSuchBucket", 404, false),
        ("ValidationException", 400, false), ("ConditionalCheckFailedException", 400, false),
        ("PreconditionFailed", 412, false), ("SignatureDoesNotMatch", 403, false), ("AccessDenied", 503, false),
    ])
    func classification(code: String, status: Int, retryable: Bool) {
        #expect(RetryClassification.isRetryable(code: code, httpStatus: status) == retryable)
    }

    @Test("descriptions say what failed, on what, and what to do")
    func description() {
        let error = AWSError(
            service: "S3", operation: "GetObject", resource: "bucket/key", code: "AccessDenied", message: "no",
            httpStatus: 403, requestID: "R")
        #expect(error.description.contains("S3 GetObject on bucket/key failed: AccessDenied (HTTP 403)"))
        #expect(error.description.contains("IAM policy"))
    }
}
