"""Validates real tp-scan output against docs/schema (the documented record
contract), on the bundled examples plus bad lines."""
import json
import subprocess

import jsonschema


def test_output_matches_schema(bin_dir, root):
    schema = json.loads((root / "docs/schema/tappass-record.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    inputs = (root / "examples/requests.jsonl").read_bytes() + b'not json\n[1]\n{"text":"\xff"}\n'
    proc = subprocess.run([bin_dir / "tp-scan", "--no-progress"], input=inputs, capture_output=True)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == inputs.count(b"\n")
    findings = 0
    for line in lines:
        record = json.loads(line)
        validator.validate(record)
        findings += len(record["tappass"].get("findings", []))
    assert findings > 0


def test_file_mode_output_matches_schema(bin_dir, root, tmp_path):
    schema = json.loads((root / "docs/schema/tappass-record.schema.json").read_text())
    source = tmp_path / "settings.py"
    source.write_text("DB_HOST = '10.20.30.40'\nclean = True\n")
    proc = subprocess.run([bin_dir / "tp-scan", str(source)], capture_output=True)
    assert proc.returncode == 1, proc.stderr
    record = json.loads(proc.stdout.decode().splitlines()[0])
    jsonschema.Draft202012Validator(schema).validate(record)
    assert record["tappass"]["findings"][0]["line"] == 1
