"""A Lambda runtime executor for LocalStack that prepares nothing and runs nothing.

LocalStack hands every function version to a runtime executor: ``prepare_version`` when the version is
created (LocalStack's Docker executor pulls the runtime image there), ``start`` and ``invoke`` when an
invocation needs an execution environment. Sluice's test suite deploys generated projects to prove what
CloudFormation and API Gateway do with their templates; the consumer's handler is proven by the project's
own local pipeline. So this executor accepts every version (functions, published versions, aliases and
event source mappings are created as in AWS) and fails every invocation with a message saying why.
Selected with ``LAMBDA_RUNTIME_EXECUTOR=sluice-no-invoke``.
"""

from localstack.services.lambda_.invocation.plugins import RuntimeExecutorPlugin
from localstack.services.lambda_.invocation.runtime_executor import (
    LambdaRuntimeException,
    RuntimeExecutor,
)

NOT_EMULATED = (
    "Lambda invocations are not emulated here (LAMBDA_RUNTIME_EXECUTOR=sluice-no-invoke): "
    "the generated project's local pipeline runs the handler"
)


class NoInvokeRuntimeExecutor(RuntimeExecutor):
    """Creates nothing; an execution environment for an invocation fails to start."""

    def start(self, env_vars: dict[str, str]) -> None:
        raise LambdaRuntimeException(NOT_EMULATED)

    def stop(self) -> None:
        pass

    def get_address(self) -> str:
        return "127.0.0.1"

    def get_endpoint_from_executor(self) -> str:
        return "127.0.0.1"

    def get_runtime_endpoint(self) -> str:
        return "http://127.0.0.1/_localstack_lambda/" + self.id

    def invoke(self, payload: dict[str, str]):
        raise LambdaRuntimeException(NOT_EMULATED)

    def get_logs(self) -> str:
        return NOT_EMULATED

    @classmethod
    def prepare_version(cls, function_version) -> None:
        # The Docker executor pulls the runtime image and unpacks the code here; nothing will run.
        pass

    @classmethod
    def cleanup_version(cls, function_version) -> None:
        pass

    @classmethod
    def validate_environment(cls) -> bool:
        return True


class NoInvokeExecutorPlugin(RuntimeExecutorPlugin):
    name = "sluice-no-invoke"

    def load(self, *args, **kwargs):
        return NoInvokeRuntimeExecutor
