import CCurl

/// A `curl_slist` of request headers built for one transfer and freed right after it.
///
/// libcurl keeps only the pointer, so the list must live until `curl_easy_perform` returns; the
/// caller frees it in a `defer` around the transfer.
struct CurlHeaderList {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    init(_ headers: [(name: String, value: String)]) {
        // An empty "Expect:" stops libcurl from waiting for "100 Continue" before larger POST bodies,
        // which would add a round trip to every response a Lambda function sends.
        for line in headers.map({ "\($0.name): \($0.value)" }) + ["Expect:"] {
            pointer = curl_slist_append(pointer, line)
        }
    }

    func free() {
        curl_slist_free_all(pointer)
    }
}
