import AWS
import Foundation

/// One parsed request of the suite (`request` of a case).
struct SuiteRequest: Decodable, Sendable {
    let method: String
    let path: String
    let query: String
    let headers: [[String]]
    let body: String

    /// Raised when the suite's JSON does not have the documented shape.
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    /// The headers as ordered pairs, duplicates kept.
    func headerPairs() throws -> [(name: String, value: String)] {
        try headers.map { pair in
            guard pair.count == 2 else { throw Malformed(description: "header pair \(pair)") }
            return (name: pair[0], value: pair[1])
        }
    }

    /// The case's signing instant, taken from its `X-Amz-Date` header.
    func amzDate() throws -> AmzDate {
        let value = try headerPairs().first { $0.name.lowercased() == "x-amz-date" }?.value
        guard let value, let date = AmzDate(timestamp: value) else {
            throw Malformed(description: "missing or bad X-Amz-Date in \(headers)")
        }
        return date
    }

    /// The request as the signer sees it: decoded path and query items, headers in order, and the
    /// SHA-256 of the body. `headers` replaces the suite's headers (used for known defects).
    func signingRequest(headers replacement: [(name: String, value: String)]? = nil) throws -> SigningRequest {
        SigningRequest(
            method: method,
            path: try decode(path),
            query: try queryItems(),
            headers: try replacement ?? headerPairs(),
            payloadHash: try PayloadHash.sha256(of: body.utf8))
    }

    private func queryItems() throws -> [(name: String, value: String)] {
        guard !query.isEmpty else { return [] }
        return try query.split(separator: "&", omittingEmptySubsequences: false).map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (name: try decode(parts[0]), value: parts.count > 1 ? try decode(parts[1]) : "")
        }
    }

    private func decode(_ text: some StringProtocol) throws -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw Malformed(description: "bad percent-encoding in \(text)")
        }
        return decoded
    }
}
