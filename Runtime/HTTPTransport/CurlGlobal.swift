import CCurl

/// Process-wide libcurl initialisation, done once before the first handle.
enum CurlGlobal {
    private static let initialised: Bool = {
        // SSL is left to initialise itself on first use (OpenSSL 3 does), so a process that only talks
        // plain HTTP to the Runtime API never pays for loading the TLS configuration at start-up.
        curl_global_init(Int(CURL_GLOBAL_NOTHING)) == CURLE_OK
    }()

    static func initialise() { _ = initialised }
}
