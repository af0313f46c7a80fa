#!/usr/bin/env python3
"""Checks deploy/: every policy is valid JSON and least-privilege (only the expected actions,
on the seven tables), and deploy.sh's AWS CLI commands exist with the parameters it passes
(checked offline against botocore's service models when botocore is installed).

    python3 tests/lambda/policy_test.py [REPO_ROOT]
"""
import json
import os
import shlex
import subprocess
import sys
import unittest

ROOT = os.path.abspath(
    sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
DEPLOY = os.path.join(ROOT, "deploy")

TABLES = ["users", "components", "subcomponents", "comments", "maintenances", "analytics",
          "subcomponentFailures"]
TABLE_RESOURCES = {f"arn:aws:dynamodb:*:*:table/{t}" for t in TABLES} | {
    f"arn:aws:dynamodb:*:*:table/{t}/index/*" for t in TABLES}

# What the function's code calls (see deploy/README.md, "Why these actions"); the etl_handler
# test in test_lambda records the operations run_etl really issues and checks them against
# the policy file from the other side.
FUNCTION_DYNAMODB_ACTIONS = {
    "dynamodb:BatchWriteItem", "dynamodb:DescribeTable", "dynamodb:Query", "dynamodb:Scan",
    "dynamodb:UpdateItem",
}
# Actions granted on fewer resources than the seven tables and their indexes: the ETL writes
# components with UpdateItem (keeping createdAt) and nothing else with it.
SCOPED_ACTIONS = {"dynamodb:UpdateItem": {"arn:aws:dynamodb:*:*:table/components"}}
LOG_ACTIONS = {"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"}
DEVELOPER_DYNAMODB_ACTIONS = FUNCTION_DYNAMODB_ACTIONS | {
    "dynamodb:CreateTable", "dynamodb:UpdateTable", "dynamodb:DeleteTable", "dynamodb:ListTables",
    "dynamodb:GetItem", "dynamodb:PutItem"}


def load(name):
    with open(os.path.join(DEPLOY, name), encoding="utf-8") as f:
        return json.load(f)


def as_list(v):
    return v if isinstance(v, list) else [v]


def statements(policy):
    return as_list(policy["Statement"])


def actions_of(policy):
    return {a for s in statements(policy) for a in as_list(s["Action"])}


def expected_resources(test, acts):
    """The resources a DynamoDB statement granting `acts` must name: a scoped action stands
    alone in its statement, with exactly its resources; the others get the seven tables."""
    scoped = acts & SCOPED_ACTIONS.keys()
    if not scoped:
        return TABLE_RESOURCES
    test.assertEqual(len(acts), 1, f"{sorted(scoped)} must be alone in its statement: {acts}")
    return SCOPED_ACTIONS[next(iter(scoped))]


class PolicyFiles(unittest.TestCase):
    def test_every_json_file_parses_and_has_the_policy_version(self):
        names = sorted(n for n in os.listdir(DEPLOY) if n.endswith(".json"))
        self.assertGreaterEqual(len(names), 4, names)
        for name in names:
            with self.subTest(name=name):
                policy = load(name)
                self.assertEqual(policy["Version"], "2012-10-17")
                for s in statements(policy):
                    self.assertEqual(s["Effect"], "Allow")
                    self.assertNotIn("NotAction", s)
                    self.assertNotIn("NotResource", s)

    def test_no_wildcard_actions_anywhere(self):
        for name in ("iam-policy.json", "developer-policy.json", "deployer-policy.json"):
            for action in actions_of(load(name)):
                with self.subTest(name=name, action=action):
                    self.assertNotIn("*", action)

    def test_function_policy_is_exactly_the_etl_actions_on_the_seven_tables(self):
        policy = load("iam-policy.json")
        self.assertEqual(actions_of(policy), FUNCTION_DYNAMODB_ACTIONS | LOG_ACTIONS)
        for s in statements(policy):
            acts = set(as_list(s["Action"]))
            resources = set(as_list(s["Resource"]))
            if any(a.startswith("dynamodb:") for a in acts):
                self.assertTrue(acts <= FUNCTION_DYNAMODB_ACTIONS, acts)
                self.assertEqual(resources, expected_resources(self, acts))
            else:
                self.assertTrue(acts <= LOG_ACTIONS, acts)
                for r in resources:
                    self.assertTrue(r.startswith("arn:aws:logs:*:*:log-group:/aws/lambda/"), r)

    def test_trust_policy_lets_only_lambda_assume_the_role(self):
        (s,) = statements(load("trust-policy.json"))
        self.assertEqual(s["Principal"], {"Service": "lambda.amazonaws.com"})
        self.assertEqual(s["Action"], "sts:AssumeRole")

    def test_developer_policy_is_dynamodb_on_the_tables_only(self):
        policy = load("developer-policy.json")
        self.assertEqual(actions_of(policy), DEVELOPER_DYNAMODB_ACTIONS)
        for s in statements(policy):
            resources = set(as_list(s["Resource"]))
            if as_list(s["Action"]) == ["dynamodb:ListTables"]:
                # ListTables cannot be scoped to tables: AWS requires "*" for it.
                self.assertEqual(resources, {"*"})
            else:
                self.assertEqual(resources, expected_resources(self, set(as_list(s["Action"]))))

    def test_update_item_is_granted_on_the_components_table_only(self):
        for name in ("iam-policy.json", "developer-policy.json"):
            granted = {r for s in statements(load(name)) if "dynamodb:UpdateItem" in as_list(s["Action"])
                       for r in as_list(s["Resource"])}
            self.assertEqual(granted, {"arn:aws:dynamodb:*:*:table/components"}, name)

    def test_deployer_policy_is_scoped_to_the_function_its_role_and_its_rule(self):
        policy = load("deployer-policy.json")
        for s in statements(policy):
            for r in as_list(s["Resource"]):
                with self.subTest(resource=r):
                    self.assertNotEqual(r, "*")
                    self.assertTrue("xrouting-etl" in r, r)
            if "iam:PassRole" in as_list(s["Action"]):
                self.assertEqual(s["Condition"]["StringEquals"]["iam:PassedToService"],
                                 "lambda.amazonaws.com")


def dry_run(existing):
    env = dict(os.environ, DRY_RUN_EXISTING="1" if existing else "0")
    for k in ("FUNCTION_NAME", "ROLE_NAME", "RULE_NAME", "SCHEDULE"):
        env.pop(k, None)
    out = subprocess.run(["bash", os.path.join(DEPLOY, "deploy.sh"), "--dry-run"], env=env,
                         capture_output=True, text=True, timeout=60, check=True)
    return [shlex.split(line[2:])[1:] for line in out.stderr.splitlines()
            if line.startswith("+ aws ")]


class DeployScript(unittest.TestCase):
    def test_dry_run_covers_role_function_and_schedule(self):
        for existing in (False, True):
            with self.subTest(existing=existing):
                ops = [c[0] + " " + c[1] for c in dry_run(existing)]
                self.assertIn("iam put-role-policy", ops)
                self.assertIn("events put-rule", ops)
                self.assertIn("events put-targets", ops)
                self.assertIn("lambda add-permission", ops)
                self.assertIn("lambda update-function-code" if existing else
                              "lambda create-function", ops)

    def test_function_settings(self):
        (create,) = [c for c in dry_run(False) if c[:2] == ["lambda", "create-function"]]
        args = dict(zip(create[2::2], create[3::2]))
        self.assertEqual(args["--runtime"], "provided.al2023")
        self.assertEqual(args["--handler"], "bootstrap")
        self.assertEqual(args["--architectures"], "x86_64")
        self.assertEqual(args["--memory-size"], "256")
        self.assertEqual(args["--timeout"], "300")
        (rule,) = [c for c in dry_run(False) if c[:2] == ["events", "put-rule"]]
        self.assertIn("rate(6 hours)", rule)

    def test_commands_and_parameters_exist_in_the_aws_api(self):
        try:
            import botocore.session
            from botocore import xform_name
        except ImportError:
            self.skipTest("botocore is not installed")
        session = botocore.session.get_session()
        for existing in (False, True):
            for cmd in dry_run(existing):
                service, op = cmd[0], cmd[1]
                with self.subTest(cmd=" ".join(cmd[:2])):
                    model = session.get_service_model(service)
                    if op == "wait":
                        waiters = session.get_waiter_model(service).waiter_names
                        self.assertIn(cmd[2], [xform_name(w, "-") for w in waiters])
                        continue
                    names = {xform_name(n, "-"): n for n in model.operation_names}
                    self.assertIn(op, names)
                    members = model.operation_model(names[op]).input_shape.members
                    cli_params = {xform_name(m, "-") for m in members}
                    # The CLI's one customization used here: create-function --zip-file fills
                    # Code.ZipFile.
                    if (service, op) == ("lambda", "create-function"):
                        cli_params.add("zip-file")
                    for flag in (a for a in cmd[2:] if a.startswith("--")):
                        self.assertIn(flag[2:], cli_params, f"{service} {op} {flag}")


if __name__ == "__main__":
    unittest.main(verbosity=1)
