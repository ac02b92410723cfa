#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Blocks the calling thread for `duration`, going on after any signal that interrupts it: for
/// code that waits between attempts on a thread of its own, where `Task.sleep` would start the
/// concurrency runtime's worker threads.
public enum ThreadSleep {
    public static func sleep(for duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
    }
}
