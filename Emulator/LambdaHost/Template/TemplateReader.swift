import StateMachine

/// One pass over a template, in CloudFormation's order: parameters, mappings and conditions
/// first, then which resources exist and their names, then what each function, resource and
/// output resolves to. Problems become findings; reading goes on.
struct TemplateReader {
    let path: String
    let options: TemplateOptions

    /// The types whose properties must resolve for `up` to create them, or for
    /// `start-execution` to run them: a problem there is an error, not a warning.
    static let blockingTypes = ResourceProvisioner.provisionedTypes + [
        "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine", "AWS::ECS::TaskDefinition",
    ]

    func read(_ document: JSONValue) throws(TemplateError) -> SAMTemplate {
        guard document.objectValue != nil else { throw TemplateError(path: path, "the template is not a mapping of sections") }
        guard let resources = document["Resources"]?.objectValue else {
            throw TemplateError(path: path, "the template has no Resources section")
        }
        let globals = try functionGlobals(document["Globals"])
        var findings: [TemplateFinding] = []
        var resolver = CloudFormationResolver(
            mappings: document["Mappings"]?.objectValue ?? [:], region: options.region,
            languageExtensions: transforms(of: document, findings: &findings).contains("AWS::LanguageExtensions"),
            importValues: options.importValues, references: options.references)
        let parameters = ParameterReader(overrides: options.parameterOverrides, references: options.references).read(document["Parameters"])
        resolver.parameters = parameters.values
        findings += parameters.findings
        let conditions = ConditionEvaluation(section: document["Conditions"]?.objectValue ?? [:], resolver: resolver)
        resolver = conditions.resolver
        findings += conditions.findings

        var created: [String: JSONValue] = [:]
        for (logicalID, resource) in resources {
            guard let type = resource["Type"]?.stringValue else {
                findings.append(TemplateFinding(.error, resource: logicalID, "the resource has no Type"))
                continue
            }
            guard let condition = resource["Condition"]?.stringValue else {
                created[logicalID] = resource
                continue
            }
            switch resolver.conditions[condition] {
            case true?: created[logicalID] = resource
            case false?: resolver.omitted[logicalID] = condition
            case nil:
                resolver.omitted[logicalID] = condition
                findings.append(TemplateFinding(
                    Self.severity(of: type), resource: logicalID, property: "Condition",
                    "the condition \(condition) is not defined or could not be evaluated, so the resource is left out"))
            }
        }
        resolver.resources = name(created, resolver: resolver, findings: &findings)

        var functions: [String: FunctionConfiguration] = [:]
        var refused: [String: TemplateFinding] = [:]
        let reader = FunctionReader(templatePath: path, resolver: resolver, codeDirectories: options.codeDirectories)
        for (logicalID, resource) in created {
            let type = resource["Type"]?.stringValue ?? ""
            var properties = resource["Properties"]?.objectValue ?? [:]
            switch type {
            case "AWS::Serverless::Function":
                properties = FunctionGlobals.apply(globals, to: properties, ignoring: resource["IgnoreGlobals"])
                fallthrough
            case "AWS::Lambda::Function":
                let (function, problems) = reader.read(name: logicalID, type: type, properties: properties)
                functions[logicalID] = function
                refused[logicalID] = function == nil ? problems.first : nil
                findings += problems
            case "AWS::Serverless::Application", "AWS::CloudFormation::Stack":
                let location = (try? resolver.resolve(properties["Location"] ?? properties["TemplateURL"] ?? .null))??.scalarText
                findings.append(TemplateFinding(
                    .warning, resource: logicalID,
                    "nested applications are not run locally\(location.map { " (\($0))" } ?? ""): their resources are not created "
                        + "and their functions are not listed; run the nested template on its own"))
            default:
                break
            }
        }
        let template = SAMTemplate(
            path: path, functions: functions, refusedFunctions: refused, findings: findings, resources: resolver.resources,
            outputs: [:], document: document, resolver: resolver)
        let outputs = outputs(of: document, resolver: resolver)
        return SAMTemplate(
            path: path, functions: functions, refusedFunctions: refused,
            findings: findings + outputs.findings + checks(of: template), resources: resolver.resources,
            outputs: outputs.values, document: document, resolver: resolver)
    }

    /// `Globals.Function`, which must be a mapping as `Globals` itself must.
    private func functionGlobals(_ section: JSONValue?) throws(TemplateError) -> [String: JSONValue] {
        guard let section else { return [:] }
        guard let members = section.objectValue else {
            throw TemplateError(path: path, "Globals must be a mapping of resource kinds (Function, Api, …), not \(section.serialized())")
        }
        guard let function = members["Function"] else { return [:] }
        guard let properties = function.objectValue else {
            throw TemplateError(path: path, "Globals.Function must be a mapping of function properties, not \(function.serialized())")
        }
        return properties
    }

    /// The template's `Transform`s; any but SAM's and the language extensions is not applied
    /// locally, which is a warning: the template is read as written.
    private func transforms(of document: JSONValue, findings: inout [TemplateFinding]) -> [String] {
        let declared = document["Transform"].map { $0.arrayValue?.compactMap(\.stringValue) ?? [$0.stringValue ?? ""] } ?? []
        for name in declared where name != "AWS::Serverless-2016-10-31" && name != "AWS::LanguageExtensions" {
            findings.append(TemplateFinding(.warning, template: "the transform \(name) is not applied locally: only SAM's and AWS::LanguageExtensions are"))
        }
        return declared
    }

    /// Every created resource with its physical name: its own name property (`BucketName`,
    /// `FunctionName`, …) when set, which may use parameters and conditions but no resource.
    private func name(_ created: [String: JSONValue], resolver: CloudFormationResolver, findings: inout [TemplateFinding]) -> [String: LocalResource] {
        var named: [String: LocalResource] = [:]
        for (logicalID, resource) in created {
            let type = resource["Type"]?.stringValue ?? ""
            var explicitName: String?
            if let property = LocalResource.nameProperty(of: type), let value = resource["Properties"]?[property] {
                do {
                    explicitName = try resolver.resolve(value).map(resolver.text)
                } catch {
                    findings.append(TemplateFinding(Self.severity(of: type), resource: logicalID, property: property, error.message))
                }
            }
            named[logicalID] = LocalResource(
                logicalID: logicalID, type: type, explicitName: explicitName, stackName: resolver.stackName, region: resolver.region,
                accountID: CloudFormationResolver.accountID)
        }
        return named
    }

    /// The outputs whose condition holds, resolved to text.
    private func outputs(of document: JSONValue, resolver: CloudFormationResolver) -> (values: [String: String], findings: [TemplateFinding]) {
        var values: [String: String] = [:]
        var findings: [TemplateFinding] = []
        for (name, output) in document["Outputs"]?.objectValue ?? [:] {
            if let condition = output["Condition"]?.stringValue {
                do {
                    guard try resolver.condition(named: condition, in: "Condition") else { continue }
                } catch {
                    findings.append(TemplateFinding(.warning, output: name, error.message))
                    continue
                }
            }
            guard let value = output["Value"] else {
                findings.append(TemplateFinding(.warning, output: name, "the output has no Value"))
                continue
            }
            do {
                values[name] = try resolver.string(value)
            } catch {
                findings.append(TemplateFinding(.warning, output: name, error.message))
            }
        }
        return (values, findings)
    }

    /// The resources `up` creates, the state machines and the task definitions, each resolved
    /// now so that a problem in one is reported before a command needs it. A name property was
    /// checked when the resource was named.
    private func checks(of template: SAMTemplate) -> [TemplateFinding] {
        var findings: [TemplateFinding] = []
        for resource in template.resources.values.sorted(by: { $0.logicalID < $1.logicalID })
        where Self.blockingTypes.contains(resource.type) {
            let id = resource.logicalID
            guard resource.isStateMachine || resource.type == "AWS::ECS::TaskDefinition" else {
                let properties = template.document["Resources"]?[id]?["Properties"]?.objectValue ?? [:]
                for (key, value) in properties where key != LocalResource.nameProperty(of: resource.type) {
                    do {
                        _ = try template.resolver.resolve(value)
                    } catch {
                        findings.append(TemplateFinding(.error, resource: id, property: key, error.message))
                    }
                }
                continue
            }
            do {
                if resource.isStateMachine {
                    _ = try template.stateMachineDefinition(named: id)
                } else {
                    _ = try template.taskDefinition(named: id)
                }
            } catch {
                var message = Substring(error.message)
                for prefix in ["state machine \(id): ", "resource \(id): "] where message.hasPrefix(prefix) {
                    message = message.dropFirst(prefix.count)
                }
                findings.append(TemplateFinding(.error, resource: id, String(message)))
            }
        }
        return findings
    }

    private static func severity(of type: String) -> TemplateFinding.Severity {
        blockingTypes.contains(type) ? .error : .warning
    }
}
