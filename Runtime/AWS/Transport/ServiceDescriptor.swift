/// What the transport needs to know about a service: how to name it, where it lives, how it signs
/// and which wire protocol it speaks.
public struct ServiceDescriptor: Sendable, Hashable {
    /// Short name for errors and logs, e.g. `S3`.
    public let name: String
    /// The SigV4 signing name, e.g. `s3`, `states`.
    public let signingName: String
    /// The host prefix of the AWS endpoint, e.g. `dynamodb` in `dynamodb.eu-west-1.amazonaws.com`.
    public let endpointPrefix: String
    /// The `<SERVICE>` in `AWS_ENDPOINT_URL_<SERVICE>`: the SDK service id, upper-cased, spaces as `_`.
    public let environmentName: String
    /// For global services (IAM) the one region every request is signed for and the endpoint host.
    public let globalEndpoint: (host: String, region: String)?
    /// `X-Amz-Target` prefix for JSON-protocol services, e.g. `DynamoDB_20120810`.
    public let jsonTargetPrefix: String?
    /// `application/x-amz-json-1.0` or `-1.1`.
    public let jsonContentType: String
    /// API version for query-protocol services (`Version=` parameter).
    public let queryVersion: String?

    public init(
        name: String, signingName: String, endpointPrefix: String, environmentName: String,
        globalEndpoint: (host: String, region: String)? = nil, jsonTargetPrefix: String? = nil,
        jsonContentType: String = "application/x-amz-json-1.0", queryVersion: String? = nil
    ) {
        self.name = name
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix
        self.environmentName = environmentName
        self.globalEndpoint = globalEndpoint
        self.jsonTargetPrefix = jsonTargetPrefix
        self.jsonContentType = jsonContentType
        self.queryVersion = queryVersion
    }

    /// S3 alone keeps object keys exactly as given in the canonical path and signs the payload hash.
    public var isS3: Bool { signingName == "s3" }

    public static func == (lhs: ServiceDescriptor, rhs: ServiceDescriptor) -> Bool {
        lhs.name == rhs.name && lhs.signingName == rhs.signingName && lhs.endpointPrefix == rhs.endpointPrefix
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(signingName)
    }

    public static let s3 = ServiceDescriptor(name: "S3", signingName: "s3", endpointPrefix: "s3", environmentName: "S3")
    public static let dynamoDB = ServiceDescriptor(
        name: "DynamoDB", signingName: "dynamodb", endpointPrefix: "dynamodb", environmentName: "DYNAMODB",
        jsonTargetPrefix: "DynamoDB_20120810")
    public static let sqs = ServiceDescriptor(
        name: "SQS", signingName: "sqs", endpointPrefix: "sqs", environmentName: "SQS", jsonTargetPrefix: "AmazonSQS")
    public static let sns = ServiceDescriptor(
        name: "SNS", signingName: "sns", endpointPrefix: "sns", environmentName: "SNS", queryVersion: "2010-03-31")
    public static let sts = ServiceDescriptor(
        name: "STS", signingName: "sts", endpointPrefix: "sts", environmentName: "STS", queryVersion: "2011-06-15")
    public static let secretsManager = ServiceDescriptor(
        name: "SecretsManager", signingName: "secretsmanager", endpointPrefix: "secretsmanager",
        environmentName: "SECRETS_MANAGER", jsonTargetPrefix: "secretsmanager",
        jsonContentType: "application/x-amz-json-1.1")
    public static let stepFunctions = ServiceDescriptor(
        name: "StepFunctions", signingName: "states", endpointPrefix: "states", environmentName: "SFN",
        jsonTargetPrefix: "AWSStepFunctions")
    /// IAM is global: one endpoint, signed for us-east-1. Only tests and set-up tools use it.
    public static let iam = ServiceDescriptor(
        name: "IAM", signingName: "iam", endpointPrefix: "iam", environmentName: "IAM",
        globalEndpoint: ("iam.amazonaws.com", "us-east-1"), queryVersion: "2010-05-08")
}
