import AWS
import Testing
import MotoPeer

extension MotoSuite {
    /// Retries proven against a proxy that spoils the first k requests on their way to moto.
    @Suite("Fault injection")
    struct FaultInjectionTests {
        let fixture: MotoFixture
        let bucket = "fault-tests"

        init() throws {
            fixture = try MotoFixture.get()
            try fixture.createBucket(bucket)
            try S3Client(client: fixture.client()).putObject(bucket: bucket, key: "present", body: .bytes([1, 2, 3]))
        }

        @Test("503 SlowDown, then success after retries", arguments: [1, 3])
        func slowDownThenSuccess(faults: Int) throws {
            try FaultProxy.with(upstreamPort: fixture.moto.port, fault: .slowDown, faultCount: faults) { proxy throws in
                let s3 = S3Client(client: fixture.client(endpoint: proxy.endpoint))
                #expect(try s3.getObject(bucket: bucket, key: "present").body == [1, 2, 3])
                #expect(proxy.requestsSeen == faults + 1)
            }
        }

        @Test("connection resets, then success after retries, uploads included")
        func resetThenSuccess() throws {
            try FaultProxy.with(upstreamPort: fixture.moto.port, fault: .reset, faultCount: 2) { proxy throws in
                let s3 = S3Client(client: fixture.client(endpoint: proxy.endpoint))
                try s3.putObject(
                    bucket: bucket, key: "after-resets",
                    body: .stream(length: 50_000, payloadHash: .unsignedPayload, open: { PatternSource(count: 50_000) }))
                #expect(proxy.requestsSeen == 3)
            }
            #expect(try S3Client(client: fixture.client()).getObject(bucket: bucket, key: "after-resets").body == PatternSource.bytes(50_000))
        }

        @Test("throttling beyond the attempt budget fails as retryable SlowDown")
        func exhaustedRetries() throws {
            try FaultProxy.with(upstreamPort: fixture.moto.port, fault: .slowDown, faultCount: 100) { proxy throws in
                let policy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20))
                let s3 = S3Client(client: fixture.client(endpoint: proxy.endpoint, retryPolicy: policy))
                let error = #expect(throws: AWSError.self) { try s3.headObject(bucket: bucket, key: "present") }
                #expect(error?.httpStatus == 503)
                #expect(error?.kind == .throttled || error?.code == "ServiceUnavailable")
                #expect(error?.isRetryable == true)
                #expect(proxy.requestsSeen == 3)
            }
        }

        @Test("a non-retryable error fails at once")
        func nonRetryableFailsAtOnce() throws {
            try FaultProxy.with(upstreamPort: fixture.moto.port, fault: .slowDown, faultCount: 0) { proxy throws in
                let s3 = S3Client(client: fixture.client(endpoint: proxy.endpoint))
                let error = #expect(throws: AWSError.self) { try s3.getObject(bucket: bucket, key: "absent") }
                #expect(error?.code == "NoSuchKey")
                #expect(proxy.requestsSeen == 1)
            }
        }
    }
}
