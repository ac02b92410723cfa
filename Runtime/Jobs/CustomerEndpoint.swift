/// A place a customer moves files from or to: an S3 bucket and prefix, or a directory on a
/// partner's SFTP server. Objects created at an S3 endpoint are pushed to the endpoints it names.
public struct CustomerEndpoint: Sendable, Hashable {
    public enum Location: Sendable, Hashable {
        case s3(bucket: String, prefix: String)
        case sftp(SFTPLocation)
    }

    public var id: String
    public var customer: String
    public var location: Location
    /// An inactive endpoint takes part in no new job.
    public var active: Bool
    /// The endpoints each object created here is copied to.
    public var pushTo: [String]

    public init(id: String, customer: String, location: Location, active: Bool = true, pushTo: [String] = []) {
        self.id = id
        self.customer = customer
        self.location = location
        self.active = active
        self.pushTo = pushTo
    }

    /// The part of `key` below this endpoint's prefix or base path; nil when `key` lies outside it.
    public func relativePath(of key: String) -> String? {
        let base: String
        switch location {
        case .s3(_, let prefix): base = prefix
        case .sftp(let location): base = location.path.hasSuffix("/") ? location.path : location.path + "/"
        }
        guard key.hasPrefix(base), key.count > base.count else { return nil }
        return String(key.dropFirst(base.count))
    }

    /// Where the file at `relativePath` below this endpoint is.
    public func transferEndpoint(at relativePath: String) -> TransferEndpoint {
        switch location {
        case .s3(let bucket, let prefix):
            return .s3(S3Location(bucket: bucket, key: prefix + relativePath))
        case .sftp(var location):
            location.path = (location.path.hasSuffix("/") ? location.path : location.path + "/") + relativePath
            return .sftp(location)
        }
    }
}
