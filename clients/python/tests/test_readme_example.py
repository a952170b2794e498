"""clients/README.md's worked example matches what the live server sends."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "conformance" / "check_readme_example.py"


def test_readme_example_bytes(server_addr):
    host, port = server_addr
    p = subprocess.run([sys.executable, str(SCRIPT), "%s:%d" % (host, port)],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stdout + p.stderr
