import Foundation
import StateMachine

/// A `{{resolve:service:…}}` dynamic reference, as CloudFormation resolves it when it creates a
/// resource: `ssm:name[:version]`, `ssm-secure:name[:version]` and
/// `secretsmanager:secret-id[:SecretString[:json-key[:version-stage[:version-id]]]]`.
struct DynamicReference: Equatable {
    enum Service: String {
        case ssm, ssmSecure = "ssm-secure", secretsManager = "secretsmanager"
    }

    let text: String
    let service: Service
    /// The parameter's name or the secret's id (a name or a full ARN).
    let name: String
    let version: String?
    let jsonKey: String?
    let versionStage: String?
    let versionID: String?

    /// Replaces every dynamic reference in `text` with its value.
    static func resolve(in text: String, source: (any DynamicReferenceSource)?) throws(CloudFormationResolver.Failure) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{resolve:") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            output += rest[..<open.lowerBound]
            let reference = try parse(String(rest[open.lowerBound..<close.upperBound]))
            output += try reference.value(from: source)
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    static func parse(_ text: String) throws(CloudFormationResolver.Failure) -> DynamicReference {
        let body = text.dropFirst("{{resolve:".count).dropLast(2)
        var parts = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, let service = Service(rawValue: parts.removeFirst()), !parts[0].isEmpty else {
            throw CloudFormationResolver.Failure(
                message: "\(text) is not a dynamic reference CloudFormation knows (ssm, ssm-secure, secretsmanager)")
        }
        switch service {
        case .ssm, .ssmSecure:
            let version = parts.count > 1 && parts.last!.allSatisfy(\.isNumber) ? parts.removeLast() : nil
            return DynamicReference(
                text: text, service: service, name: parts.joined(separator: ":"), version: version, jsonKey: nil,
                versionStage: nil, versionID: nil)
        case .secretsManager:
            let idParts = parts[0] == "arn" ? min(7, parts.count) : 1
            let id = parts.prefix(idParts).joined(separator: ":")
            var fields = Array(parts.dropFirst(idParts)).map { $0.isEmpty ? nil : $0 }
            while fields.count < 4 { fields.append(nil) }
            if let field = fields[0], field != "SecretString" {
                throw CloudFormationResolver.Failure(message: "\(text): secretsmanager references read only SecretString, not \(field)")
            }
            return DynamicReference(
                text: text, service: service, name: id, version: nil, jsonKey: fields[1], versionStage: fields[2],
                versionID: fields[3])
        }
    }

    private func value(from source: (any DynamicReferenceSource)?) throws(CloudFormationResolver.Failure) -> String {
        let store = service == .secretsManager ? "Secrets Manager" : "SSM Parameter Store"
        guard let source else {
            throw CloudFormationResolver.Failure(
                message: "\(text) reads \(store), which needs an AWS endpoint: give --endpoint-url (or set AWS_ENDPOINT_URL)")
        }
        let stored: String
        do {
            switch service {
            case .ssm, .ssmSecure:
                stored = try source.parameter(named: name, version: version, decrypt: service == .ssmSecure)
            case .secretsManager:
                stored = try source.secretString(id: name, versionStage: versionStage, versionID: versionID)
            }
        } catch {
            throw CloudFormationResolver.Failure(message: "\(text): cannot read it from \(store): \(error)")
        }
        guard let jsonKey else { return stored }
        guard let document = try? JSONValue(parsing: stored), let member = document[jsonKey] else {
            throw CloudFormationResolver.Failure(message: "\(text): the secret is not a JSON object with the key \(jsonKey)")
        }
        return member.stringValue ?? member.serialized()
    }
}
