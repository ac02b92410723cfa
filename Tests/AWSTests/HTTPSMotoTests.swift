import AWS
import MotoPeer
import Testing

extension MotoSuite {
    /// The HTTPS path real Lambda traffic takes (libcurl's TLS under our own HTTP/1.1 exchange for
    /// small calls, libcurl's easy interface for streams) against moto behind a real TLS endpoint
    /// whose certificate a CA made for the test signed, trusted through the CA bundle setting.
    @Suite("HTTPS")
    struct HTTPSMotoTests {
        let fixture: MotoFixture
        let bucket = "https-tests"

        init() throws {
            fixture = try MotoFixture.get()
        }

        @Test("small calls over HTTPS share one pooled connection and round-trip byte-identical")
        func smallCallsShareOneConnection() throws {
            try TLSEndpoint.with(fixture) { endpoint in
                let client = endpoint.client(trustingCA: true)
                let s3 = S3Client(client: client)
                let small = Array("over TLS".utf8)
                let larger = PatternSource.bytes(300 * 1024)
                try fixture.createBucket(bucket, client: client)
                try s3.headBucket(bucket: bucket)
                try s3.putObject(bucket: bucket, key: "small.txt", body: .bytes(small))
                try s3.putObject(bucket: bucket, key: "larger.bin", body: .bytes(larger))
                #expect(try s3.headObject(bucket: bucket, key: "small.txt").contentLength == Int64(small.count))
                #expect(try s3.headObject(bucket: bucket, key: "larger.bin").contentLength == Int64(larger.count))
                #expect(endpoint.proxy.connections == 1)
                #expect(endpoint.proxy.requests.map(\.connection) == [1, 1, 1, 1, 1, 1], "each call sent once, on connection 1")
                #expect(try s3.getObject(bucket: bucket, key: "small.txt").body == small)
                #expect(try s3.getObject(bucket: bucket, key: "larger.bin").body == larger)
            }
        }

        @Test("streamed PutObject and GetObject of a few MiB over HTTPS round-trip byte-identical")
        func streamingRoundTrip() throws {
            try TLSEndpoint.with(fixture) { endpoint in
                let client = endpoint.client(trustingCA: true)
                let s3 = S3Client(client: client)
                let size = 5 * 1024 * 1024 + 123
                let source = PatternSource(count: size)
                try fixture.createBucket(bucket, client: client)
                try s3.putObject(
                    bucket: bucket, key: "streamed.bin",
                    body: .stream(length: Int64(size), payloadHash: .unsignedPayload, open: { source }))
                let sink = CountingSink()
                let head = try s3.getObject(bucket: bucket, key: "streamed.bin", into: sink)
                #expect(head.contentLength == Int64(size))
                #expect(sink.bytes == PatternSource.bytes(size))
                #expect(sink.chunks > 1, "the body arrived in pieces")
                let largestInMemory = PatternSource.bytes(1024 * 1024)
                try s3.putObject(bucket: bucket, key: "one-mib.bin", body: .bytes(largestInMemory))
                #expect(try s3.getObject(bucket: bucket, key: "one-mib.bin").body == largestInMemory)
                #expect(endpoint.proxy.requests.count == 5, "no call was sent twice")
            }
        }

        @Test("connections the server closed while idle are reopened, for small calls and streams")
        func closedConnectionsReopen() throws {
            try TLSEndpoint.with(fixture, requestsPerConnection: 2) { endpoint in
                let client = endpoint.client(trustingCA: true)
                let s3 = S3Client(client: client)
                let body = Array("reopened".utf8)
                try fixture.createBucket(bucket, client: client)
                try s3.putObject(bucket: bucket, key: "reopened.txt", body: .bytes(body))
                for _ in 0..<4 {
                    #expect(try s3.headObject(bucket: bucket, key: "reopened.txt").contentLength == Int64(body.count))
                }
                #expect(endpoint.proxy.requests.map(\.connection) == [1, 1, 2, 2, 3, 3])
                for _ in 0..<3 {
                    #expect(try s3.getObject(bucket: bucket, key: "reopened.txt").body == body)
                }
                #expect(endpoint.proxy.requests.map(\.connection) == [1, 1, 2, 2, 3, 3, 4, 4, 5])
            }
        }

        @Test("a client made from the environment trusts the CA named by AWS_CA_BUNDLE")
        func caBundleFromEnvironment() throws {
            try TLSEndpoint.with(fixture) { endpoint in
                let environment = [
                    "AWS_REGION": MotoFixture.region, "AWS_ENDPOINT_URL": endpoint.proxy.endpoint,
                    "AWS_ACCESS_KEY_ID": fixture.credentials.accessKeyID,
                    "AWS_SECRET_ACCESS_KEY": fixture.credentials.secretAccessKey,
                ]
                let trusting = try AWSClient.fromEnvironment(environment.merging(["AWS_CA_BUNDLE": endpoint.authority.bundlePath]) { $1 })
                try fixture.createBucket(bucket, client: trusting)
                try S3Client(client: trusting).headBucket(bucket: bucket)
                let untrusting = try AWSClient.fromEnvironment(environment, retryPolicy: .none)
                let error = #expect(throws: AWSError.self) { try S3Client(client: untrusting).headBucket(bucket: bucket) }
                #expect(error?.code == "CertificateVerificationFailed")
            }
        }
    }
}
