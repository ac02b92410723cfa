import Synchronization
import TransferCore
import Worker

/// `JobCheckpoints` in a dictionary.
final class InMemoryCheckpoints: JobCheckpoints {
    private let uploads = Mutex<[String: String]>([:])

    func uploadID(forJob jobID: String) throws(TransferError) -> String? {
        uploads.withLock { $0[jobID] }
    }

    func record(uploadID: String, forJob jobID: String) throws(TransferError) {
        uploads.withLock { $0[jobID] = uploadID }
    }

    func clear(jobID: String) throws(TransferError) {
        _ = uploads.withLock { $0.removeValue(forKey: jobID) }
    }
}
