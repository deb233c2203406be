"""OCSF export of tp-audit validated against the OCSF models (py-ocsf-models).

Appends records with PII and secret findings, exports them with
`tp-audit export --format ocsf`, and checks that every line is a valid OCSF
Detection Finding and that no detected value appears anywhere in the output.
"""
import json
import os
import subprocess
import tempfile

from py_ocsf_models.events.findings.detection_finding import DetectionFinding

BIN = os.path.join(os.environ.get("TAPPASS_BIN", ".build/debug"), "tp-audit")

SECRETS = ["jane.doe@example.com", "555-0100", "AKIAABCDEFGHIJKLMNOP"]

RECORDS = [
    {"org_id": "acme", "agent_id": "support-bot",
     "messages": [{"role": "user", "content": "mail me at jane.doe@example.com or call 555-0100"}],
     "tappass": {"version": 1, "action": "redact", "findings": [
         {"step": "detect_pii", "type": "email", "path": "messages[0].content", "start": 11, "end": 31,
          "value": "jane.doe@example.com"},
         {"step": "detect_pii", "type": "phone", "path": "messages[0].content", "start": 40, "end": 48}]}},
    {"org_id": "acme", "agent_id": "ops-bot", "text": "key=AKIAABCDEFGHIJKLMNOP",
     "tappass": {"action": "block", "findings": [
         {"step": "detect_secrets", "type": "aws_key", "severity": "critical", "path": "text", "start": 4, "end": 24}]}},
    {"org_id": "acme", "agent_id": "ops-bot", "text": "plain request", "tool": "read_file"},
]


def run(*args, stdin=None):
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, check=False)


def test_ocsf_export_validates_and_is_redacted():
    with tempfile.TemporaryDirectory() as directory:
        db = os.path.join(directory, "audit.db")
        lines = "".join(json.dumps(record) + "\n" for record in RECORDS).encode()
        appended = run("append", "--db", db, stdin=lines)
        assert appended.returncode == 0, appended.stderr
        exported = run("export", "--db", db, "--format", "ocsf")
        assert exported.returncode == 0, exported.stderr
        output = exported.stdout.decode()
        for secret in SECRETS:
            assert secret not in output
        events = [json.loads(line) for line in output.splitlines()]
        assert len(events) == len(RECORDS)
        for event in events:
            finding = DetectionFinding.model_validate(event)
            assert finding.class_uid == 2004
            assert finding.type_uid == finding.class_uid * 100 + finding.activity_id
            assert finding.metadata.product.vendor_name == "TapPass"
        assert [event["severity_id"] for event in events] == [3, 4, 1]
        assert events[0]["unmapped"]["record"]["messages"][0]["content"] == \
            "mail me at [REDACTED:email] or call [REDACTED:phone]"
