public import AWS
import Jobs
public import SelfService
import SFTP
import TransferCore
import Worker

/// The SFTP check, as the worker will connect: read the login from the endpoint's secret, connect,
/// match the pinned host key, authenticate, and `stat` the base path, which must be a directory.
public struct SFTPConnectivityCheck: ConnectivityCheck {
    public var secrets: SecretsManagerClient
    public var timeout: Duration

    public init(secrets: SecretsManagerClient, timeout: Duration = .seconds(10)) {
        self.secrets = secrets
        self.timeout = timeout
    }

    public func problem(with record: EndpointRecord) -> String? {
        guard case .sftp(let location) = record.endpoint.location else { return "the endpoint is not an SFTP endpoint" }
        let configuration: SSHConfiguration
        do {
            configuration = try location.configuration(secrets: secrets, timeout: timeout)
        } catch {
            return "the stored credential cannot be used: \(error.errorMessage)"
        }
        do {
            let attributes = try withSFTPSession(configuration) { sftp in try sftp.stat(location.path) }
            guard attributes.isDirectory else { return "\(location.path) on \(location.host) is not a directory" }
            return nil
        } catch let error as SFTPError {
            switch error.code {
            case .hostKeyMismatch:
                return "the host key of \(location.host):\(location.port) does not match \(location.hostKeyFingerprint)"
            case .authentication: return "\(location.username) cannot log in to \(location.host):\(location.port) with the stored credential"
            case .noSuchFile: return "\(location.path) does not exist on \(location.host)"
            case .resolve, .connect, .timeout: return "\(location.host):\(location.port) cannot be reached: \(error.message)"
            default: return "SFTP to \(location.host):\(location.port) failed: \(error.message)"
            }
        } catch {
            return "SFTP to \(location.host):\(location.port) failed: \(error)"
        }
    }
}
