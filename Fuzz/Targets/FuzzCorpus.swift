import Foundation

/// A target's seeds: the repository files it names and the inputs written in its definition.
public enum FuzzCorpus {
    /// Why a seed file could not be read.
    public struct MissingSeed: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "the seed file \(path) cannot be read" }
    }

    /// - Parameter root: the repository's folder.
    public static func seeds(of target: FuzzTarget, root: String) throws(MissingSeed) -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        for file in target.seedFiles {
            let path = root + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else { throw MissingSeed(path: path) }
            seeds.append(Array(data))
        }
        return seeds + target.seeds
    }
}
