import AWS
import Testing
@testable import BatchTransfer
import TransferCore

@Suite("Part ranges of multipart copies")
struct PartRangesTests {
    @Test("ranges cover every byte once, in order, the last one short", arguments: [
        (Int64(0), Int64(5), [0...0]),
        (Int64(10), Int64(5), [0...4, 5...9]),
        (Int64(11), Int64(5), [0...4, 5...9, 10...10]),
        (Int64(4), Int64(5), [0...3]),
    ])
    func coversTheObject(size: Int64, partSize: Int64, expected: [ClosedRange<Int64>]) {
        #expect(Array(PartRanges(size: size, preferredPartSize: partSize)) == expected)
    }

    @Test("the part size grows so that a 5 TiB object stays within 10,000 parts")
    func growsForHugeObjects() {
        let size: Int64 = 5 * 1024 * 1024 * 1024 * 1024
        let ranges = PartRanges(size: size, preferredPartSize: 100 * 1024 * 1024)
        #expect(ranges.count <= S3Client.maximumPartCount)
        #expect(ranges.last?.upperBound == size - 1)
    }
}

@Suite("Errors named for the retry table")
struct TransferErrorTests {
    @Test("AWS failures map to the names the state machine retries on, or never retries", arguments: [
        ("SlowDown", 503, true, TransferError.Kind.throttling),
        ("ThrottlingException", 400, true, .throttling),
        ("InternalError", 500, true, .transient),
        ("ConnectionFailure", 0, true, .transient),
        ("AccessDenied", 403, false, .nonRetryable),
        ("NoSuchKey", 404, false, .nonRetryable),
        ("InvalidArgument", 400, false, .nonRetryable),
        ("PreconditionFailed", 412, false, .nonRetryable),
    ])
    func classifies(code: String, status: Int, retryable: Bool, expected: TransferError.Kind) {
        let error = AWSError(
            service: "S3", operation: "CopyObject", code: code, message: "m", httpStatus: status == 0 ? nil : status,
            isRetryable: retryable)
        let failure = TransferError(error, context: "copying s3://a/b to s3://c/d")
        #expect(failure.kind == expected)
        #expect(failure.errorMessage.hasPrefix("copying s3://a/b to s3://c/d: S3 CopyObject"))
    }
}
