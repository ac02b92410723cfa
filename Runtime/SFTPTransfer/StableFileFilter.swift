/// Decides which listed files are ready to take: those whose size and modification time did not
/// change since the previous poll, so a file still being written by the partner waits.
///
/// A plain value with one transition, `observe`, tested without a server. A file seen for the first
/// time is never ready; a file that disappears is forgotten.
public struct StableFileFilter: Sendable {
    private var previous: [String: RemoteFileVersion] = [:]

    public init() {}

    /// Records this poll's listing and returns the files unchanged since the last one.
    public mutating func observe(_ listing: [RemoteFileVersion]) -> [RemoteFileVersion] {
        let ready = listing.filter { previous[$0.path] == $0 }
        previous = Dictionary(listing.map { ($0.path, $0) }, uniquingKeysWith: { _, latest in latest })
        return ready
    }
}
