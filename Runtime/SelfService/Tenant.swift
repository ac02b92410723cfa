/// Who a request acts for: the customer is the caller's IAM principal, never anything in the body.
public enum Tenant {
    /// The customer of `principalARN`: an IAM user's or role's ARN; a role session
    /// (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`) counts as its role, so every session of
    /// a role is the same customer.
    /// - Throws: 403 when the request carries no principal (an unsigned route).
    public static func customer(of principalARN: String?) throws(APIError) -> String {
        guard let arn = principalARN, arn.hasPrefix("arn:") else {
            throw APIError(status: 403, code: "Forbidden", message: "the request carries no IAM principal; sign it with SigV4")
        }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return arn }
        let resource = parts[5].split(separator: "/", omittingEmptySubsequences: false)
        if parts[2] == "sts", resource.first == "assumed-role", resource.count >= 2 {
            return "arn:\(parts[1]):iam::\(parts[4]):role/\(resource[1])"
        }
        return arn
    }
}
