import HTTPTransport

/// Timeouts and TLS settings for every connection an ``AWSClient`` opens.
///
/// Long transfers (a 30 GB object) cannot have a total timeout, so a stalled connection is caught
/// by the low-speed rule instead: fewer than `lowSpeedBytesPerSecond` for `lowSpeedSeconds` fails
/// the call as a retryable `ConnectionFailure`.
public struct ConnectionOptions: Sendable {
    /// Gives up connecting (TCP and TLS handshake) after this many milliseconds.
    public var connectTimeoutMilliseconds = 5_000
    /// Aborts when throughput stays below `lowSpeedBytesPerSecond` for `lowSpeedSeconds`; 0 disables.
    public var lowSpeedBytesPerSecond = 1
    public var lowSpeedSeconds = 30
    /// Whole-call limit in milliseconds; 0 (the default) means none, as streaming needs.
    public var totalTimeoutMilliseconds = 0
    /// Peer certificate and host name verification. On by default; only a test against a
    /// self-signed server should turn it off.
    public var verifiesTLS = true
    /// A PEM file of certificate authorities to trust instead of the system's, for endpoints behind
    /// a private CA; the AWS SDKs read it from `AWS_CA_BUNDLE`.
    public var caBundlePath: String?

    public init() {}

    /// The same options with another CA bundle.
    public init(caBundlePath: String?) {
        self.caBundlePath = caBundlePath
    }

    var transport: TransportOptions {
        TransportOptions(
            connectTimeoutMilliseconds: connectTimeoutMilliseconds, lowSpeedBytesPerSecond: lowSpeedBytesPerSecond,
            lowSpeedSeconds: lowSpeedSeconds, totalTimeoutMilliseconds: totalTimeoutMilliseconds, verifiesTLS: verifiesTLS,
            caBundlePath: caBundlePath)
    }
}
