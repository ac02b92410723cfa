"""Transforms a SAM template into the CloudFormation template AWS's SAM transform would make of it,
with AWS's own translator (aws-sam-translator, the library behind `Transform:
AWS::Serverless-2016-10-31`), offline: managed policy ARNs are resolved from the translator's
bundled list instead of IAM.

Usage: sam-translate.py PACKAGED_TEMPLATE OUT_JSON [Name=Value ...]
  PACKAGED_TEMPLATE  a template whose code is in S3 (`aws cloudformation package`'s output)
  OUT_JSON           where the CloudFormation template is written
  Name=Value         parameter values the transform may need (AWS::Region defaults to us-east-1)
"""
import json
import sys

from samtranslator.internal.managed_policies import get_bundled_managed_policy_map
from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.translator.managed_policy_translator import ManagedPolicyLoader
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class BundledPolicies(ManagedPolicyLoader):
    """The AWS managed policies' ARNs by name, from the translator's own list, not from IAM."""

    def __init__(self):
        super().__init__(iam_client=None)

    def load(self):
        return get_bundled_managed_policy_map("aws") or {}


def main(argv):
    if len(argv) < 3 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr if len(argv) < 3 else sys.stdout)
        return 2 if len(argv) < 3 else 0
    with open(argv[1]) as file:
        template = yaml_parse(file.read())
    parameters = {"AWS::Region": "us-east-1"}
    for pair in argv[3:]:
        name, _, value = pair.partition("=")
        parameters[name] = value
    try:
        output = transform(template, parameters, BundledPolicies())
    except InvalidDocumentException as error:
        for cause in error.causes:
            print(f"sam-translate: {cause.message}", file=sys.stderr)
        return 1
    with open(argv[2], "w") as file:
        # Compact: CloudFormation takes a template body of at most 51,200 bytes inline.
        json.dump(output, file, separators=(",", ":"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
