"""Transforms a SAM template into the CloudFormation template that CloudFormation's AWS::Serverless-2016-10-31
transform would deploy, with AWS's own translator (aws-sam-translator, which the SAM CLI in .tools/sam brings).

The test suite deploys every generated SAM project into LocalStack (generator/src/test/java/dev/sluice/it/
EmulatorDeployment.java). LocalStack's CloudFormation applies the SAM transform too, but leaves some of what
AWS's resolves unresolved (`!Ref Api.Stage`, the stage a usage plan names); so the suite transforms first,
as CloudFormation does, and deploys the result. The function's code must be an S3 object for the translator
(as after `sam deploy`, which uploads it): --code-uri names it, in place of every local CodeUri.

    .tools/sam/bin/python scripts/sam-transform.py TEMPLATE.yaml --code-uri s3://BUCKET/KEY \
        [--region us-east-1] [--account-id 000000000000] > TEMPLATE.json
"""

import argparse
import json
import logging
import sys

from boto3.session import Session
from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator
from samtranslator.yaml_helper import yaml_parse


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("template")
    parser.add_argument("--code-uri", required=True, help="s3://bucket/key of the function code")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--account-id", default="000000000000")
    args = parser.parse_args()
    # The translator warns that its default feature-toggle configuration lacks a feature it asks about; nothing to act on.
    logging.getLogger("samtranslator.feature_toggle").setLevel(logging.ERROR)

    with open(args.template, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(properties.get("CodeUri", "."), str) \
                and not properties.get("CodeUri", ".").startswith("s3://"):
            properties["CodeUri"] = args.code_uri

    # What CloudFormation hands the transform besides the template: the pseudo parameters (the translator adds the
    # parameters' defaults; the suite passes no parameter). The region comes from a session made here: no AWS
    # configuration is read. The managed policy map (IAM's names of AWS managed policies) serves only a function's
    # Policies given by name; the generated templates give their roles explicitly, so it is empty.
    translator = Translator({}, Parser(), boto_session=Session(region_name=args.region))
    try:
        transformed = translator.translate(template, {"AWS::AccountId": args.account_id}, get_managed_policy_map=dict)
    except InvalidDocumentException as e:
        print("sam-transform: " + "; ".join(cause.message for cause in e.causes), file=sys.stderr)
        sys.exit(1)
    json.dump(transformed, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
