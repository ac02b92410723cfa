import Foundation
import StateMachine

/// Where a function's code is, as the template says, and whether this machine can run it.
enum CodeLocation: Equatable {
    /// A local folder, absolute.
    case directory(String)
    /// `InlineCode` (SAM) or `Code.ZipFile` (CloudFormation).
    case inline(String)
    /// A zip in S3, as `s3://bucket/key`.
    case s3(String)
    /// A container image (`PackageType: Image`), with its `ImageUri` when set.
    case image(String?)

    /// The code of an `AWS::Serverless::Function`: `CodeUri` (a folder, `s3://…` or
    /// `{Bucket, Key, Version}`), `InlineCode`, or `ImageUri` / `PackageType: Image`.
    static func serverless(_ properties: [String: JSONValue], templateDirectory: String) -> (location: CodeLocation, property: String)? {
        if properties["PackageType"]?.stringValue == "Image" || properties["ImageUri"] != nil {
            return (.image(properties["ImageUri"]?.stringValue), properties["ImageUri"] == nil ? "PackageType" : "ImageUri")
        }
        if let code = properties["InlineCode"]?.stringValue { return (.inline(code), "InlineCode") }
        guard let uri = properties["CodeUri"] else { return nil }
        if let text = uri.stringValue {
            return (text.hasPrefix("s3://") ? .s3(text) : .directory(FilePaths.absolute(text, relativeTo: templateDirectory)), "CodeUri")
        }
        return (.s3(s3URI(bucket: uri["Bucket"], key: uri["Key"], version: uri["Version"])), "CodeUri")
    }

    /// The code of an `AWS::Lambda::Function`: `Code` with `S3Bucket`/`S3Key`, `ZipFile` or
    /// `ImageUri`, or a local folder as `aws cloudformation package` reads it.
    static func lambda(_ properties: [String: JSONValue], templateDirectory: String) -> (location: CodeLocation, property: String)? {
        let code = properties["Code"]
        if properties["PackageType"]?.stringValue == "Image" || code?["ImageUri"] != nil {
            return (.image(code?["ImageUri"]?.stringValue), code?["ImageUri"] == nil ? "PackageType" : "Code.ImageUri")
        }
        if let folder = code?.stringValue {
            return (folder.hasPrefix("s3://") ? .s3(folder) : .directory(FilePaths.absolute(folder, relativeTo: templateDirectory)), "Code")
        }
        if let zipFile = code?["ZipFile"]?.stringValue { return (.inline(zipFile), "Code.ZipFile") }
        guard let code, code["S3Bucket"] != nil || code["S3Key"] != nil else { return nil }
        return (.s3(s3URI(bucket: code["S3Bucket"], key: code["S3Key"], version: code["S3ObjectVersion"])), "Code")
    }

    private static func s3URI(bucket: JSONValue?, key: JSONValue?, version: JSONValue?) -> String {
        let uri = "s3://\(bucket?.scalarText ?? "?")/\(key?.scalarText ?? "?")"
        return version?.scalarText.map { "\(uri) (version \($0))" } ?? uri
    }

    /// Why the function cannot run here, or nil when it can.
    func refusal(function: String, runtime: String) -> String? {
        switch self {
        case .directory:
            return nil
        case .inline where runtime.hasPrefix("python3"):
            return nil
        case .inline:
            return "inline code needs a python3.x runtime, which runs through awslambdaric; \(runtime) inline code runs only in "
                + "AWS's container image, which the emulator does not use"
        case .s3(let uri):
            return "code in S3 (\(uri)) is not available locally; point --code-dir \(function)=DIR at a local copy"
        case .image(let uri):
            return "container images are not run locally (\(uri.map { "ImageUri \($0)" } ?? "PackageType Image")): the emulator runs no Docker"
        }
    }

    /// The folder inline code is written to: one per template and function, under the temporary
    /// folder, so the same template always uses the same one.
    static func inlineFolder(templatePath: String, function: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in templatePath.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return FilePaths.absolute(NSTemporaryDirectory()) + "/emulator-inline-\(String(hash, radix: 16))/\(function)"
    }
}
