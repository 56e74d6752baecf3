import subprocess


def test_version():
    assert subprocess.run(["acme"], capture_output=True, text=True, check=True).stdout.startswith("acme ")
