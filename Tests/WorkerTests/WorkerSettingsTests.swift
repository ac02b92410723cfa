import SFTPTransfer
import Testing
import TransferCore
import Worker

@Suite("Worker settings from the environment")
struct WorkerSettingsTests {
    static let required = ["WORK_QUEUE_URL": "http://queue", "JOB_TABLE": "jobs", "STAGING_BUCKET": "staging"]

    @Test("large S3 → SFTP copies go over 4 channels from 64 MiB unless SFTP_CHANNELS_PER_FILE says otherwise")
    func channelsPerFile() throws {
        let defaults = try WorkerSettings.fromEnvironment(Self.required)
        #expect(defaults.parallelUpload == .standard)
        let set = try WorkerSettings.fromEnvironment(
            Self.required.merging(["SFTP_CHANNELS_PER_FILE": "2", "SFTP_PARALLEL_THRESHOLD_BYTES": "1000000"]) { $1 })
        #expect(set.parallelUpload == ParallelUpload(channels: 2, threshold: 1_000_000))
        let error = try #require(throws: SettingsError.self) {
            try WorkerSettings.fromEnvironment(Self.required.merging(["SFTP_CHANNELS_PER_FILE": "9"]) { $1 })
        }
        #expect(error.variable == "SFTP_CHANNELS_PER_FILE")
    }
}
