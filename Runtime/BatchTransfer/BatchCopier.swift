import AWS
import Glibc
public import TransferCore

/// `TransferObject` for a batch: copies its objects, `settings.itemConcurrency` at a time, and
/// reports each one, so one bad object never fails the others.
///
/// An object that fails for good (`NonRetryableError`) is reported failed with its error. An object
/// that failed in a way a later attempt may not (throttled, a transient fault) fails the batch
/// while the state machine has retries left, so it retries the batch with backoff (on a retry,
/// objects already at the destination are skipped, not written again); on the last attempt it is
/// reported failed like the others. A batch that may have run before first waits
/// `settings.retrySettleSeconds`, so that copies a killed attempt still had on their way land
/// before it looks.
public struct BatchCopier: Sendable {
    public let copier: ObjectCopier

    /// The longest failure reason an outcome keeps.
    public static let reasonLimit = 1_000
    /// The failure reasons of one batch share this many characters, each keeping at least
    /// `shortestReason`, so a batch of hundreds of failed objects still outputs far less than Step
    /// Functions' 256 KiB.
    public static let reasonBudget = 32_768
    public static let shortestReason = 64

    public init(copier: ObjectCopier) {
        self.copier = copier
    }

    public func run(_ batch: TransferBatch) throws(TransferError) -> BatchOutcome {
        let copier = copier
        let request = batch.request
        let items = batch.items
        let retry = batch.mayHaveRunBefore
        if retry, copier.settings.retrySettleSeconds > 0 { usleep(UInt32(copier.settings.retrySettleSeconds * 1_000_000)) }
        let results = ParallelLoop.run(count: items.count, width: copier.settings.itemConcurrency) {
            (index: Int) -> Result<TransferOutcome, TransferError> in
            do throws(TransferError) {
                return .success(try copier.run(TransferItem(request: request, entry: items[index]), retry: retry))
            } catch {
                return .failure(error)
            }
        }
        let retryable = results.compactMap { result -> TransferError? in
            guard case .failure(let error) = result, error.kind != .nonRetryable else { return nil }
            return error
        }
        if let first = retryable.first, !batch.isLastAttempt {
            throw TransferError(
                kind: first.kind, message: "\(retryable.count) of \(items.count) objects failed for now; first: \(first.errorMessage)")
        }
        let failures = results.filter { if case .failure = $0 { true } else { false } }.count
        let reasonLimit = min(Self.reasonLimit, max(Self.shortestReason, Self.reasonBudget / max(failures, 1)))
        return BatchOutcome(items: zip(items, results).map { entry, result in
            switch result {
            case .success(let outcome):
                return outcome
            case .failure(let error):
                return TransferOutcome(
                    key: entry.key, destinationKey: request.destinationKey(for: entry.key), status: .failed, method: .none,
                    bytes: 0, error: error.errorType, reason: String(error.errorMessage.prefix(reasonLimit)))
            }
        })
    }
}
