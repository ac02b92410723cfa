import AWS
import Testing

/// Runs every case of AWS's published SigV4 test suite through each signing step.
@Suite("AWS SigV4 test suite")
struct AWSTestSuiteTests {
    /// Cases whose `creq`, `sts` and `authz` agree with each other (all but the known defects).
    static func consistentCases() throws -> [SuiteCase] {
        try SuiteFile.shared().all.filter { !KnownSuiteDefects.contains($0.name) }
    }

    static func signer(_ suite: SuiteFile, for testCase: SuiteCase, normalizesPath: Bool = true) -> SigV4Signer {
        SigV4Signer(
            service: suite.config.service, region: suite.config.region,
            normalizesPath: normalizesPath, signsSessionToken: testCase.signsSessionToken)
    }

    @Test func suiteIsComplete() throws {
        let suite = try SuiteFile.shared()
        let names = Set(suite.all.map(\.name))
        #expect(suite.all.count == 28, "README documents 28 cases in tests.all")
        #expect(suite.normalizePathNames.count == 6)
        #expect(suite.normalizePathNames.isSubset(of: names))
        #expect(names.isSuperset(of: ["post-sts-header-after", "post-sts-header-before"]))
        #expect(Set(KnownSuiteDefects.names).isSubset(of: names))
    }

    /// Step 1 for all 28 cases. Cases outside `tests.normalizePath` are path-neutral, so they must
    /// also canonicalise identically with S3's as-given path rule; normalisation cases must not be
    /// normalised by that rule.
    @Test("canonical request", arguments: try SuiteFile.shared().all)
    func canonicalRequest(_ testCase: SuiteCase) throws {
        let suite = try SuiteFile.shared()
        let request = try testCase.request.signingRequest()
        let normalizing = Self.signer(suite, for: testCase)
        #expect(normalizing.canonicalRequest(request) == testCase.creq)

        let asGiven = Self.signer(suite, for: testCase, normalizesPath: false)
        if suite.normalizePathNames.contains(testCase.name) {
            #expect(asGiven.canonicalURI(request.path) == testCase.request.path)
        } else {
            #expect(asGiven.canonicalRequest(request) == testCase.creq)
        }
    }

    /// Steps 2–4 chained from our own canonical request.
    @Test("string to sign and Authorization", arguments: try consistentCases())
    func signingSteps(_ testCase: SuiteCase) throws {
        let suite = try SuiteFile.shared()
        let signer = Self.signer(suite, for: testCase)
        let request = try testCase.request.signingRequest()
        let date = try testCase.request.amzDate()

        let stringToSign = try signer.stringToSign(
            canonicalRequest: signer.canonicalRequest(request), date: date)
        #expect(stringToSign == testCase.sts)

        let key = try signer.signingKey(secretAccessKey: suite.config.secretAccessKey, date: date)
        let authorization = signer.authorizationHeader(
            accessKeyID: suite.config.accessKeyId, date: date,
            signedHeaders: CanonicalHeaders(request.headers).signed,
            signature: try signer.signature(stringToSign: stringToSign, signingKey: key))
        #expect(authorization == testCase.authz)
    }

    /// The top-level entry point produces the same `Authorization`, plus the headers it owns.
    @Test("sign(request:credentials:date:)", arguments: try consistentCases())
    func topLevelSign(_ testCase: SuiteCase) throws {
        let suite = try SuiteFile.shared()
        let date = try testCase.request.amzDate()
        let added = try Self.signer(suite, for: testCase).sign(
            request: testCase.request.signingRequest(), credentials: suite.credentials(for: testCase),
            date: date.date)
        let headers = Dictionary(added.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })

        #expect(added.count == headers.count, "no header is returned twice")
        #expect(headers["Authorization"] == testCase.authz)
        #expect(headers["X-Amz-Date"] == date.timestamp)
        #expect(headers["X-Amz-Security-Token"] == (testCase.usesSessionToken ? suite.stsToken : nil))
        #expect(headers["x-amz-content-sha256"] == nil, "only S3 sends the content hash header")
    }

    @Test("published defects are reproduced exactly from their original request", arguments: KnownSuiteDefects.names)
    func knownDefect(_ name: String) throws {
        let suite = try SuiteFile.shared()
        let testCase = try #require(suite.all.first { $0.name == name })
        let signer = Self.signer(suite, for: testCase)
        let date = try testCase.request.amzDate()

        // The defect itself: the published string to sign does not hash the published creq.
        let publishedHash = try PayloadHash.sha256(of: testCase.creq.utf8).value
        #expect(!testCase.sts.hasSuffix(publishedHash), "fixed upstream? drop it from KnownSuiteDefects")

        let legacy = try testCase.request.signingRequest(headers: KnownSuiteDefects.legacyHeaders[name])
        let stringToSign = try signer.stringToSign(canonicalRequest: signer.canonicalRequest(legacy), date: date)
        #expect(stringToSign == testCase.sts)

        let key = try signer.signingKey(secretAccessKey: suite.config.secretAccessKey, date: date)
        let signature = try signer.signature(stringToSign: stringToSign, signingKey: key)
        let published = testCase.authz.split(separator: ", ").map(String.init)
        #expect(published.last == "Signature=\(signature)")
        #expect(published.first == "\(SigV4Signer.algorithm) Credential=\(suite.config.accessKeyId)/\(signer.credentialScope(date: date))")
        let current = try testCase.request.signingRequest()
        let candidates = [legacy, current].map { "SignedHeaders=\(CanonicalHeaders($0.headers).signed)" }
        #expect(published.count == 3 && candidates.contains(published[1]))
    }
}
