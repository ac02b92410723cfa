import Foundation

/// A benchmark failure, said as what failed.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

enum Timing {
    /// Wall-clock seconds `body` takes.
    static func seconds(_ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = start.duration(to: .now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}

enum ProcessMemory {
    /// User and system CPU seconds this process has used so far.
    static func cpuSeconds() -> Double { cpuSeconds(RUSAGE_SELF.rawValue) }

    /// User and system CPU seconds of this process's children that have ended and been waited
    /// for (with theirs), so far.
    static func childCPUSeconds() -> Double { cpuSeconds(RUSAGE_CHILDREN.rawValue) }

    private static func cpuSeconds(_ who: __rusage_who_t) -> Double {
        var usage = rusage()
        getrusage(who, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The peak resident set (VmHWM) of this process, or of the process `pid`, in MiB.
    static func peakResidentMiB(of pid: Int32? = nil) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid.map(String.init) ?? "self")/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        return kilobytes / 1024
    }
}

enum LargeFile {
    /// Writes `size` bytes of a pseudo-random 8 MiB block, varied per block, without holding more
    /// than one block.
    static func write(size: Int64, to path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var block = [UInt8](repeating: 0, count: 8 * 1024 * 1024)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for index in block.indices {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            block[index] = UInt8(truncatingIfNeeded: state)
        }
        var offset: Int64 = 0
        var blockNumber: UInt8 = 0
        while offset < size {
            block[0] = blockNumber
            blockNumber &+= 1
            let count = Int(min(Int64(block.count), size - offset))
            try handle.write(contentsOf: block[0..<count])
            offset += Int64(count)
        }
    }

    /// Whether two files hold the same bytes, compared a block at a time.
    static func sameContents(_ first: String, _ second: String) throws -> Bool {
        let a = try FileHandle(forReadingFrom: URL(fileURLWithPath: first))
        let b = try FileHandle(forReadingFrom: URL(fileURLWithPath: second))
        defer {
            try? a.close()
            try? b.close()
        }
        while true {
            let left = try a.read(upToCount: 8 * 1024 * 1024) ?? Data()
            let right = try b.read(upToCount: 8 * 1024 * 1024) ?? Data()
            guard left == right else { return false }
            if left.isEmpty { return true }
        }
    }
}
