import AWS
import Synchronization
import Testing
import MotoPeer

extension MotoSuite {
    /// Expired credentials, as AWS reports them (`ExpiredToken`, injected by the proxy), in front of
    /// moto, which verifies the signature of whatever is sent again.
    @Suite("Credential expiry")
    struct CredentialExpiryTests {
        let fixture: MotoFixture
        let bucket = "expiry-tests"

        init() throws {
            fixture = try MotoFixture.get()
            try fixture.createBucket(bucket)
            try S3Client(client: fixture.client()).putObject(bucket: bucket, key: "present", body: .bytes([1, 2, 3]))
        }

        @Test("ExpiredToken invalidates the credential cache; the call is sent once more with fresh credentials")
        func refreshesOnce() throws {
            try FaultProxy.with(upstreamPort: fixture.moto.port, fault: .expiredToken, faultCount: 1) { proxy throws in
                let upstream = FetchCountingProvider(credentials: fixture.credentials)
                let s3 = S3Client(client: fixture.client(endpoint: proxy.endpoint, retryPolicy: .none)
                    .with(credentials: CachingCredentialProvider(upstream)))
                #expect(try s3.listObjectsV2(bucket: bucket).objects.map(\.key) == ["present"])
                #expect(upstream.fetches == 2, "fetched at the first call, and again after the rejection")
                #expect(proxy.requestsSeen == 2)
            }
        }

        @Test("a second ExpiredToken in a row is reported, not retried again")
        func refreshesOnlyOnce() throws {
            try FaultProxy.with(upstreamPort: fixture.moto.port, fault: .expiredToken, faultCount: 2) { proxy throws in
                let upstream = FetchCountingProvider(credentials: fixture.credentials)
                let s3 = S3Client(client: fixture.client(endpoint: proxy.endpoint)
                    .with(credentials: CachingCredentialProvider(upstream)))
                let error = #expect(throws: AWSError.self) { try s3.getObject(bucket: bucket, key: "present") }
                #expect(error?.code == "ExpiredToken")
                #expect(error?.kind == .accessDenied)
                #expect(upstream.fetches == 2)
                #expect(proxy.requestsSeen == 2)
            }
        }

        @Test("credentials that cannot be refreshed fail at once")
        func staticCredentialsFailAtOnce() throws {
            try FaultProxy.with(upstreamPort: fixture.moto.port, fault: .expiredToken, faultCount: 1) { proxy throws in
                let s3 = S3Client(client: fixture.client(endpoint: proxy.endpoint))
                let error = #expect(throws: AWSError.self) { try s3.listObjectsV2(bucket: bucket) }
                #expect(error?.code == "ExpiredToken")
                #expect(error?.isRetryable == false)
                #expect(proxy.requestsSeen == 1)
            }
        }

        @Test("invalidating with credentials the cache no longer holds keeps the fresh ones")
        func invalidateOnlyTheRejected() throws {
            let upstream = FetchCountingProvider(credentials: fixture.credentials)
            let cache = CachingCredentialProvider(upstream)
            _ = try cache.resolve()
            cache.invalidate(rejected: AWSCredentials(accessKeyID: "AKIDOLD", secretAccessKey: "old"))
            _ = try cache.resolve()
            #expect(upstream.fetches == 1)
            cache.invalidate(rejected: fixture.credentials)
            _ = try cache.resolve()
            #expect(upstream.fetches == 2)
        }
    }
}

/// Hands out the same real credentials, counting how often it is asked.
final class FetchCountingProvider: CredentialProvider {
    private let credentials: AWSCredentials
    private let count = Mutex(0)

    init(credentials: AWSCredentials) {
        self.credentials = credentials
    }

    var fetches: Int { count.withLock { $0 } }

    func resolve() throws(AWSError) -> ExpiringCredentials {
        count.withLock { $0 += 1 }
        return ExpiringCredentials(credentials: credentials)
    }
}
