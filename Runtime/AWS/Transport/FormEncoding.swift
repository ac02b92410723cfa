/// `application/x-www-form-urlencoded` bodies for the query protocol (STS, SNS, IAM), spelled the
/// way HTML forms and Python's `urlencode` spell them: a space as `+`, the rest as SigV4 encodes.
///
/// AWS hashes the body as sent, so `%20` would do there too; but some local servers rebuild the
/// body from the parsed form before checking the signature (moto does), and only this spelling
/// survives that round trip.
enum FormEncoding {
    static func body(_ items: [(name: String, value: String)]) -> String {
        items.map { encode($0.name) + "=" + encode($0.value) }.joined(separator: "&")
    }

    /// A literal `%` is encoded as `%25`, so every `%20` in the encoded text is a space.
    static func encode(_ text: String) -> String {
        URIEncoding.encode(text).split(separator: "%20", omittingEmptySubsequences: false).joined(separator: "+")
    }
}
