import AWS
import HTTPTransport
import MotoPeer
import Testing

extension MotoSuite {
    /// Certificates that must not be trusted are refused on both HTTPS paths, with an error that
    /// says so and is not retried: sending again would meet the same certificate.
    @Suite("TLS verification")
    struct TLSVerificationTests {
        let fixture: MotoFixture
        let bucket = "tls-verification-tests"

        init() throws {
            fixture = try MotoFixture.get()
        }

        @Test("without the CA bundle the endpoint's certificate is refused, once per call")
        func untrustedCA() throws {
            try TLSEndpoint.with(fixture) { endpoint in
                let s3 = S3Client(client: endpoint.client(trustingCA: false))
                let errors = [
                    #expect(throws: AWSError.self) { try s3.headBucket(bucket: bucket) },
                    #expect(throws: AWSError.self) { try s3.getObject(bucket: bucket, key: "any.txt") },
                ]
                for error in errors {
                    expectCertificateRefusal(error)
                    #expect((error?.cause as? TransportError)?.detail.contains("unable to get local issuer certificate") == true)
                }
                // A trusted call's handshake follows every earlier one, so all refusals are logged.
                try fixture.createBucket(bucket, client: endpoint.client(trustingCA: true))
                #expect(endpoint.proxy.refusedHandshakes.count == 2, "one attempt per call, though the policy allows 4")
                #expect(endpoint.proxy.refusedHandshakes.allSatisfy { $0.contains("UNKNOWN_CA") })
                #expect(endpoint.proxy.requests.count == 1)
            }
        }

        @Test("a certificate from the trusted CA for another host name is refused")
        func otherHostName() throws {
            try TLSEndpoint.with(fixture, subjectAltNames: ["DNS:storage.example.com"]) { endpoint in
                let s3 = S3Client(client: endpoint.client(trustingCA: true))
                let errors = [
                    #expect(throws: AWSError.self) { try s3.headBucket(bucket: bucket) },
                    #expect(throws: AWSError.self) { try s3.getObject(bucket: bucket, key: "any.txt") },
                ]
                for error in errors {
                    expectCertificateRefusal(error)
                    #expect((error?.cause as? TransportError)?.detail.contains("127.0.0.1") == true)
                }
                #expect(endpoint.proxy.requests.isEmpty)
            }
        }

        @Test("a CA bundle that cannot be read fails the call without retrying")
        func unreadableBundle() throws {
            try TLSEndpoint.with(fixture) { endpoint in
                let client = fixture.client(
                    endpoint: endpoint.proxy.endpoint,
                    connectionOptions: ConnectionOptions(caBundlePath: endpoint.authority.directory + "/missing.pem"))
                let error = #expect(throws: AWSError.self) { try S3Client(client: client).headBucket(bucket: bucket) }
                #expect(error?.code == "CertificateVerificationFailed")
                #expect(error?.isRetryable == false)
                #expect((error?.cause as? TransportError)?.kind == .certificateRejected)
                #expect(endpoint.proxy.requests.isEmpty)
            }
        }

        private func expectCertificateRefusal(_ error: AWSError?, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(error?.code == "CertificateVerificationFailed", sourceLocation: sourceLocation)
            #expect(error?.message.contains("certificate of 127.0.0.1:") == true, sourceLocation: sourceLocation)
            #expect(error?.message.contains("could not be verified") == true, sourceLocation: sourceLocation)
            #expect(error?.isRetryable == false, sourceLocation: sourceLocation)
            #expect(error?.kind == .other, "not .connection, which callers retry", sourceLocation: sourceLocation)
            #expect((error?.cause as? TransportError)?.kind == .certificateRejected, sourceLocation: sourceLocation)
        }
    }
}
