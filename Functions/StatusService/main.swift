import LambdaRuntime
import SelfService

/// StatusService: a customer's jobs, one or a page at a time, behind the API's AWS_IAM routes.
await Lambda.run(initialise: {
    let api = APIFunction(service: try StatusService.fromEnvironment())
    return { event, context in LambdaResponse(body: api.answer(event, log: context.logger)) }
})
