public import Jobs
public import TransferCore

/// `TransferObject`'s event: a batch of manifest entries from the batch workflow's Distributed Map
/// (it has `Items`), or the one object of a job from the Router's `JobStateMachine`.
public enum TransferObjectEvent: Decodable, Sendable {
    case batch(TransferBatch)
    case job(JobTransferItem)

    private enum Keys: String, CodingKey {
        case items = "Items"
    }

    public init(from decoder: any Decoder) throws {
        if try decoder.container(keyedBy: Keys.self).contains(.items) {
            self = .batch(try TransferBatch(from: decoder))
        } else {
            self = .job(try JobTransferItem(from: decoder))
        }
    }
}

/// What `TransferObject` answers: the batch's per-item outcome, or the one object's.
public enum TransferObjectResult: Encodable, Sendable {
    case batch(BatchOutcome)
    case object(TransferOutcome)

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .batch(let outcome): try outcome.encode(to: encoder)
        case .object(let outcome): try outcome.encode(to: encoder)
        }
    }
}

/// `TransferObject` itself: each kind of event to its copier.
public struct TransferObjectHandler: Sendable {
    public let batches: BatchCopier
    public let jobs: ReportingCopier

    public init(copier: ObjectCopier, jobs: JobLifecycle?, cancelCheckSeconds: Double = 5) {
        batches = BatchCopier(copier: copier)
        self.jobs = ReportingCopier(copier: copier, jobs: jobs, cancelCheckSeconds: cancelCheckSeconds)
    }

    public func run(_ event: TransferObjectEvent) throws(TransferError) -> TransferObjectResult {
        switch event {
        case .batch(let batch): .batch(try batches.run(batch))
        case .job(let item): .object(try jobs.run(item))
        }
    }
}
