"""A language client for the scripts that drive `copydesk server` over its
real stdio (scripts/bench-server, scripts/stress-server): Content-Length
framing, requests matched to responses, notifications kept until asked for,
the server's log and memory figures."""
import json
import os
import queue
import re
import subprocess
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE = open(os.path.join(ROOT, "tests/fixtures/news-page.txt"), encoding="utf-8").read()
# How long any one wait may take before the server is taken to be stuck.
PATIENCE = 120


def text_of(chars=None, size_bytes=None):
    """The seed page repeated to at least this size, cut at a line end."""
    lines = []
    count = 0
    while True:
        for line in PAGE.splitlines(keepends=True):
            lines.append(line)
            count += len(line) if chars else len(line.encode("utf-8"))
            if count >= (chars or size_bytes):
                return "".join(lines)


def long_line(chars):
    """One line of this many characters: the seed page's lines joined, as
    text pasted from systems that keep a paragraph per line."""
    text = ""
    size = chars
    while len(text) < chars:
        size *= 2
        text = "".join(text_of(chars=size).splitlines())
    return text[:chars]


def build_release():
    """The release binary, built; or COPYDESK_BINARY's, as it is."""
    if os.environ.get("COPYDESK_BINARY"):
        return os.environ["COPYDESK_BINARY"]
    subprocess.run(
        ["cargo", "build", "--release", "--locked", "--bin", "copydesk"],
        cwd=ROOT,
        check=True,
    )
    return os.path.join(ROOT, "target/release/copydesk")


class Server:
    def __init__(self, binary, log="copydesk=debug"):
        env = dict(os.environ, COPYDESK_LOG=log)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [binary, "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self.messages = queue.Queue()
        self.kept = []
        self.log = []
        self.next_id = 0
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self):
        out = self.process.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = out.read(length)
            self.messages.put((time.perf_counter(), json.loads(body)))

    def _read_stderr(self):
        for line in self.process.stderr:
            self.log.append(line.decode("utf-8", "replace"))

    def send(self, message):
        self.send_body(json.dumps(message, ensure_ascii=False).encode("utf-8"))

    def send_body(self, body):
        self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def send_bytes(self, data):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def wait_for(self, wanted):
        """The first message (kept or arriving) for which wanted(message)."""
        for index, (arrived, message) in enumerate(self.kept):
            if wanted(message):
                del self.kept[index]
                return message
        while True:
            arrived, message = self.messages.get(timeout=PATIENCE)
            if "method" in message and "id" in message:
                # A request from the server (a refresh): answered.
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            if wanted(message):
                return message
            self.kept.append((arrived, message))

    def published(self, uri, wanted=lambda diagnostics: True):
        """The next published diagnostics of a document that wanted() accepts."""
        message = self.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and wanted(m["params"]["diagnostics"])
        )
        return message["params"]


    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        response = self.request_raw(method, params)
        if "error" in response:
            raise RuntimeError(f"{method} failed: {response['error']}")
        return response.get("result")

    def request_raw(self, method, params):
        self.next_id += 1
        request_id = self.next_id
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        return self.wait_for(lambda m: m.get("id") == request_id and "method" not in m)

    def initialize(self):
        self.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        self.notify("initialized", {})

    def open(self, uri, text, version=1):
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}},
        )

    def diagnostics_of(self, uri, version):
        """The diagnostics published for one version of a document."""
        message = self.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and m["params"].get("version") == version
        )
        return message["params"]["diagnostics"]

    def diagnostics(self, uri, version):
        """Waits for a version's diagnostics; returns when they were read."""

        def wanted(message):
            params = message.get("params") or {}
            return (
                message.get("method") == "textDocument/publishDiagnostics"
                and params.get("uri") == uri
                and params.get("version") == version
            )

        for index, (arrived, message) in enumerate(self.kept):
            if wanted(message):
                del self.kept[index]
                return arrived
        while True:
            arrived, message = self.messages.get(timeout=PATIENCE)
            if wanted(message):
                return arrived
            self.kept.append((arrived, message))

    def logged_ms(self, pattern):
        """The figure of the last log line matching a pattern."""
        for line in reversed(self.log):
            match = re.search(pattern, line)
            if match:
                return float(match.group(1))
        return None

    def rss_kib(self):
        status = open(f"/proc/{self.process.pid}/status").read()
        figures = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M))
        return int(figures["VmRSS"]), int(figures["VmHWM"])

    def stop(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=30)


