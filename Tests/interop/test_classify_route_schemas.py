"""The JSON Schemas in docs/schema agree with the example files and with
the tools' strict loaders: the examples validate, and a file the schema
rejects for an unknown key or level is also rejected by the tool (exit 2,
naming the field)."""
import json, os, subprocess, tempfile

import pytest

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(ROOT, "examples", "classify-route")
BIN = os.environ.get("TAPPASS_BIN", os.path.join(ROOT, ".build", "debug"))


def validator(name):
    schemas = {}
    for file in os.listdir(os.path.join(ROOT, "docs", "schema")):
        with open(os.path.join(ROOT, "docs", "schema", file)) as handle:
            schema = json.load(handle)
        schemas[file] = schema
    registry = referencing.Registry().with_resources(
        [(s["$id"], referencing.Resource.from_contents(s)) for s in schemas.values()])
    return jsonschema.Draft202012Validator(schemas[name + ".schema.json"], registry=registry)


def load(name):
    with open(os.path.join(EXAMPLES, name + ".json")) as handle:
        return json.load(handle)


@pytest.mark.parametrize("name", ["policy", "catalogue", "health"])
def test_examples_validate(name):
    errors = list(validator(name).iter_errors(load(name)))
    assert errors == []


def tool(name):
    path = os.path.join(BIN, name)
    if not os.access(path, os.X_OK):
        pytest.skip(f"{name} not built in {BIN}")
    return path


@pytest.mark.parametrize("mutate,field", [
    (lambda p: p.update({"defualt_level": "PUBLIC"}), "defualt_level"),
    (lambda p: p["rules"][0].update({"level": "SECRET"}), "rules[0].level"),
    (lambda p: p["routing"]["rules"][1]["require"].update({"residency": "europe"}), "routing.rules[1].require.residency"),
])
def test_schema_and_tool_agree_on_bad_policies(mutate, field):
    policy = load("policy")
    mutate(policy)
    assert list(validator("policy").iter_errors(policy)), "schema accepted it"
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(policy, handle, indent=1)
    try:
        result = subprocess.run([tool("tp-classify"), "policy", "check", handle.name], capture_output=True, text=True)
    finally:
        os.unlink(handle.name)
    assert result.returncode == 2
    assert field in result.stderr and handle.name in result.stderr


def test_schema_and_tool_agree_on_negative_price():
    catalogue = load("catalogue")
    catalogue["models"][2]["price"]["output_per_mtok"] = -1
    assert list(validator("catalogue").iter_errors(catalogue))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(catalogue, handle, indent=1)
    try:
        result = subprocess.run([tool("tp-route"), "check", "--catalogue", handle.name], capture_output=True, text=True)
    finally:
        os.unlink(handle.name)
    assert result.returncode == 2
    assert "models[2].price.output_per_mtok: negative price -1" in result.stderr
