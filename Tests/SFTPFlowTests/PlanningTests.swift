import AWS
import Testing
import SFTPTransfer

@Suite("Decisions made without I/O")
struct PlanningTests {
    @Test("a file below the threshold is one range; above it, contiguous ranges of nearly equal length cover it")
    func parallelRanges() {
        let parallel = ParallelUpload(channels: 3, threshold: 1_000)
        #expect(parallel.ranges(size: 999) == [0...998])
        #expect(parallel.ranges(size: 1_000) == [0...333, 334...667, 668...999])
        #expect(parallel.ranges(size: 1_001) == [0...333, 334...667, 668...1_000])
        #expect(parallel.ranges(size: 0).isEmpty)
        #expect(ParallelUpload(channels: 5, threshold: 1).ranges(size: 2) == [0...0, 1...1])
        #expect(ParallelUpload(channels: 50, threshold: 1).channels == ParallelUpload.maximumChannels)
        #expect(ParallelUpload.single.ranges(size: 1 << 40) == [0...(1 << 40) - 1])
    }

    @Test("a resumed upload keeps every listed part of the right size, gaps or not")
    func resumePlan() {
        let ranges = PartRanges(size: 10_000, preferredPartSize: 3_000)
        let listed = [
            MultipartPart(partNumber: 1, eTag: "a", size: 3_000), MultipartPart(partNumber: 2, eTag: "b", size: 3_000),
            MultipartPart(partNumber: 4, eTag: "d", size: 1_000),
        ]
        let plan = MultipartResumePlan(listed: listed, ranges: ranges)
        #expect(plan.keptParts.map(\.partNumber) == [1, 2, 4])
        #expect(plan.keeps(partIndex: 3) && !plan.keeps(partIndex: 2))
        let wrongSize = MultipartResumePlan(listed: [MultipartPart(partNumber: 3, eTag: "c", size: 1_000)], ranges: ranges)
        #expect(wrongSize.keptParts.isEmpty)
        let resized = MultipartResumePlan(listed: listed, ranges: PartRanges(size: 10_000, preferredPartSize: 2_000))
        #expect(resized.keptParts.isEmpty)
    }

    @Test("a file is ready only when unchanged since the previous poll")
    func stability() {
        var filter = StableFileFilter()
        let first = RemoteFileVersion(path: "/in/a", size: 5, modificationTime: 100)
        let grown = RemoteFileVersion(path: "/in/a", size: 9, modificationTime: 101)
        #expect(filter.observe([first]).isEmpty)
        #expect(filter.observe([grown]).isEmpty)
        #expect(filter.observe([grown]) == [grown])
        #expect(filter.observe([]).isEmpty)
        #expect(filter.observe([grown]).isEmpty)
    }

    @Test("patterns match names as the shell does, hidden files only when asked", arguments: [
        ("*.csv", "report.csv", true), ("*.csv", "report.txt", false), ("*.csv", ".report.csv", false),
        (".*.csv", ".report.csv", true), ("report-????.txt", "report-2026.txt", true), ("[ab]*", "c", false),
    ])
    func glob(pattern: String, name: String, matches: Bool) {
        #expect(GlobPattern(pattern).matches(name) == matches)
    }
}
