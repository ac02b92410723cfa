import Foundation

/// Finds AWS's SigV4 test suite JSON on disk.
///
/// The file lives outside the package (`/work/shared/testdata/sigv4/`), i.e. `../../../shared/…`
/// from this directory. Tests may also be compiled through a symlinked checkout, in which case
/// `#filePath` points at the link, so this resolves symlinks and walks up every ancestor of both
/// paths looking for `shared/testdata/sigv4/`. `SIGV4_TEST_SUITE` overrides the search.
enum SuiteLocator {
    static let relativePath = "shared/testdata/sigv4/aws-sig-v4-test-suite.json"

    /// Raised with every path tried, so a missing file is diagnosed from the test log alone.
    struct NotFound: Error, CustomStringConvertible {
        let tried: [String]
        var description: String {
            "AWS SigV4 test suite not found. Set SIGV4_TEST_SUITE or place it at "
                + "<ancestor>/\(SuiteLocator.relativePath). Tried:\n  "
                + tried.joined(separator: "\n  ")
        }
    }

    static func locate(from filePath: String = #filePath) throws -> URL {
        var tried: [String] = []
        if let override = ProcessInfo.processInfo.environment["SIGV4_TEST_SUITE"] {
            tried.append(override)
            if FileManager.default.fileExists(atPath: override) { return URL(fileURLWithPath: override) }
        }
        let source = URL(fileURLWithPath: filePath)
        for start in [source, source.resolvingSymlinksInPath()] {
            var directory = start.deletingLastPathComponent()
            while true {
                let candidate = directory.appendingPathComponent(relativePath)
                if !tried.contains(candidate.path) { tried.append(candidate.path) }
                if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        throw NotFound(tried: tried)
    }
}
