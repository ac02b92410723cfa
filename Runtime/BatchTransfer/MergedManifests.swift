import TransferCore

/// Several manifests, each sorted by key, read as one sorted manifest.
final class MergedManifests {
    private let readers: [ManifestReader]
    private var heads: [ManifestEntry?]
    private var started = false

    init(_ readers: [ManifestReader]) {
        self.readers = readers
        heads = Array(repeating: nil, count: readers.count)
    }

    /// The entry with the smallest key (by its UTF-8 bytes, as S3 lists) among the manifests'
    /// next ones, or nil when all are read.
    func next() throws(TransferError) -> ManifestEntry? {
        if !started {
            for index in readers.indices { heads[index] = try readers[index].next() }
            started = true
        }
        var smallest: Int?
        for index in heads.indices {
            guard let head = heads[index] else { continue }
            if let current = smallest, let best = heads[current], !head.key.utf8.lexicographicallyPrecedes(best.key.utf8) { continue }
            smallest = index
        }
        guard let smallest else { return nil }
        let entry = heads[smallest]
        heads[smallest] = try readers[smallest].next()
        return entry
    }
}
