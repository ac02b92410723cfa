public import TransferCore
/// Remembers which file versions a pull has taken, so none is taken twice, even by two pollers
/// racing or a poller restarted.
public protocol SeenFileStore: Sendable {
    /// Records `version` of a file on `endpoint` as taken. Returns true when this call recorded it,
    /// false when it was recorded before (by anyone). `SFTPDirectoryPoller` records a version only
    /// after handing it out, so what is made from a version must be idempotent (the job's id is
    /// the version's), not guarded by this answer.
    func claim(_ version: RemoteFileVersion, on endpoint: String) throws(TransferError) -> Bool

    /// Whether `version` of a file on `endpoint` has been recorded as taken.
    func isTaken(_ version: RemoteFileVersion, on endpoint: String) throws(TransferError) -> Bool
}
