#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPTransport
import Timestamps

/// Credentials from the container credentials endpoint: what ECS and Fargate tasks (and EKS Pod
/// Identity) get.
///
/// The endpoint is `AWS_CONTAINER_CREDENTIALS_FULL_URI`, or `http://169.254.170.2` plus
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`. When `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read
/// on every fetch, since it rotates) or `AWS_CONTAINER_AUTHORIZATION_TOKEN` is set, its value is
/// sent as the `Authorization` header. Plain-HTTP full URIs are accepted only for loopback and the
/// ECS/EKS link-local addresses, as in the SDKs, so a token never crosses a network unencrypted.
/// Wrap it in `CachingCredentialProvider`.
public struct ContainerCredentialProvider: CredentialProvider {
    public let url: String
    private let token: String?
    private let tokenFile: String?

    /// nil when neither URI variable is set.
    public init?(environment: [String: String]) {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            url = "http://169.254.170.2" + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty {
            url = full
        } else {
            return nil
        }
        token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        tokenFile = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public func resolve() throws(AWSError) -> ExpiringCredentials {
        guard let endpoint = Endpoint(url: url), endpoint.scheme == "https" || Self.isAllowedPlainHost(endpoint.host)
        else { throw failure("CredentialsFetch", "refusing container credentials URI \(url): plain HTTP to a non-local host") }
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let authorization = try authorizationToken() { headers.append(("Authorization", authorization)) }
        let response: TransportResponse
        do {
            let easy = try CurlStreamingEasy(
                options: TransportOptions(connectTimeoutMilliseconds: 2_000, totalTimeoutMilliseconds: 5_000))
            response = try easy.perform(TransportRequest(method: "GET", url: url, headers: headers))
        } catch {
            throw failure("CredentialsFetch", "could not reach \(url)", cause: error)
        }
        guard response.status == 200 else {
            throw failure("CredentialsFetch", "\(url) answered HTTP \(response.status)")
        }
        do {
            let document = try JSONDecoder().decode(Document.self, from: Data(response.body))
            return ExpiringCredentials(
                credentials: AWSCredentials(
                    accessKeyID: document.AccessKeyId, secretAccessKey: document.SecretAccessKey,
                    sessionToken: document.Token),
                expiration: document.Expiration.flatMap(ISO8601Timestamp.parse))
        } catch {
            throw failure("CredentialsFetch", "\(url) did not return a credentials document", cause: error)
        }
    }

    private func authorizationToken() throws(AWSError) -> String? {
        guard let tokenFile else { return token }
        do {
            let contents = try Data(contentsOf: URL(fileURLWithPath: tokenFile))
            return String(decoding: contents, as: UTF8.self).trimmingHTTPWhitespace()
        } catch {
            throw failure("CredentialsFetch", "cannot read the token file \(tokenFile)", cause: error)
        }
    }

    static func isAllowedPlainHost(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "[::1]" || host == "169.254.170.2"
            || host == "169.254.170.23" || host == "[fd00:ec2::23]"
    }

    private func failure(_ code: String, _ message: String, cause: (any Error)? = nil) -> AWSError {
        AWSError(service: "Credentials", operation: "ContainerCredentials", resource: url, code: code, message: message, cause: cause)
    }

    private struct Document: Decodable {
        var AccessKeyId: String
        var SecretAccessKey: String
        var Token: String?
        var Expiration: String?
    }
}
