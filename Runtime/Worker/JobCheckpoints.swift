public import TransferCore
/// Where a job's resume state lives between attempts: the multipart upload it started.
///
/// Written when the upload starts, before any part is sent, and not when an attempt fails: a
/// worker killed without warning (out of memory, a lost host) gets no chance to write anything
/// then, and its retry must still find the upload. The SQS message itself cannot carry this, since
/// a received message cannot be changed, only deleted or sent anew.
public protocol JobCheckpoints: Sendable {
    /// The upload an earlier attempt of `jobID` started, if any.
    func uploadID(forJob jobID: String) throws(TransferError) -> String?
    /// Records the upload `jobID` is using, replacing an earlier one.
    func record(uploadID: String, forJob jobID: String) throws(TransferError)
    /// Forgets the job: it finished, or was given up.
    func clear(jobID: String) throws(TransferError)
}
