import AWS
import Foundation
import Testing

/// The building blocks: URI encoding, header canonicalisation, timestamps, credentials.
@Suite("Encoding, headers and dates")
struct EncodingAndDateTests {
    @Test func uriEncoding() {
        let unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        #expect(URIEncoding.encode(unreserved) == unreserved)
        #expect(URIEncoding.encode("a b+c/d=e&f*g%h") == "a%20b%2Bc%2Fd%3De%26f%2Ag%25h")
        #expect(URIEncoding.encode("\u{1234}é") == "%E1%88%B4%C3%A9")
        #expect(URIEncoding.encodePath("") == "/")
        #expect(URIEncoding.encodePath("key") == "/key")
    }

    @Test func canonicalQuerySortsEncodedNamesThenValues() {
        let query = URIEncoding.canonicalQueryString([
            ("b", "2"), ("a", "z"), ("a", "Z"), ("a b", ""), ("A", "1"),
        ])
        #expect(query == "A=1&a=Z&a=z&a%20b=&b=2")
    }

    @Test func headersAreLoweredTrimmedCollapsedAndMerged() {
        let headers = CanonicalHeaders([
            ("X-B", "  two   words\t\there "), ("x-a", "1"), ("X-A", "2"), ("Host", "h"),
        ])
        #expect(headers.canonical == "host:h\nx-a:1,2\nx-b:two words here\n")
        #expect(headers.signed == "host;x-a;x-b")
    }

    @Test(arguments: [
        ("/a/b/../c", "/a/c"), ("/a/b/..", "/a/"), ("/../a", "/a"), ("a/b", "/a/b"), ("", "/"),
    ])
    func pathNormalisation(path: String, expected: String) {
        #expect(SigV4Signer(service: "service", region: "us-east-1").canonicalURI(path) == expected)
    }

    @Test func amzDateRoundTrips() throws {
        let date = try #require(AmzDate(timestamp: "20150830T123600Z"))
        #expect(date.secondsSinceEpoch == 1_440_938_160)
        #expect(date.dateStamp == "20150830")
        #expect(AmzDate(date.date) == date)
        #expect(AmzDate(timestamp: "20240229T235959Z")?.secondsSinceEpoch == 1_709_251_199)
        #expect(AmzDate(timestamp: "19691231T235959Z")?.secondsSinceEpoch == -1)
        for invalid in ["20230229T000000Z", "20150830T240000Z", "2015-08-30T12:36:00Z", "20150830T123600"] {
            #expect(AmzDate(timestamp: invalid) == nil, "\(invalid)")
        }
    }

    @Test func credentialsDescriptionRedactsSecrets() {
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "SECRET", sessionToken: "TOKEN")
        let text = "\(credentials)"
        #expect(text.contains("AKID"))
        #expect(!text.contains("SECRET") && !text.contains("TOKEN"))
    }
}

/// Without `SIGV4_TEST_SUITE` the suite comes from the test bundle, a byte-for-byte copy of the file
/// kept in the repository: nothing is read from outside the checkout.
@Test func suiteLocatorFindsBundledCopy() throws {
    let url = try SuiteLocator.locate(environment: [:])
    #expect(url.path.hasPrefix(Bundle.module.bundlePath))
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/\(SuiteLocator.resourceName).json")
    #expect(try Data(contentsOf: url) == Data(contentsOf: source))
}

/// A `SIGV4_TEST_SUITE` that names no file is an error naming that path, not a silent fallback.
@Test func suiteLocatorExplainsMissingFile() {
    #expect {
        try SuiteLocator.locate(environment: ["SIGV4_TEST_SUITE": "/nonexistent-sigv4-dir/suite.json"])
    } throws: { error in
        let text = String(describing: error)
        return text.contains("not found") && text.contains("/nonexistent-sigv4-dir/suite.json")
    }
}
