import AWS
import MotoPeer

/// The suite's moto behind a real TLS endpoint, and the CA made for the test that signed the
/// endpoint's certificate.
struct TLSEndpoint {
    let authority: TestCertificateAuthority
    let proxy: TLSProxy
    let fixture: MotoFixture

    /// Runs `body` with a new CA and a proxy presenting a certificate it issued for
    /// `subjectAltNames`; removes the one and stops the other afterwards.
    static func with<R>(
        _ fixture: MotoFixture, subjectAltNames: [String] = ["IP:127.0.0.1", "DNS:localhost"], requestsPerConnection: Int = 0,
        _ body: (TLSEndpoint) throws -> R
    ) throws -> R {
        try TestCertificateAuthority.with { authority in
            let certificate = try authority.issue("server", subjectAltNames: subjectAltNames)
            return try TLSProxy.with(
                upstreamPort: fixture.moto.port, certificate: certificate, requestsPerConnection: requestsPerConnection
            ) { proxy in
                try body(TLSEndpoint(authority: authority, proxy: proxy, fixture: fixture))
            }
        }
    }

    /// A client for `https://127.0.0.1:PORT` that trusts the CA when `trustingCA` is true and
    /// otherwise only the system's store.
    func client(trustingCA: Bool) -> AWSClient {
        fixture.client(endpoint: proxy.endpoint, connectionOptions: ConnectionOptions(caBundlePath: trustingCA ? authority.bundlePath : nil))
    }
}
