/**
 * Where service calls go instead of the public cloud: every AWS call to `aws` (an S3- or
 * DynamoDB-compatible URL), every Dialogflow call to `dialogflow` (`host:port`, plaintext
 * gRPC); a registered service may read its own entry, named after its id. For tests and
 * air-gapped sites; unset in production.
 */
export interface ServiceEndpoints {
  aws?: string | undefined;
  dialogflow?: string | undefined;
  [service: string]: string | undefined;
}
