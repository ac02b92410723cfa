import AWS
public import SFTP
public import TransferCore

extension TransferError {
    /// Classifies an SFTP failure: a partner that is down, slow or dropped the connection may
    /// answer a retry; a wrong host key, refused credentials or a missing file will not.
    public init(_ error: SFTPError, context: String) {
        let kind: Kind = switch error.code {
        case .resolve, .connect, .handshake, .timeout, .channelRefused, .ssh, .closed, .sftp: .transient
        case .hostKeyMismatch, .authentication, .noSuchFile, .permissionDenied, .alreadyExists: .nonRetryable
        }
        self.init(kind: kind, message: "\(context): \(error)")
    }

    /// Runs `body`, turning the failures of the clients it calls into a `TransferError` that says
    /// what was being done.
    static func context<R>(_ context: @autoclosure () -> String, _ body: () throws -> R) throws(TransferError) -> R {
        do {
            return try body()
        } catch let error as TransferError {
            throw error
        } catch let error as AWSError {
            throw TransferError(error, context: context())
        } catch let error as SFTPError {
            throw TransferError(error, context: context())
        } catch {
            throw TransferError(kind: .transient, message: "\(context()): \(error)")
        }
    }
}
