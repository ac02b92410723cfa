import Foundation

/// Finds AWS's SigV4 test suite JSON on disk.
///
/// The file ships with the tests (`Resources/aws-sig-v4-test-suite.json`, copied into the test
/// bundle by SwiftPM), so a clone of the repository needs nothing outside it. `SIGV4_TEST_SUITE`
/// names another copy instead, e.g. a newer export of the suite; when it is set, that file must exist.
enum SuiteLocator {
    static let resourceName = "aws-sig-v4-test-suite"

    /// Raised with the path that was tried, so a missing file is diagnosed from the test log alone.
    struct NotFound: Error, CustomStringConvertible {
        let tried: String
        var description: String { "AWS SigV4 test suite not found at \(tried)" }
    }

    /// The suite file: `SIGV4_TEST_SUITE` when set in `environment`, else the copy in `bundle`.
    static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment, bundle: Bundle = .module
    ) throws -> URL {
        let url =
            environment["SIGV4_TEST_SUITE"].map { URL(fileURLWithPath: $0) }
            ?? bundle.url(forResource: resourceName, withExtension: "json")
            ?? bundle.bundleURL.appendingPathComponent("\(resourceName).json")
        guard FileManager.default.fileExists(atPath: url.path) else { throw NotFound(tried: url.path) }
        return url
    }
}
