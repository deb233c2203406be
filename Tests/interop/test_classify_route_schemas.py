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


@pytest.mark.parametrize("schema,example", [
    ("policy", "policy"), ("policy", "policy-v2"), ("catalogue", "catalogue"), ("health", "health")])
def test_examples_validate(schema, example):
    errors = list(validator(schema).iter_errors(load(example)))
    assert errors == []


def run_with_file(content, command):
    """Writes `content` as JSON to a temporary file, runs `command(path)`
    (a list of arguments; the first names a tool in BIN) and returns the
    result and the path."""
    executable = os.path.join(BIN, command("")[0])
    if not os.access(executable, os.X_OK):
        pytest.skip(f"{executable} not built")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(content, handle, indent=1)
    try:
        arguments = command(handle.name)
        return subprocess.run([executable] + arguments[1:], capture_output=True, text=True), handle.name
    finally:
        os.unlink(handle.name)


@pytest.mark.parametrize("mutate,field", [
    (lambda p: p.update({"defualt_level": "PUBLIC"}), "defualt_level"),
    (lambda p: p["rules"][0].update({"level": "SECRET"}), "rules[0].level"),
    (lambda p: p["routing"]["rules"][1]["require"].update({"residency": "europe"}), "routing.rules[1].require.residency"),
])
def test_schema_and_tool_agree_on_bad_policies(mutate, field):
    policy = load("policy")
    mutate(policy)
    assert list(validator("policy").iter_errors(policy)), "schema accepted it"
    result, path = run_with_file(policy, lambda path: ["tp-classify", "policy", "check", path])
    assert result.returncode == 2
    assert field in result.stderr and path in result.stderr


def test_schema_and_tool_agree_on_negative_price():
    catalogue = load("catalogue")
    catalogue["models"][2]["price"]["output_per_mtok"] = -1
    assert list(validator("catalogue").iter_errors(catalogue))
    result, _ = run_with_file(catalogue, lambda path: ["tp-route", "check", "--catalogue", path])
    assert result.returncode == 2
    assert "models[2].price.output_per_mtok: negative price -1" in result.stderr
