#if canImport(Glibc)
import Glibc
#endif

/// Peak memory of a live process, for the REPORT line's "Max Memory Used".
///
/// Read on every invocation, so it reads `/proc/PID/status` with three system calls into a stack
/// buffer instead of going through Foundation.
enum ProcessMemory {
    /// `VmHWM` of `/proc/PID/status` in MB, or nil when the process is gone.
    static func peakMegabytes(of pid: Int32) -> Int? {
        let descriptor = open("/proc/\(pid)/status", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer -> Int? in
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            guard count > 0 else { return nil }
            return kilobytes(after: Array("VmHWM:".utf8), in: UnsafeBufferPointer(rebasing: buffer[..<count]))
                .map { ($0 + 1023) / 1024 }
        }
    }

    /// The number after `label` on its line, e.g. `VmHWM:    21504 kB` → 21504.
    static func kilobytes(after label: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index + label.count <= text.count {
            if text[index] == label[0], Array(text[index..<(index + label.count)]) == label {
                var value = 0
                var cursor = index + label.count
                while cursor < text.count, text[cursor] == UInt8(ascii: " ") || text[cursor] == UInt8(ascii: "\t") { cursor += 1 }
                guard cursor < text.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[cursor]) else { return nil }
                while cursor < text.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[cursor]) {
                    value = value * 10 + Int(text[cursor] - UInt8(ascii: "0"))
                    cursor += 1
                }
                return value
            }
            index += 1
        }
        return nil
    }
}
