import ArgumentParser
import LambdaHost

/// `emulator up`: creates the template's buckets, topics, queues and tables on the AWS endpoint.
struct Up: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Creates the template's buckets, topics, queues and tables on the AWS endpoint.",
        discussion: """
            Resources get the names the emulator resolves !Ref to: the template's own name property \
            (BucketName, TopicName, QueueName, TableName) when set, else the stack name `local` and the \
            logical id (`local-manifestbucket`). Resources that already exist are left as they are. Point \
            it at moto or LocalStack with --endpoint-url (or AWS_ENDPOINT_URL). Exits 0 when every \
            resource exists afterwards, 2 otherwise.
            """)

    @OptionGroup var host: HostArguments

    func run() throws {
        let template = try host.loadTemplate()
        let provisioner = ResourceProvisioner(template: template, client: try host.makeAWSClient())
        do {
            try provisioner.provision { outcome in
                let resource = outcome.resource
                print("\(resource.logicalID) (\(resource.type)) \(resource.physicalName): \(outcome.status.rawValue)")
            }
        } catch {
            StandardError.write("emulator: \(error)")
            throw ExitCode(2)
        }
    }
}
