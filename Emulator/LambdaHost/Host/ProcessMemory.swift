import Foundation

/// Peak memory of a live process, for the REPORT line's "Max Memory Used".
enum ProcessMemory {
    /// `VmHWM` of `/proc/PID/status` in MB, or nil when the process is gone.
    static func peakMegabytes(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return (kilobytes + 1023) / 1024
    }
}
