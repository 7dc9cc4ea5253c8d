"""The conformance suite: the emulator driven by clients nobody on this team wrote (botocore, the AWS CLI v1), each
answer checked against the service model botocore ships. Run it with `npm run test:conformance`."""
import base64
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import urllib.request

import botocore.session
import pytest
from botocore.config import Config

ROOT = pathlib.Path(__file__).resolve().parents[2]
ACCESS_KEY = 'AKIAEMULATOREXAMPLE'
SECRET_KEY = 'emulatorSecretKeyExample'
REGION = 'us-east-1'

# Nothing here reads the user's ~/.aws: the clients get empty config files and the emulator's keys.
_HOME = tempfile.mkdtemp(prefix='bedrock-conformance-')
ISOLATED_ENV = {
    'HOME': _HOME,
    'AWS_CONFIG_FILE': os.path.join(_HOME, 'config'),
    'AWS_SHARED_CREDENTIALS_FILE': os.path.join(_HOME, 'credentials'),
    'AWS_EC2_METADATA_DISABLED': 'true',
    'AWS_ACCESS_KEY_ID': ACCESS_KEY,
    'AWS_SECRET_ACCESS_KEY': SECRET_KEY,
    'AWS_DEFAULT_REGION': REGION,
    'AWS_PAGER': '',
}
for _name in ('AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_BEDROCK',
              'AWS_ENDPOINT_URL_BEDROCK_RUNTIME', 'AWS_CA_BUNDLE', 'AWS_DEFAULT_PROFILE'):
    os.environ.pop(_name, None)
os.environ.update(ISOLATED_ENV)


class Emulator:
    def __init__(self):
        cli = ROOT / 'out' / 'test' / 'emulator' / 'cli.js'
        if not cli.exists():
            raise RuntimeError(f'{cli} is missing: build first (npx tsc -p .), or run `npm run test:conformance`')
        self.proc = subprocess.Popen(['node', str(cli), '--port', '0', '--quiet'], cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r'listening on (http://\S+)', line)
        if not m:
            self.proc.kill()
            raise RuntimeError(f'the emulator did not start: {line!r}')
        self.url = m.group(1)

    def admin(self, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method='GET' if body is None else 'POST',
                                     headers={'content-type': 'application/json'})
        with urllib.request.urlopen(req, timeout=10) as res:
            return json.loads(res.read() or b'null')

    def fault(self, **spec):
        self.admin('/_emulator/faults', spec)

    def requests(self):
        return self.admin('/_emulator/requests')['requests']

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


_SHARED = []


def shared_emulator():
    """The one emulator of this run (started on first use, also while tests are collected)."""
    if not _SHARED:
        _SHARED.append(Emulator())
    return _SHARED[0]


@pytest.fixture(scope='session')
def emulator():
    return shared_emulator()


@pytest.fixture(autouse=True)
def _fresh(emulator):
    emulator.admin('/_emulator/reset', {})


class Wire:
    """The last HTTP answer a botocore client got, before botocore parsed it (status, headers, body bytes)."""

    def __init__(self):
        self.status = None
        self.headers = {}
        self.body = b''

    def json(self):
        return json.loads(self.body)

    def record(self, response_dict, **_):
        self.status = response_dict['status_code']
        self.headers = {k.lower(): v for k, v in response_dict['headers'].items()}
        body = response_dict['body']
        self.body = body if isinstance(body, (bytes, bytearray)) else b''


def make_client(emulator, service, wire=None, **config):
    session = botocore.session.get_session()
    client = session.create_client(
        service, region_name=REGION, endpoint_url=emulator.url, aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        config=Config(retries={'total_max_attempts': 1}, connect_timeout=5, read_timeout=30, **config),
    )
    if wire is not None:
        client.meta.events.register('before-parse', wire.record)
    return client


@pytest.fixture(scope='session')
def runtime_wire():
    return Wire()


@pytest.fixture(scope='session')
def control_wire():
    return Wire()


@pytest.fixture(scope='session')
def runtime(emulator, runtime_wire):
    return make_client(emulator, 'bedrock-runtime', runtime_wire)


@pytest.fixture(scope='session')
def control(emulator, control_wire):
    return make_client(emulator, 'bedrock', control_wire)


class AwsCli:
    """The AWS CLI (v1) as a user runs it, with the emulator as its endpoint."""

    def __init__(self, emulator):
        self.emulator = emulator
        self.exe = shutil.which('aws')

    def __call__(self, *args, env=None):
        if not self.exe:
            pytest.fail('the AWS CLI (aws) is not on PATH: install it (Debian: apt-get install awscli)')
        cmd = [self.exe, *args, '--endpoint-url', self.emulator.url, '--region', REGION, '--output', 'json']
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})}, cwd=_HOME)
        out = json.loads(proc.stdout) if proc.returncode == 0 and proc.stdout.strip() else None
        return proc.returncode, out, proc.stderr


@pytest.fixture(scope='session')
def aws(emulator):
    return AwsCli(emulator)


def b64(text):
    return base64.b64encode(text.encode()).decode()


def pytest_terminal_summary(terminalreporter):
    stats = terminalreporter.stats
    passed = len(stats.get('passed', []))
    failed = len(stats.get('failed', [])) + len(stats.get('error', []))
    terminalreporter.write_line(f'CONFORMANCE-RESULT passed={passed} failed={failed}')


def pytest_sessionfinish():
    for emu in _SHARED:
        emu.close()
    shutil.rmtree(_HOME, ignore_errors=True)
