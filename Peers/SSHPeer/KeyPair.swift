import Foundation
import TestLogs

/// A key made with ssh-keygen: the private key text and the public key line.
public struct KeyPair: Sendable {
    public var privateKey: String
    public var publicKey: String
    /// `SHA256:…` as `ssh-keygen -l` prints it.
    public var fingerprint: String

    /// Generates a key in `directory`.
    ///
    /// - Parameters:
    ///   - type: `ed25519`, `rsa`, `ecdsa`.
    ///   - pem: write the private key as PEM (`-m PEM`) instead of OpenSSH's format.
    public static func generate(
        in directory: String, name: String, type: String, pem: Bool = false, passphrase: String = ""
    ) throws -> KeyPair {
        let path = directory + "/" + name
        var arguments = ["-q", "-t", type, "-N", passphrase, "-C", name, "-f", path]
        if type == "rsa" { arguments += ["-b", "2048"] }
        if pem { arguments += ["-m", "PEM"] }
        try Shell.run("/usr/bin/ssh-keygen", arguments)
        let listing = try Shell.run("/usr/bin/ssh-keygen", ["-l", "-E", "sha256", "-f", path + ".pub"])
        let fingerprint = listing.split(separator: " ").first { $0.hasPrefix("SHA256:") }.map(String.init) ?? ""
        let privateKey = try String(contentsOfFile: path, encoding: .utf8)
        TestLogs.recordSecret(privateKey)
        TestLogs.recordSecret(passphrase)
        return KeyPair(
            privateKey: privateKey,
            publicKey: try String(contentsOfFile: path + ".pub", encoding: .utf8),
            fingerprint: fingerprint)
    }
}
