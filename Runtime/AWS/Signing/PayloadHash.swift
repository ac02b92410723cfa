/// The value on the last line of a canonical request (and of `x-amz-content-sha256` for S3).
///
/// A dedicated type instead of a bare `String` keeps callers from passing a body where its hash is
/// expected, and gives the two special values AWS defines a name.
public struct PayloadHash: Sendable, Hashable, CustomStringConvertible {
    /// Lowercase hex SHA-256 of the body, or a special marker such as `UNSIGNED-PAYLOAD`.
    public let value: String

    /// Wraps a value computed elsewhere, e.g. a hash stored alongside an object being copied.
    public init(value: String) {
        self.value = value
    }

    /// Leaves the body out of the signature. S3 accepts it over HTTPS, and presigned URLs must use
    /// it because the body is not known when the URL is made.
    public static let unsignedPayload = PayloadHash(value: "UNSIGNED-PAYLOAD")

    /// SHA-256 of zero bytes, precomputed because GET/HEAD/DELETE requests all need it.
    public static let emptyBody = PayloadHash(
        value: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

    /// Hashes a body held in memory. Pass `string.utf8` for text bodies. For bodies too large to
    /// hold at once use `PayloadHasher`.
    public static func sha256(of body: some Sequence<UInt8>) throws -> PayloadHash {
        PayloadHash(value: Hex.encode(try Crypto.sha256(body)))
    }

    public var description: String { value }
}
