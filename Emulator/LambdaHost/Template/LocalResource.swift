/// A resource of the template as it exists locally: its type and the physical name the emulator
/// gives it, from which `!Ref` and `!GetAtt` answer as CloudFormation would.
///
/// Names are deterministic (`BucketName`, `TopicName`, … when the template sets them, else derived
/// from the stack name and logical id), so `emulator up` and every later command agree on them
/// without keeping state.
public struct LocalResource: Sendable, Hashable {
    public let logicalID: String
    public let type: String
    public let physicalName: String
    public let region: String
    public let accountID: String

    /// - Parameter explicitName: the resource's own name property (`BucketName`, `TopicName`, …), resolved.
    init(logicalID: String, type: String, explicitName: String?, stackName: String, region: String, accountID: String) {
        self.logicalID = logicalID
        self.type = type
        self.region = region
        self.accountID = accountID
        if let explicitName, !explicitName.isEmpty {
            physicalName = explicitName
        } else if type == "AWS::S3::Bucket" {
            physicalName = "\(stackName)-\(logicalID)".lowercased()
        } else {
            physicalName = logicalID
        }
    }

    /// The property that names a resource of this type, if it has one.
    static func nameProperty(of type: String) -> String? {
        switch type {
        case "AWS::S3::Bucket": "BucketName"
        case "AWS::SNS::Topic": "TopicName"
        case "AWS::SQS::Queue": "QueueName"
        case "AWS::DynamoDB::Table": "TableName"
        case "AWS::Serverless::Function", "AWS::Lambda::Function": "FunctionName"
        case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine": "StateMachineName"
        default: nil
        }
    }

    /// What `!Ref` gives: a bucket's or table's name, a topic's ARN, a queue's URL, a function's name.
    public var reference: String {
        switch type {
        case "AWS::SNS::Topic", "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine": arn
        case "AWS::SQS::Queue": "https://sqs.\(region).amazonaws.com/\(accountID)/\(physicalName)"
        default: physicalName
        }
    }

    public var arn: String {
        switch type {
        case "AWS::S3::Bucket": "arn:aws:s3:::\(physicalName)"
        case "AWS::SNS::Topic": "arn:aws:sns:\(region):\(accountID):\(physicalName)"
        case "AWS::SQS::Queue": "arn:aws:sqs:\(region):\(accountID):\(physicalName)"
        case "AWS::DynamoDB::Table": "arn:aws:dynamodb:\(region):\(accountID):table/\(physicalName)"
        case "AWS::Serverless::Function", "AWS::Lambda::Function":
            "arn:aws:lambda:\(region):\(accountID):function:\(physicalName)"
        case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine":
            "arn:aws:states:\(region):\(accountID):stateMachine:\(physicalName)"
        case "AWS::IAM::Role": "arn:aws:iam::\(accountID):role/\(physicalName)"
        default: "arn:aws:local:\(region):\(accountID):\(physicalName)"
        }
    }

    /// Whether this is a Lambda function (SAM's or CloudFormation's).
    public var isFunction: Bool {
        type == "AWS::Serverless::Function" || type == "AWS::Lambda::Function"
    }

    /// Whether this is a nested stack (`AWS::Serverless::Application`, `AWS::CloudFormation::Stack`),
    /// which the emulator does not run.
    var isNestedStack: Bool {
        type == "AWS::Serverless::Application" || type == "AWS::CloudFormation::Stack"
    }

    /// `!GetAtt Resource.attribute`.
    func attribute(_ name: String) -> String? {
        switch name {
        case "Arn", "TopicArn": arn
        case "Name", "TopicName", "QueueName", "BucketName", "TableName": physicalName
        case "QueueUrl": reference
        case "DomainName": "\(physicalName).s3.amazonaws.com"
        default: nil
        }
    }
}
