public import TransferCore
/// Remembers which file versions a pull has taken, so none is taken twice, even by two pollers
/// racing or a poller restarted.
public protocol SeenFileStore: Sendable {
    /// Records `version` of a file on `endpoint` as taken. Returns true when this call recorded it,
    /// false when it was recorded before (by anyone): only the caller that gets true transfers it.
    func claim(_ version: RemoteFileVersion, on endpoint: String) throws(TransferError) -> Bool

    /// Whether `version` of a file on `endpoint` has been recorded as taken.
    func isTaken(_ version: RemoteFileVersion, on endpoint: String) throws(TransferError) -> Bool
}
