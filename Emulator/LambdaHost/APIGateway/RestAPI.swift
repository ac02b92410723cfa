import Foundation
import StateMachine

/// A REST API of the template as `start-api` serves it: its stage, its default authorizer, the
/// media types it passes as binary, and the Lambda proxy routes to its functions.
public struct RestAPI: Sendable {
    /// How a route checks its caller.
    public enum Authorization: Sendable, Hashable {
        /// No check.
        case none
        /// A SigV4 signature by a known key (`AWS_IAM`).
        case iam
    }

    /// One method on one resource path, proxied to a function.
    public struct Route: Sendable, Hashable {
        /// `GET`, `POST`, … or `ANY`.
        public let method: String
        /// The resource path as the template writes it: `/jobs/{id}`, `/files/{proxy+}`.
        public let resource: String
        /// The function's logical id.
        public let function: String
        public let authorization: Authorization
    }

    /// The API's logical id (`ServerlessRestApi` for SAM's implicit one).
    public let name: String
    public let stage: String
    public let binaryMediaTypes: [String]
    public let routes: [Route]

    /// The logical id SAM gives the API that routes without a `RestApiId` belong to.
    public static let implicitName = "ServerlessRestApi"

    /// The template's REST APIs with their Lambda proxy routes, sorted by name. A route whose
    /// `RestApiId` names no `AWS::Serverless::Api` of the template is left out.
    public static func all(in template: SAMTemplate, wiring: EventWiring) -> [RestAPI] {
        var routesByAPI: [String: [Route]] = [:]
        var settingsByAPI: [String: JSONValue] = [:]
        for route in wiring.apiRoutes where route.kind == .rest {
            guard case .function(let function) = route.destination else { continue }
            let name: String
            let settings: JSONValue
            if let api = route.api {
                guard let resource = template.resources.values.first(where: { $0.type == "AWS::Serverless::Api" && $0.physicalName == api }),
                    let properties = try? template.resolvedProperties(of: resource.logicalID)
                else { continue }
                (name, settings) = (resource.logicalID, properties)
            } else {
                (name, settings) = (implicitName, .object(["StageName": "Prod"]))
            }
            settingsByAPI[name] = settings
            let authorizer = route.authorizer ?? settings["Auth"]?["DefaultAuthorizer"]?.stringValue
            routesByAPI[name, default: []].append(
                Route(method: route.method, resource: route.path, function: function, authorization: authorizer == "AWS_IAM" ? .iam : .none))
        }
        return routesByAPI.keys.sorted().map { name in
            let settings = settingsByAPI[name] ?? .object([:])
            return RestAPI(
                name: name, stage: settings["StageName"]?.stringValue ?? "Prod",
                binaryMediaTypes: settings["BinaryMediaTypes"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                routes: routesByAPI[name] ?? [])
        }
    }

    /// The route a request takes and its path parameters: an exact resource before one with
    /// parameters, and a greedy `{name+}` last, as API Gateway chooses.
    public func route(method: String, path: String) -> (route: Route, parameters: [String: String])? {
        let candidates = routes.compactMap { route -> (Route, [String: String], Int)? in
            guard route.method == "ANY" || route.method == method.uppercased(),
                let parameters = Self.match(resource: route.resource, path: path)
            else { return nil }
            let rank = route.resource.contains("+}") ? 2 : (route.resource.contains("{") ? 1 : 0)
            return (route, parameters, rank * 2 + (route.method == "ANY" ? 1 : 0))
        }
        guard let best = candidates.min(by: { $0.2 < $1.2 }) else { return nil }
        return (best.0, best.1)
    }

    /// The path parameters of `path` under `resource`; nil when it does not match.
    static func match(resource: String, path: String) -> [String: String]? {
        let pattern = resource.split(separator: "/")
        let actual = path.split(separator: "/", omittingEmptySubsequences: true)
        var parameters: [String: String] = [:]
        for (index, part) in pattern.enumerated() {
            if part.hasPrefix("{"), part.hasSuffix("+}") {
                guard actual.count > index else { return nil }
                parameters[String(part.dropFirst().dropLast(2))] = actual[index...].joined(separator: "/")
                return parameters
            }
            guard index < actual.count else { return nil }
            if part.hasPrefix("{"), part.hasSuffix("}") {
                parameters[String(part.dropFirst().dropLast())] = String(actual[index])
            } else if part != actual[index] {
                return nil
            }
        }
        return pattern.count == actual.count ? parameters : nil
    }

    /// Whether a body of `contentType` goes to the function base64-encoded.
    func isBinary(contentType: String?) -> Bool {
        guard let contentType else { return false }
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return binaryMediaTypes.contains { pattern in
            let wanted = pattern.replacingOccurrences(of: "~1", with: "/").lowercased()
            if wanted == "*/*" { return true }
            if wanted.hasSuffix("/*") { return type.hasPrefix(String(wanted.dropLast())) }
            return wanted == type
        }
    }
}
