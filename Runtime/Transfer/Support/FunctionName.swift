#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The running function's name, which functions use as their role session name so CloudTrail
/// shows who assumed a role.
public enum FunctionName {
    public static var current: String {
        ProcessInfo.processInfo.environment["AWS_LAMBDA_FUNCTION_NAME"] ?? "transfer-engine"
    }
}
