"""A DynamoDB provider for LocalStack that answers from moto instead of DynamoDB Local.

LocalStack's own DynamoDB provider forwards every request to DynamoDB Local, a Java server it downloads (with a
JDK) on first use: nothing outside the package registries can be downloaded here, and DynamoDB Local's licence
rules it out for this project anyway. moto (moto-ext, which LocalStack's runtime brings) implements the DynamoDB
API in Python; the generated projects' idempotency store is already proven against moto's server by
scripts/verify-project. Selected with ``PROVIDER_OVERRIDE_DYNAMODB=sluice-moto``: CloudFormation then creates an
AWS::DynamoDB::Table (key schema, billing mode, TTL, encryption, point-in-time recovery) in moto.
"""

from localstack.aws.api.dynamodb import DynamodbApi
from localstack.services.plugins import Service, ServiceLifecycleHook, aws_provider


class MotoDynamoDBProvider(DynamodbApi, ServiceLifecycleHook):
    """Implements no operation itself: the dispatcher hands every request to moto."""


@aws_provider(api="dynamodb", name="sluice-moto")
def dynamodb_moto() -> Service:
    from localstack.services.moto import MotoFallbackDispatcher

    return Service.for_provider(MotoDynamoDBProvider(), dispatch_table_factory=MotoFallbackDispatcher)
