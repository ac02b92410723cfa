#if canImport(Glibc)
import Glibc
#endif

/// Where lines go in a deployed binary: straight to the file descriptor, unbuffered, so nothing
/// is lost when the process exits or is killed.
extension LineLogger {
    /// Standard error, where Lambda (and the emulator) collect a function's logs.
    @Sendable public static func writeToStandardError(_ line: String) {
        writeAll(line, to: STDERR_FILENO)
    }

    /// Standard output, where a container's log driver collects the worker's lines.
    @Sendable public static func writeToStandardOutput(_ line: String) {
        writeAll(line, to: STDOUT_FILENO)
    }

    private static func writeAll(_ line: String, to descriptor: Int32) {
        var line = line
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
