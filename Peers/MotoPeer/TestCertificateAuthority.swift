import Foundation

/// A certificate authority made for one test with the `openssl` command, and the server
/// certificates it signs: a TLS endpoint behind a private CA, as a client sees one.
///
/// No system store trusts it, so a client verifies its certificates only when given
/// `bundlePath`. Keys are P-256 and made afresh; everything lives in a temporary directory that
/// `with` removes.
public struct TestCertificateAuthority: Sendable {
    /// Holds the CA's key and certificate and every certificate issued.
    public let directory: String

    /// The CA certificate (PEM): the bundle a client must trust.
    public var bundlePath: String { directory + "/ca.pem" }

    /// Runs `body` with a new CA and removes its files afterwards.
    public static func with<R>(_ body: (TestCertificateAuthority) throws -> R) throws -> R {
        let authority = try TestCertificateAuthority()
        defer { try? FileManager.default.removeItem(atPath: authority.directory) }
        return try body(authority)
    }

    private init() throws {
        directory = NSTemporaryDirectory() + "test-ca-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        try run([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
    }

    /// Issues a server certificate for the names a client may check it against.
    /// - Parameters:
    ///   - name: the file name stem, unique within this CA.
    ///   - subjectAltNames: e.g. `IP:127.0.0.1`, `DNS:localhost`; the common name is not a host name
    ///     here, since clients check only these.
    public func issue(_ name: String, subjectAltNames: [String]) throws -> ServerCertificate {
        let extensions = directory + "/\(name).ext"
        let text = "subjectAltName=\(subjectAltNames.joined(separator: ","))\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
        guard FileManager.default.createFile(atPath: extensions, contents: Data(text.utf8)) else {
            throw POSIXFailure("creating \(extensions)")
        }
        try run([
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=\(name)",
        ])
        try run([
            "x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "\(name).pem", "-days", "2", "-extfile", extensions,
        ])
        return ServerCertificate(certificatePath: directory + "/\(name).pem", keyPath: directory + "/\(name).key")
    }

    /// Runs `openssl` in the CA's directory; its error output becomes the error.
    private func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(command: "openssl " + arguments.joined(separator: " "), output: String(decoding: output, as: UTF8.self))
        }
    }
}

/// A server certificate and its private key, both PEM files.
public struct ServerCertificate: Sendable {
    public let certificatePath: String
    public let keyPath: String
}

public struct CommandFailure: Error, CustomStringConvertible {
    public let command: String
    public let output: String

    public var description: String { "\(command) failed: \(output)" }
}
