import LambdaHost
import Testing

@Suite("Reading ECS task definitions")
struct TaskDefinitionTests {
    static func template(container: String) -> String {
        """
        Parameters:
          Wait: {Type: Number, Default: 20}
        Resources:
          Queue:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: !Sub '${AWS::StackName}-work.fifo'
              FifoQueue: true
          Worker:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
        \(container)
        """
    }

    static let worker = """
                - Name: TransferWorker
                  Image: example/worker
                  StopTimeout: 90
                  Environment:
                    - {Name: WORK_QUEUE_URL, Value: !Ref Queue}
                    - {Name: RECEIVE_WAIT_SECONDS, Value: !Ref Wait}
                    - {Name: VERBOSE, Value: true}
                - Name: Sidecar
                  Essential: false
        """

    func load(_ container: String, overrides: [String: String] = [:]) throws -> SAMTemplate {
        try SAMTemplate.parse(
            yaml: Self.template(container: container), path: "/projects/engine/template.yaml",
            options: TemplateOptions(parameterOverrides: overrides, region: "eu-west-1"))
    }

    @Test("containers come with their environment resolved to local names, StopTimeout and Essential")
    func readsContainers() throws {
        let template = try load(Self.worker, overrides: ["Wait": "1"])
        #expect(template.taskDefinitionNames == ["Worker"])
        let definition = try template.taskDefinition(named: "Worker")
        #expect(definition.containers.map(\.name) == ["TransferWorker", "Sidecar"])
        let worker = definition.containers[0]
        #expect(worker.environment == [
            "WORK_QUEUE_URL": "https://sqs.eu-west-1.amazonaws.com/123456789012/local-work.fifo",
            "RECEIVE_WAIT_SECONDS": "1",
            "VERBOSE": "true",
        ])
        #expect(worker.stopTimeoutSeconds == 90)
        #expect(worker.essential)
        #expect(definition.containers[1].stopTimeoutSeconds == 30, "Fargate's default")
        #expect(!definition.containers[1].essential)
    }

    @Test(
        "a container the emulator cannot run is refused with the reason",
        arguments: [
            ("    - Image: example/worker", "has no Name"),
            ("    - {Name: W, StopTimeout: 600}", "StopTimeout must be 2 to 120 seconds"),
            ("    - {Name: W, Environment: [{Name: A}]}", "every Environment entry needs a Name and a Value"),
        ])
    func refusesBadContainers(container: String, reason: String) throws {
        let error = try #require(throws: TemplateError.self) { try load("    " + container).taskDefinition(named: "Worker") }
        #expect(error.message.contains(reason), "\(error.message)")
    }

    @Test("an unknown task definition is named with the ones the template has")
    func unknownTask() throws {
        let error = try #require(throws: TemplateError.self) { try load(Self.worker).taskDefinition(named: "Queue") }
        #expect(error.message == "no task definition Queue in the template (it has: Worker)")
    }
}
