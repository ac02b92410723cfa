public import AWS
import Foundation

/// The keys `start-api` accepts signatures from, each with the IAM principal it belongs to: a file
/// in the AWS credentials format whose profiles also name `principal_arn` (and, optionally,
/// `principal_id`, the user's or role's unique id), which the AWS CLI and the SDKs ignore, so the
/// same file signs requests and checks them:
///
/// ```ini
/// [alice]
/// aws_access_key_id = AKIA…
/// aws_secret_access_key = …
/// principal_arn = arn:aws:iam::123456789012:user/alice
/// ```
public struct CallerCredentials: Sendable {
    /// Who signed: what API Gateway puts in `requestContext.identity`.
    public struct Caller: Sendable, Hashable {
        public let credentials: AWSCredentials
        public let principalARN: String
        public let principalID: String?

        /// The account in the principal's ARN.
        public var accountID: String {
            let parts = principalARN.split(separator: ":", omittingEmptySubsequences: false)
            return parts.count > 4 ? String(parts[4]) : ""
        }
    }

    public let callers: [String: Caller]

    public init(callers: [Caller]) {
        self.callers = Dictionary(callers.map { ($0.credentials.accessKeyID, $0) }) { first, _ in first }
    }

    /// Reads the file at `path`.
    /// - Throws: ``CallerCredentialsError`` naming the file, the line or the profile that is wrong.
    public static func load(path: String) throws(CallerCredentialsError) -> CallerCredentials {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CallerCredentialsError(path: path, message: "cannot read it: \(error.localizedDescription)")
        }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws(CallerCredentialsError) -> CallerCredentials {
        var profiles: [(name: String, values: [String: String])] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                profiles.append((String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces), [:]))
                continue
            }
            guard let equals = line.firstIndex(of: "="), !profiles.isEmpty else {
                throw CallerCredentialsError(path: path, message: "line \(number + 1) is neither [profile] nor name = value within a profile")
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            profiles[profiles.count - 1].values[name] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        var callers: [Caller] = []
        for profile in profiles {
            let values = profile.values
            guard let key = values["aws_access_key_id"], let secret = values["aws_secret_access_key"] else {
                throw CallerCredentialsError(path: path, message: "profile \(profile.name) needs aws_access_key_id and aws_secret_access_key")
            }
            guard let arn = values["principal_arn"], arn.hasPrefix("arn:"), arn.split(separator: ":", omittingEmptySubsequences: false).count >= 6
            else {
                throw CallerCredentialsError(
                    path: path, message: "profile \(profile.name) needs principal_arn, the ARN of the IAM user or role the key belongs to")
            }
            callers.append(Caller(
                credentials: AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: values["aws_session_token"]),
                principalARN: arn, principalID: values["principal_id"]))
        }
        return CallerCredentials(callers: callers)
    }
}

/// A credentials file `start-api` cannot use.
public struct CallerCredentialsError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String

    public var description: String { "\(path): \(message)" }
}
