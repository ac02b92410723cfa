import AWS
import Foundation

/// The whole suite file, loaded once per test process.
struct SuiteFile: Decodable, Sendable {
    let config: SuiteConfig
    let stsToken: String
    let tests: [String: [SuiteCase]]

    /// Every published case (`tests.all`).
    var all: [SuiteCase] { tests["all", default: []] }

    /// Names of the cases that exercise path normalisation (`tests.normalizePath`).
    var normalizePathNames: Set<String> { Set(tests["normalizePath", default: []].map(\.name)) }

    func credentials(for testCase: SuiteCase) -> AWSCredentials {
        AWSCredentials(
            accessKeyID: config.accessKeyId, secretAccessKey: config.secretAccessKey,
            sessionToken: testCase.usesSessionToken ? stsToken : nil)
    }

    private static let loaded: Result<SuiteFile, any Error> = Result {
        let url = try SuiteLocator.locate()
        return try JSONDecoder().decode(SuiteFile.self, from: Data(contentsOf: url))
    }

    /// The parsed suite, or the locate/decode error (reported as a test failure, not a crash).
    static func shared() throws -> SuiteFile { try loaded.get() }
}
