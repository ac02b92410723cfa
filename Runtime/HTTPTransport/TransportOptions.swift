/// Limits and security settings for every connection: ``CurlStreamingEasy`` handles, the
/// ``CurlConnection``s HTTPS calls go over, and plain ``TCPConnection``s.
///
/// Long transfers (a 30 GB object) cannot have a total timeout, so a stalled connection is caught by
/// the low-speed rule instead: fewer than `lowSpeedBytesPerSecond` for `lowSpeedSeconds` aborts the
/// transfer as `timedOut`, which callers treat as a retryable connection failure.
public struct TransportOptions: Sendable {
    /// Gives up connecting (TCP and TLS handshake) after this many milliseconds.
    public var connectTimeoutMilliseconds: Int
    /// Aborts when throughput stays below `lowSpeedBytesPerSecond` for `lowSpeedSeconds`; 0 disables.
    public var lowSpeedBytesPerSecond: Int
    public var lowSpeedSeconds: Int
    /// Whole-transfer limit in milliseconds; 0 (the default) means none, as streaming needs.
    public var totalTimeoutMilliseconds: Int
    /// Peer certificate and host name verification. On by default; only a test against a
    /// self-signed server should turn it off.
    public var verifiesTLS: Bool
    /// A PEM file of certificate authorities to trust, for endpoints behind a private CA; the AWS
    /// SDKs read it from `AWS_CA_BUNDLE`. It replaces libcurl's default bundle file
    /// (`CURLOPT_CAINFO`); nil keeps that default.
    public var caBundlePath: String?
    /// Size of the buffer libcurl asks the body source to fill; larger means fewer callbacks.
    public var uploadBufferBytes: Int

    public init(
        connectTimeoutMilliseconds: Int = 5_000,
        lowSpeedBytesPerSecond: Int = 1,
        lowSpeedSeconds: Int = 30,
        totalTimeoutMilliseconds: Int = 0,
        verifiesTLS: Bool = true,
        uploadBufferBytes: Int = 256 * 1024,
        caBundlePath: String? = nil
    ) {
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.lowSpeedBytesPerSecond = lowSpeedBytesPerSecond
        self.lowSpeedSeconds = lowSpeedSeconds
        self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
        self.verifiesTLS = verifiesTLS
        self.uploadBufferBytes = uploadBufferBytes
        self.caBundlePath = caBundlePath
    }
}
