/// How the destination compares with the manifest.
public struct ValidationResult: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable {
        case passed = "PASSED"
        case failed = "FAILED"
    }

    public var status: Status
    /// Manifest entries compared.
    public var checked: Int
    public var mismatchCount: Int
    /// The first `ValidationResult.listedMismatchLimit` mismatches; `mismatchCount` has them all.
    public var mismatches: [Mismatch]

    /// Keeps the state document far below Step Functions' 256 KB payload limit.
    public static let listedMismatchLimit = 100

    public init(checked: Int, mismatchCount: Int, mismatches: [Mismatch]) {
        self.status = mismatchCount == 0 ? .passed : .failed
        self.checked = checked
        self.mismatchCount = mismatchCount
        self.mismatches = mismatches
    }

    /// One object that is missing or differs at the destination.
    public struct Mismatch: Codable, Sendable, Hashable {
        public var key: String
        public var reason: String

        public init(key: String, reason: String) {
            self.key = key
            self.reason = reason
        }
    }

    enum CodingKeys: String, CodingKey {
        case status, checked
        case mismatchCount = "mismatch_count"
        case mismatches
    }
}
