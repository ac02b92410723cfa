/// Connects, authenticates, starts SFTP, runs `body` and disconnects, also when `body` throws.
///
/// ```swift
/// try withSFTPSession(configuration) { sftp in
///     try sftp.createDirectory("in/2026", intermediates: true)
///     try sftp.withFile("in/2026/report.csv.tmp", mode: .write) { try $0.write(bytes) }
///     try sftp.rename("in/2026/report.csv.tmp", to: "in/2026/report.csv", ifDestinationExists: .replace)
/// }
/// ```
public func withSFTPSession<R>(_ configuration: SSHConfiguration, _ body: (SFTPSession) throws -> R) throws -> R {
    let ssh = try SSHSession(configuration: configuration)
    let result: R
    do {
        let sftp = try SFTPSession(ssh: ssh)
        result = try body(sftp)
    } catch {
        try? ssh.disconnect()
        throw error
    }
    try ssh.disconnect()
    return result
}
