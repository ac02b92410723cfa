@testable import AWS
import Foundation
import Testing

@Suite("Endpoints and credentials")
struct EndpointAndCredentialTests {
    @Test("AWS_ENDPOINT_URL_<SERVICE> beats AWS_ENDPOINT_URL, which beats the regional endpoint")
    func endpointResolution() {
        let resolver = EndpointResolver(environment: [
            "AWS_ENDPOINT_URL": "http://localhost:4566", "AWS_ENDPOINT_URL_S3": "https://minio.local:9000/",
        ])
        #expect(resolver.endpoint(for: .s3, region: "eu-west-1") == Endpoint(scheme: "https", host: "minio.local", port: 9000, isCustom: true))
        #expect(resolver.endpoint(for: .dynamoDB, region: "eu-west-1").baseURL() == "http://localhost:4566")
        let aws = EndpointResolver(environment: [:])
        #expect(aws.endpoint(for: .secretsManager, region: "eu-west-1").baseURL() == "https://secretsmanager.eu-west-1.amazonaws.com")
        #expect(aws.endpoint(for: .iam, region: "eu-west-1").host == "iam.amazonaws.com")
        #expect(Endpoint(url: "https://s3.amazonaws.com:443")?.hostHeader() == "s3.amazonaws.com")
    }

    @Test("S3 addressing: virtual-hosted on AWS, path-style for custom endpoints and dotted buckets")
    func s3Addressing() {
        let request = AWSRequest(method: "GET", path: "/dir/key", bucket: "bucket")
        let aws = Endpoint(scheme: "https", host: "s3.eu-west-1.amazonaws.com", isCustom: false)
        #expect(AWSClient.address(request, service: .s3, endpoint: aws) == ("bucket.s3.eu-west-1.amazonaws.com", "/dir/key"))
        let custom = Endpoint(scheme: "http", host: "127.0.0.1", port: 5000, isCustom: true)
        #expect(AWSClient.address(request, service: .s3, endpoint: custom) == ("127.0.0.1", "/bucket/dir/key"))
        let dotted = AWSRequest(method: "GET", path: "/", bucket: "my.bucket")
        #expect(AWSClient.address(dotted, service: .s3, endpoint: aws) == ("s3.eu-west-1.amazonaws.com", "/my.bucket"))
    }

    @Test("environment credentials, and the chain's order")
    func chain() throws {
        let environment = ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": "token"]
        let resolved = try CredentialChain.provider(environment: environment).resolve().credentials
        #expect(resolved == AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret", sessionToken: "token"))
        #expect(try CredentialChain.provider(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/x"]) is CachingCredentialProvider)
        let error = #expect(throws: AWSError.self) { try CredentialChain.provider(environment: [:]) }
        #expect(error?.kind == .credentials)
        #expect(ContainerCredentialProvider(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "v2/x"])?.url == "http://169.254.170.2/v2/x")
    }

    @Test("plain-HTTP container URIs are refused unless local")
    func containerURIRestriction() {
        let provider = ContainerCredentialProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/creds"])
        let error = #expect(throws: AWSError.self) { try provider?.resolve() }
        #expect(error?.message.contains("plain HTTP") == true)
    }

    @Test("the cache fetches once for many concurrent callers and again near expiry")
    func cacheRefreshesOnce() async throws {
        let fetches = CountingProvider(lifetime: 600)
        let clock = TestClock()
        let cache = CachingCredentialProvider(fetches, refreshMargin: .seconds(300), now: { clock.now })
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask { _ = try? cache.resolve() }
            }
        }
        #expect(fetches.count == 1)
        clock.advance(by: 200)
        _ = try cache.resolve()
        #expect(fetches.count == 1, "still 400 s left, more than the margin")
        clock.advance(by: 150)
        let refreshed = try cache.resolve()
        #expect(fetches.count == 2, "within 5 minutes of expiry")
        #expect(refreshed.credentials.accessKeyID == "key-2")
    }
}

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_000_000)

    var now: Date { lock.withLock { current } }

    func advance(by seconds: Double) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}

/// A provider that counts fetches and hands out credentials expiring `lifetime` s after the
/// fixed start of `TestClock`.
final class CountingProvider: CredentialProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var fetched = 0
    private let lifetime: Double

    init(lifetime: Double) {
        self.lifetime = lifetime
    }

    var count: Int { lock.withLock { fetched } }

    func resolve() throws(AWSError) -> ExpiringCredentials {
        let number = lock.withLock {
            fetched += 1
            return fetched
        }
        usleep(20_000)
        let start = 1_000_000 + Double(number - 1) * 350
        return ExpiringCredentials(
            credentials: AWSCredentials(accessKeyID: "key-\(number)", secretAccessKey: "s"),
            expiration: Date(timeIntervalSince1970: start + lifetime))
    }
}
