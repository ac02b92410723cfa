/// A file on a partner's SFTP server, with what it takes to log in there.
public struct SFTPLocation: Sendable, Hashable, Codable {
    /// What the Secrets Manager secret holds.
    public enum Credential: String, Sendable, Hashable, Codable {
        /// The text of a private key file (OpenSSH or PEM; ed25519 or ECDSA), or JSON
        /// `{"privateKey": "…", "passphrase": "…"}` for an encrypted one.
        case privateKey
        case password
    }

    public var host: String
    public var port: UInt16
    public var username: String
    public var path: String
    /// The host key to expect, as `ssh-keygen -lf` prints it (`SHA256:…`).
    public var hostKeyFingerprint: String
    /// The Secrets Manager secret (name or ARN) whose string is the key or password.
    public var secretID: String
    public var credential: Credential
    /// The most SFTP channels one file is written over, or read over, at this partner (1 moves
    /// every file over one channel, for partners that object to more); nil leaves it to the
    /// worker's setting.
    public var channelsPerFile: Int?

    enum CodingKeys: String, CodingKey {
        case host, port, username, path, hostKeyFingerprint, secretID = "secretId", credential, channelsPerFile
    }

    public init(
        host: String, port: UInt16 = 22, username: String, path: String, hostKeyFingerprint: String,
        secretID: String, credential: Credential = .privateKey, channelsPerFile: Int? = nil
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.path = path
        self.hostKeyFingerprint = hostKeyFingerprint
        self.secretID = secretID
        self.credential = credential
        self.channelsPerFile = channelsPerFile
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        host = try container.decode(String.self, forKey: .host)
        port = try container.decodeIfPresent(UInt16.self, forKey: .port) ?? 22
        username = try container.decode(String.self, forKey: .username)
        path = try container.decode(String.self, forKey: .path)
        hostKeyFingerprint = try container.decode(String.self, forKey: .hostKeyFingerprint)
        secretID = try container.decode(String.self, forKey: .secretID)
        credential = try container.decodeIfPresent(Credential.self, forKey: .credential) ?? .privateKey
        channelsPerFile = try container.decodeIfPresent(Int.self, forKey: .channelsPerFile)
    }
}
