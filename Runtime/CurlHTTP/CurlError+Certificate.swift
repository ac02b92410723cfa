import CCurl

extension CurlError {
    /// True when TLS refused the peer: its certificate did not verify against the trusted CAs or
    /// names another host, or the CA bundle could not be read. Every attempt gets the same answer
    /// until the endpoint or the CA bundle changes, so these failures are never transient.
    public var isCertificateFailure: Bool {
        [CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_PINNEDPUBKEYNOTMATCH].contains(code)
    }
}
