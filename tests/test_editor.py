"""Editor support, for real: yaml-language-server (npm) reports an unknown field against our schema association."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT

SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


class LanguageServer:
    """A yaml-language-server over stdio, speaking just enough LSP to open a file and read its diagnostics."""

    def __init__(self, root: Path, settings: dict) -> None:
        self.settings = settings
        self.process = subprocess.Popen(
            ["node", str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.messages: queue.Queue[dict] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.send(
            {
                "id": 1,
                "method": "initialize",
                "params": {
                    "processId": None,
                    "rootUri": root.as_uri(),
                    "capabilities": {"workspace": {"configuration": True}},
                    "workspaceFolders": [{"uri": root.as_uri(), "name": "kb"}],
                },
            }
        )
        self.send({"method": "initialized", "params": {}})
        self.send({"method": "workspace/didChangeConfiguration", "params": {"settings": {"yaml": settings}}})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                chunk = stream.read(1)
                if not chunk:
                    return
                header += chunk
            length = next(
                int(line.split(":")[1])
                for line in header.decode().split("\r\n")
                if line.lower().startswith("content-length")
            )
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.process.stdin.flush()

    def diagnostics(self, path: Path, timeout: float = 30) -> list[dict]:
        self.send(
            {
                "method": "textDocument/didOpen",
                "params": {
                    "textDocument": {
                        "uri": path.as_uri(),
                        "languageId": "yaml",
                        "version": 1,
                        "text": path.read_text(encoding="utf-8"),
                    }
                },
            }
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=1)
            except queue.Empty:
                continue
            if message.get("method") == "workspace/configuration":
                self.send({"id": message["id"], "result": [self.settings for _ in message["params"]["items"]]})
            params = message.get("params", {})
            if (
                message.get("method") == "textDocument/publishDiagnostics"
                and params["uri"] == path.as_uri()
                and params["diagnostics"]
            ):
                return params["diagnostics"]
        return []

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.mark.skipif(
    not SERVER.exists() or shutil.which("node") is None, reason="yaml-language-server is not installed: run `npm ci`"
)
def test_language_server_reports_an_unknown_field_through_the_schema_association(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "kb", project / "kb")
    shutil.copytree(ROOT / ".vscode", project / ".vscode")
    record = project / "kb" / "people" / "yoji-muto.yml"
    record.write_text(
        "id: yoji-muto\nname: Yoji Muto\nrole: minister\nsources: [yomiuri-2025-04-17-first-round]\nconfidence: high\n",
        encoding="utf-8",
    )
    vscode = json.loads((project / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    settings = {
        "validate": True,
        "schemaStore": {"enable": False},
        "schemas": {(project / schema).as_uri(): globs for schema, globs in vscode["yaml.schemas"].items()},
    }
    server = LanguageServer(project, settings)
    try:
        found = server.diagnostics(record)
    finally:
        server.close()
    unknown = [d for d in found if "role" in d["message"]]
    assert unknown, found
    assert unknown[0]["range"]["start"] == {"line": 2, "character": 0}  # line 3, where `role:` stands
    assert "person.schema.json" in json.dumps(unknown[0])
