"""SigV4 as the service verifies it: botocore signs without x-amz-content-sha256 and over HTTP/1.1 `host`; the
emulator accepts that, and refuses what the service refuses."""
import datetime
import json
import urllib.error
import urllib.request
from urllib.parse import quote

import botocore.auth
import botocore.awsrequest
import botocore.credentials
import pytest

from bodies import family_of
from conftest import ACCESS_KEY, REGION, SECRET_KEY

MODEL = 'anthropic.claude-3-haiku-20240307-v1:0'
BODY = json.dumps(family_of(MODEL)[1]).encode()


def send(emulator, secret=SECRET_KEY, headers=None, body=BODY, tamper=None, session_token=None, when=None):
    """Signs one InvokeModel with botocore's own SigV4 signer and sends it; returns (status, headers, JSON body)."""
    url = f'{emulator.url}/model/{quote(MODEL, safe="")}/invoke'
    req = botocore.awsrequest.AWSRequest(method='POST', url=url, data=body,
                                         headers={'content-type': 'application/json', **(headers or {})})
    signer = botocore.auth.SigV4Auth(botocore.credentials.Credentials(ACCESS_KEY, secret, session_token), 'bedrock', REGION)
    if when is not None:
        real = datetime.datetime
        class Fixed(real):
            @classmethod
            def utcnow(cls):
                return when
            @classmethod
            def now(cls, tz=None):
                return when if tz is None else when.replace(tzinfo=tz)
        botocore.auth.datetime.datetime = Fixed
        try:
            signer.add_auth(req)
        finally:
            botocore.auth.datetime.datetime = real
    else:
        signer.add_auth(req)
    prepared = req.prepare()
    sent_body = prepared.body if tamper is None else tamper
    r = urllib.request.Request(prepared.url, data=sent_body, headers=dict(prepared.headers), method='POST')
    try:
        with urllib.request.urlopen(r, timeout=30) as res:
            return res.status, {k.lower(): v for k, v in res.headers.items()}, json.loads(res.read())
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, json.loads(e.read())


def test_botocore_signature_without_payload_hash_header_is_accepted(emulator):
    status, _, body = send(emulator)
    assert status == 200, body
    rec = emulator.requests()[-1]
    assert rec['authType'] == 'sigv4' and rec['accessKeyId'] == ACCESS_KEY and rec['region'] == REGION
    assert 'x-amz-content-sha256' not in rec['headers']


def test_signed_payload_hash_header_is_checked_against_the_body(emulator):
    import hashlib
    good = hashlib.sha256(BODY).hexdigest()
    assert send(emulator, headers={'x-amz-content-sha256': good})[0] == 200
    status, headers, body = send(emulator, headers={'x-amz-content-sha256': '0' * 64})
    assert (status, headers['x-amzn-errortype'].split(':')[0]) == (403, 'InvalidSignatureException')


def test_unsigned_payload_is_accepted(emulator):
    status, _, body = send(emulator, headers={'x-amz-content-sha256': 'UNSIGNED-PAYLOAD'})
    assert status == 200, body


def test_body_changed_after_signing_is_refused(emulator):
    status, headers, body = send(emulator, tamper=BODY.replace(b'hi', b'ho'))
    assert status == 403
    assert headers['x-amzn-errortype'].startswith('InvalidSignatureException')
    assert body['message'].startswith('The request signature we calculated does not match')


def test_wrong_secret_is_refused(emulator):
    status, headers, _ = send(emulator, secret='not-the-secret')
    assert (status, headers['x-amzn-errortype'].split(':')[0]) == (403, 'InvalidSignatureException')


def test_an_extra_signed_header_is_part_of_the_signature(emulator):
    assert send(emulator, headers={'x-amz-meta-anything': 'one'})[0] == 200


def test_unknown_session_token_is_refused(emulator):
    status, headers, body = send(emulator, session_token='FQoGZXIvYXdzEXAMPLE')
    assert (status, headers['x-amzn-errortype'].split(':')[0]) == (403, 'UnrecognizedClientException')
    assert body['message'] == 'The security token included in the request is invalid.'


def test_signature_older_than_15_minutes_is_refused(emulator):
    when = datetime.datetime.utcnow() - datetime.timedelta(minutes=20)
    status, headers, body = send(emulator, when=when)
    assert (status, headers['x-amzn-errortype'].split(':')[0]) == (403, 'InvalidSignatureException')
    assert body['message'].startswith('Signature expired:')


def test_signature_from_the_future_is_refused(emulator):
    when = datetime.datetime.utcnow() + datetime.timedelta(minutes=20)
    status, headers, body = send(emulator, when=when)
    assert (status, headers['x-amzn-errortype'].split(':')[0]) == (403, 'InvalidSignatureException')
    assert body['message'].startswith('Signature not yet current:')


def test_missing_authorization_is_refused(emulator):
    r = urllib.request.Request(f'{emulator.url}/foundation-models', method='GET')
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(r, timeout=10)
    assert err.value.code == 403
    assert err.value.headers['x-amzn-errortype'].startswith('MissingAuthenticationTokenException')
