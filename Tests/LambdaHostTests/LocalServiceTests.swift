import Foundation
import LambdaHost
import Synchronization
import Testing

/// ECS services under `emulator start`: read from the template, kept running, stopped.
@Suite("ECS services run locally")
struct LocalServiceTests {
    static func template(condition: String) -> String {
        """
        Parameters:
          Subnets: {Type: CommaDelimitedList, Default: ''}
          Count: {Type: Number, Default: 1}
        Conditions:
          HasSubnets: !Not [!Equals [!Join ['', !Ref Subnets], '']]
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: Flaky
                  StopTimeout: 2
          Service:
            Type: AWS::ECS::Service
            \(condition)
            Properties:
              TaskDefinition: !Ref Task
              DesiredCount: !Ref Count
        """
    }

    static func summary(_ service: ServiceDefinition) -> String {
        "\(service.name) runs \(service.taskDefinition) ×\(service.desiredCount)"
    }

    @Test("a service is its task definition and DesiredCount; one whose Condition is false is named, not run")
    func reading() throws {
        let plain = try SAMTemplate.parse(yaml: Self.template(condition: ""), path: "/projects/engine/template.yaml")
        #expect(try plain.serviceDefinitions().map(Self.summary) == ["Service runs Task ×1"])
        #expect(plain.servicesNotCreated.isEmpty)
        let conditional = try SAMTemplate.parse(yaml: Self.template(condition: "Condition: HasSubnets"), path: "/projects/engine/template.yaml")
        #expect(try conditional.serviceDefinitions().isEmpty)
        #expect(conditional.servicesNotCreated.map(\.name) == ["Service"] && conditional.servicesNotCreated.map(\.condition) == ["HasSubnets"])
        let given = try SAMTemplate.parse(
            yaml: Self.template(condition: "Condition: HasSubnets"), path: "/projects/engine/template.yaml",
            options: TemplateOptions(parameterOverrides: ["Subnets": "subnet-local", "Count": "3"]))
        #expect(try given.serviceDefinitions().map(Self.summary) == ["Service runs Task ×3"])
    }

    @Test("a task whose essential container exits is replaced; stop ends the one running")
    func replacesAndStops() async throws {
        let folder = NSTemporaryDirectory() + "local-service-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The first run exits at once; every later one runs until stopped.
        let script = "#!/bin/sh\nif [ -e \(folder)/ran ]; then exec sleep 600; fi\ntouch \(folder)/ran\nexit 3\n"
        try script.write(toFile: folder + "/Flaky", atomically: true, encoding: .utf8)
        chmod(folder + "/Flaky", 0o755)
        let template = try SAMTemplate.parse(yaml: Self.template(condition: ""), path: folder + "/template.yaml")
        let service = try #require(try template.serviceDefinitions().first)
        let lines = Mutex<[String]>([])
        let running = LocalService(
            service: service, definition: try template.taskDefinition(named: "Task"),
            options: HostOptions(buildDirectory: folder, output: { _, _ in })
        ) { line in lines.withLock { $0.append(line) } }
        // A safety net, not a timing assertion: the replacement starts 2 s after the exit, later when
        // the other suites keep the machine's two cores busy.
        let deadline = Date().addingTimeInterval(120)
        while lines.withLock({ $0.filter { $0.contains("running") }.count }) < 2 && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        await running.stop()
        let report = lines.withLock { $0 }
        #expect(report.filter { $0.contains("task Task running") }.count == 2, "\(report)")
        #expect(report.contains { $0.contains("exit status 3, an essential container: a new task starts in 2 s") }, "\(report)")
        #expect(report.last?.hasPrefix("service Service: stopped (Flaky: ") == true, "\(report)")
    }
}
