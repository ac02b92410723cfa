#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A shell pattern for file names (`*.csv`, `report-????.txt`, `[ab]*`), matched as `fnmatch(3)`
/// does with `FNM_PERIOD`: a leading dot must be matched literally, so `*` skips hidden files and
/// the partner's own temporary files such as `.in-progress`.
public struct GlobPattern: Sendable, Hashable {
    public var pattern: String

    public init(_ pattern: String) {
        self.pattern = pattern
    }

    public func matches(_ name: String) -> Bool {
        fnmatch(pattern, name, FNM_PERIOD) == 0
    }
}
