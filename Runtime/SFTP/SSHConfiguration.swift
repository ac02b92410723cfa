/// Where and how to connect: host, port, user, the host key to expect, credentials and the time
/// any single operation may take.
public struct SSHConfiguration: Sendable {
    public var host: String
    public var port: UInt16
    public var username: String
    /// The server's host key as OpenSSH prints it: `SHA256:` followed by unpadded base64, e.g.
    /// from `ssh-keyscan -p PORT HOST | ssh-keygen -lf -`. The connection is refused on mismatch.
    public var hostKeyFingerprint: String
    public var authentication: SSHAuthentication
    /// How long one operation (connect, handshake, one read or write call, a rename) may go
    /// without finishing before it fails with `SFTPError.Code.timeout`. A stalled partner thus
    /// cannot hang a worker; long transfers are fine because each call gets its own deadline.
    public var timeout: Duration
    /// The ciphers and MACs offered, in order of preference.
    public var algorithms: SSHAlgorithms

    public init(
        host: String, port: UInt16 = 22, username: String, hostKeyFingerprint: String,
        authentication: SSHAuthentication, timeout: Duration = .seconds(30), algorithms: SSHAlgorithms = .fastest
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.hostKeyFingerprint = hostKeyFingerprint
        self.authentication = authentication
        self.timeout = timeout
        self.algorithms = algorithms
    }

    /// `user@host:port`, the target named in errors.
    var endpoint: String { "\(username)@\(host):\(port)" }
}
