import AWS
import Testing

/// S3-specific behaviour, checked against AWS's documented S3 examples and an independently
/// computed vector (Python `hmac`/`hashlib`/`urllib.parse.quote`).
@Suite("S3 signing")
struct S3SigningTests {
    static let credentials = AWSCredentials(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")

    /// "GET Object" from AWS's S3 docs (Signature Calculations for the Authorization Header).
    @Test func documentedGetObjectExample() throws {
        let signer = SigV4Signer.s3(region: "us-east-1")
        let date = try #require(AmzDate(timestamp: "20130524T000000Z"))
        let request = SigningRequest(
            method: "GET", path: "/test.txt",
            headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9")])

        let added = try signer.sign(request: request, credentials: Self.credentials, date: date.date)
        let signed = SigningRequest(
            method: "GET", path: "/test.txt",
            headers: request.headers + added.filter { $0.name != "Authorization" })
        #expect(signer.canonicalRequest(signed) == """
            GET
            /test.txt

            host:examplebucket.s3.amazonaws.com
            range:bytes=0-9
            x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-amz-date:20130524T000000Z

            host;range;x-amz-content-sha256;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(try signer.stringToSign(canonicalRequest: signer.canonicalRequest(signed), date: date) == """
            AWS4-HMAC-SHA256
            20130524T000000Z
            20130524/us-east-1/s3/aws4_request
            7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
            """)
        #expect(added.map(\.name) == ["Authorization", "X-Amz-Date", "x-amz-content-sha256"])
        #expect(added.first?.value == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    /// S3 keys are used as given: spaces, `+`, non-ASCII and `//` survive, encoded exactly once.
    @Test func keyIsKeptAsGiven() throws {
        let path = "/my-bucket/reports//2024 Q1/a+b (final) ü.csv"
        let s3 = SigV4Signer.s3(region: "eu-west-1")
        #expect(s3.canonicalURI(path) == "/my-bucket/reports//2024%20Q1/a%2Bb%20%28final%29%20%C3%BC.csv")
        #expect(URIEncoding.encodePath(path) == s3.canonicalURI(path), "wire path equals S3's canonical path")
        #expect(s3.canonicalURI("/bucket/a/../b/./c") == "/bucket/a/../b/./c")

        // Any other service normalises and encodes the wire path a second time.
        let other = SigV4Signer(service: "execute-api", region: "eu-west-1")
        #expect(other.canonicalURI(path) == "/my-bucket/reports/2024%2520Q1/a%252Bb%2520%2528final%2529%2520%25C3%25BC.csv")

        let date = try #require(AmzDate(timestamp: "20240102T030405Z"))
        let request = SigningRequest(
            method: "PUT", path: path, headers: [("Host", "s3.eu-west-1.amazonaws.com")],
            payloadHash: try PayloadHash.sha256(of: "hello".utf8))
        let added = try s3.sign(request: request, credentials: Self.credentials, date: date.date)
        #expect(added.first?.value == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240102/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=d8d92c14412ba7670aff95ba75aef2ed88d061f167327f7bb736b415895ce9d9")
        #expect(added.last?.value == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
    }

    /// Re-signing a request that still carries the previous signature's headers ignores them.
    @Test func resigningReplacesOwnedHeaders() throws {
        let s3 = SigV4Signer.s3(region: "us-east-1")
        let date = try #require(AmzDate(timestamp: "20130524T000000Z"))
        let base = SigningRequest(
            method: "GET", path: "/test.txt",
            headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9")])
        let first = try s3.sign(request: base, credentials: Self.credentials, date: date.date)
        var stale = base
        stale.headers += [("X-Amz-Date", "20000101T000000Z"), ("Authorization", "old")]
            + [("X-AMZ-CONTENT-SHA256", "stale")]
        let second = try s3.sign(request: stale, credentials: Self.credentials, date: date.date)
        #expect(first.map(\.value) == second.map(\.value))
    }
}
