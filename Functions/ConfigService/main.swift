#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AWS
import LambdaRuntime
import SelfService
import SelfServiceSFTP

/// ConfigService: endpoints (checked before activation, SFTP included), schedules, transfer requests and
/// cancellations, behind the API's AWS_IAM routes.
await Lambda.run(initialise: {
    let environment = ProcessInfo.processInfo.environment
    let sftpCheck = SFTPConnectivityCheck(secrets: SecretsManagerClient(client: try AWSClient.fromEnvironment(environment)))
    let api = APIFunction(service: try ConfigService.fromEnvironment(environment, sftpCheck: sftpCheck))
    return { event, context in LambdaResponse(body: api.answer(event, log: context.logger)) }
})
