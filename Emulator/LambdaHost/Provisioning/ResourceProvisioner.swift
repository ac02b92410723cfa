public import AWS
import StateMachine

/// `emulator up`: creates the template's buckets, topics, queues and tables on the AWS endpoint
/// (moto, LocalStack, or an account), under the physical names the emulator gives them.
///
/// Creation is idempotent: a resource that already exists is reported as such and left as it is,
/// so `up` can run before every session.
public struct ResourceProvisioner: Sendable {
    public let template: SAMTemplate
    public let client: AWSClient

    /// What happened to one resource.
    public struct Outcome: Sendable, Hashable {
        public enum Status: String, Sendable {
            case created
            case existed = "already exists"
        }

        public let resource: LocalResource
        public let status: Status
    }

    /// The resource types `up` creates.
    public static let provisionedTypes = ["AWS::S3::Bucket", "AWS::SNS::Topic", "AWS::SQS::Queue", "AWS::DynamoDB::Table"]

    public init(template: SAMTemplate, client: AWSClient) {
        self.template = template
        self.client = client
    }

    /// Creates every resource, calling `report` after each; stops at the first failure. Queues
    /// with a `RedrivePolicy` come after the others, so their dead-letter queues exist first.
    public func provision(report: (Outcome) -> Void) throws(ProvisioningError) {
        for type in Self.provisionedTypes {
            var resources: [(resource: LocalResource, properties: JSONValue)] = []
            for resource in template.resources(ofType: type) {
                do {
                    resources.append((resource, try template.resolvedProperties(of: resource.logicalID)))
                } catch {
                    throw ProvisioningError(resource: resource, message: error.description)
                }
            }
            let ordered = resources.filter { $0.properties["RedrivePolicy"] == nil }
                + resources.filter { $0.properties["RedrivePolicy"] != nil }
            for (resource, properties) in ordered {
                do {
                    report(Outcome(resource: resource, status: try create(resource, properties: properties)))
                } catch {
                    throw ProvisioningError(resource: resource, message: error.description)
                }
            }
        }
    }

    private func create(_ resource: LocalResource, properties: JSONValue) throws(AWSError) -> Outcome.Status {
        switch resource.type {
        case "AWS::S3::Bucket": try createBucket(resource.physicalName, properties: properties)
        case "AWS::SNS::Topic": try createTopic(resource.physicalName, properties: properties)
        case "AWS::SQS::Queue": try createQueue(resource.physicalName, properties: properties)
        default: try createTable(resource.physicalName, properties: properties)
        }
    }
}

/// A resource `up` could not create.
public struct ProvisioningError: Error, CustomStringConvertible {
    public let resource: LocalResource
    public let message: String

    public var description: String {
        "cannot create \(resource.logicalID) (\(resource.type) \(resource.physicalName)): \(message)"
    }
}
