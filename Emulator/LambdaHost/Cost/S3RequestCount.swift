import Foundation

/// S3 requests by price class, counted from an access log: moto's or any server's that writes a
/// request line (`"GET /bucket/key?… HTTP/1.1"`) per request, as S3 server access logs do.
///
/// PUT, COPY, POST and LIST requests are one class, GET, HEAD and the rest another; DELETE is
/// free. Lines whose request targets `/` are other services sharing the endpoint (STS, SNS, SQS
/// and DynamoDB post there), and are left out.
public struct S3RequestCount: Sendable, Equatable {
    public var writes = 0
    public var reads = 0

    public init(writes: Int = 0, reads: Int = 0) {
        self.writes = writes
        self.reads = reads
    }

    public init(accessLog text: String) {
        for line in text.split(whereSeparator: \.isNewline) {
            guard let (method, target) = Self.requestLine(line), target != "/" else { continue }
            let path = target.prefix(while: { $0 != "?" })
            let query = target.dropFirst(path.count)
            // A GET of a bucket (no key) lists it, and so does listing multipart uploads.
            let isListing = method == "GET" && (path.dropFirst().split(separator: "/").count <= 1 || query.contains("uploads"))
            switch method {
            case "PUT", "POST": writes += 1
            case "GET" where isListing: writes += 1
            case "DELETE": continue
            default: reads += 1
            }
        }
    }

    /// The method and target of the first `"METHOD TARGET HTTP/1.x"` in `line`.
    private static func requestLine(_ line: Substring) -> (Substring, Substring)? {
        for method in ["GET ", "HEAD ", "PUT ", "POST ", "DELETE "] {
            guard let start = line.range(of: "\"" + method) else { continue }
            let rest = line[start.upperBound...]
            guard let end = rest.range(of: " HTTP/1.") else { continue }
            return (Substring(method.dropLast()), rest[..<end.lowerBound])
        }
        return nil
    }
}
