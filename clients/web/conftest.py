"""Fixtures for the nhs-league-web browser tests: a live nhs-league-server and the
gateway in front of it (both on free loopback ports), and headless Chromium."""

import os
import pathlib
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("NHS_LEAGUE_BUILD_DIR", ROOT / ".build" / "debug"))
SCREENSHOTS = pathlib.Path(os.environ.get("NHS_LEAGUE_WEB_SCREENSHOTS", ROOT / ".build" / "web-screenshots"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Process:
    """A child process whose output goes to a log file; stops with SIGTERM."""

    def __init__(self, args, env=None, ready=None, timeout=120):
        self.log = open(SCREENSHOTS.parent / f"web-test-{pathlib.Path(args[0]).name}-{os.getpid()}-{time.time_ns()}.log", "w+")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        if ready:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                self.log.seek(0)
                match = re.search(ready, self.log.read())
                if match:
                    self.match = match
                    return
                if self.proc.poll() is not None:
                    break
                time.sleep(0.1)
            self.log.seek(0)
            raise RuntimeError(f"{args[0]} did not start:\n{self.log.read()}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_server(port):
    return Process(
        [str(BUILD / "nhs-league-server"), "--port", str(port)], ready=r"nhs-league-server listening on (\S+)"
    )


def start_web(upstream_port):
    env = dict(os.environ, NHS_LEAGUE_ADDR=f"127.0.0.1:{upstream_port}")
    web = Process(
        [str(BUILD / "nhs-league-web"), "--port", "0"], env=env, ready=r"nhs-league-web listening on .*:(\d+)"
    )
    web.base = f"http://127.0.0.1:{web.match.group(1)}"
    return web


@pytest.fixture(scope="session")
def stack():
    """One server and one gateway for the whole session: `stack.base` is the site's URL."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = start_server(port)
    web = start_web(port)
    web.server_port = port
    yield web
    web.stop()
    server.stop()


class Fetched:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, accept="text/html", headers=None, follow=True):
    request = urllib.request.Request(url, headers={"Accept": accept, **(headers or {})})
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return Fetched(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, error.headers, error.read())


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's package) through chromedriver, with JavaScript on (axe needs it)."""
    driver = make_driver(javascript=True)
    yield driver
    driver.quit()


def make_driver(javascript):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    service = Service(os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    return driver
