"""Man pages and completions are generated from the tools' own command
definitions; this fails when the checked-in copies are stale."""
import subprocess


def test_generated_docs_are_current(bin_dir, root):
    proc = subprocess.run([str(root / "scripts/gen-docs"), "--check", "--bin", str(bin_dir)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
