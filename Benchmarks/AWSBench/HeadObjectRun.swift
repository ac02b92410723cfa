import AWS
import BenchReport

/// Our side of the benchmark: HeadObject calls through `S3Client`, their CPU and their failures.
enum HeadObjectRun {
    /// Warms up (connection pool, first-use allocations), then returns this process's CPU time
    /// per call over `calls` HeadObjects. Every call must succeed with the object's size; the
    /// failures are counted over the whole loop and reported together.
    static func cpuPerCall(
        s3: S3Client, bucket: String, key: String, expectedSize: Int64, warmUp: Int, calls: Int
    ) throws(BenchError) -> Duration {
        for _ in 0..<warmUp {
            do {
                _ = try s3.headObject(bucket: bucket, key: key)
            } catch {
                throw BenchError("a warm-up HeadObject on \(bucket)/\(key) failed, so nothing was measured: \(error)")
            }
        }
        var failures = 0
        var firstFailure: String?
        let start = CPUClock.now()
        for _ in 0..<calls {
            do {
                let head = try s3.headObject(bucket: bucket, key: key)
                if head.contentLength != expectedSize {
                    failures += 1
                    firstFailure = firstFailure ?? "Content-Length \(head.contentLength), expected \(expectedSize)"
                }
            } catch {
                failures += 1
                firstFailure = firstFailure ?? error.description
            }
        }
        let cpu = CPUClock.now() - start
        if let firstFailure {
            throw BenchError("\(failures) of \(calls) measured HeadObject calls on \(bucket)/\(key) failed; the first: \(firstFailure)")
        }
        return cpu / calls
    }
}
