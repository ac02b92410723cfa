import AWS
import Testing

/// Query-string signing (presigned URLs).
@Suite("Presigned URLs")
struct PresignTests {
    static let credentials = AWSCredentials(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let request = SigningRequest(
        method: "GET", path: "/test.txt", headers: [("Host", "examplebucket.s3.amazonaws.com")])

    /// AWS's S3 docs example (Authenticating Requests: Using Query Parameters).
    @Test func documentedS3Example() throws {
        let date = try #require(AmzDate(timestamp: "20130524T000000Z"))
        let query = try SigV4Signer.s3(region: "us-east-1").presignedQuery(
            request: Self.request, credentials: Self.credentials, date: date.date, expiresIn: 86_400)
        let url = "https://examplebucket.s3.amazonaws.com" + URIEncoding.encodePath(Self.request.path)
            + "?" + URIEncoding.queryString(query)
        #expect(url == "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    /// A session token is signed as a query parameter, or appended afterwards when the signer is
    /// configured not to sign it; either way it is present exactly once.
    @Test(arguments: [true, false])
    func sessionToken(signed: Bool) throws {
        let date = try #require(AmzDate(timestamp: "20130524T000000Z"))
        let signer = SigV4Signer(service: "s3", region: "us-east-1", normalizesPath: false, signsSessionToken: signed)
        let credentials = AWSCredentials(
            accessKeyID: Self.credentials.accessKeyID, secretAccessKey: Self.credentials.secretAccessKey,
            sessionToken: "token/with+chars")
        let query = try signer.presignedQuery(
            request: Self.request, credentials: credentials, date: date.date, expiresIn: 60)
        let names = query.map(\.name)
        #expect(names.filter { $0 == "X-Amz-Security-Token" }.count == 1)
        let tokenIndex = try #require(names.firstIndex(of: "X-Amz-Security-Token"))
        let signatureIndex = try #require(names.firstIndex(of: "X-Amz-Signature"))
        #expect((tokenIndex < signatureIndex) == signed)
        #expect(URIEncoding.queryString(query).contains("X-Amz-Security-Token=token%2Fwith%2Bchars"))
    }

    @Test(arguments: [0, -1, 604_801])
    func rejectsExpiryOutsideAWSLimits(seconds: Int) throws {
        let date = try #require(AmzDate(timestamp: "20130524T000000Z"))
        #expect(throws: SigV4Error.invalidExpiry(seconds: seconds)) {
            try SigV4Signer.s3(region: "us-east-1").presignedQuery(
                request: Self.request, credentials: Self.credentials, date: date.date, expiresIn: seconds)
        }
    }
}
