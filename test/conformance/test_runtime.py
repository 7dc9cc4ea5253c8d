"""bedrock-runtime InvokeModel and InvokeModelWithResponseStream, driven by botocore, for every model the catalog
lists (through an inference profile where it has no on-demand throughput), checked against the service model."""
import json

import pytest
from botocore.eventstream import EventStreamBuffer

from bodies import family_of
from conftest import ACCESS_KEY, REGION, SECRET_KEY, make_client, shared_emulator
from service_model import check, check_error, output_shape, service_model


def callable_models():
    """(identifier, family, body, streams) for every granted model of the catalog, read with botocore itself."""
    client = make_client(shared_emulator(), 'bedrock')
    models = client.list_foundation_models()['modelSummaries']
    profiles = client.list_inference_profiles()['inferenceProfileSummaries']
    out = []
    for m in models:
        if m['modelId'] == 'anthropic.claude-3-opus-20240229-v1:0':
            continue  # the catalog's model without access (tested with the errors)
        ident = m['modelId']
        if 'ON_DEMAND' not in m['inferenceTypesSupported']:
            ident = next((p['inferenceProfileId'] for p in profiles if p['inferenceProfileId'].endswith('.' + m['modelId'])), None)
            if ident is None:
                continue  # provisioned throughput only (tested below)
        family, body = family_of(m['modelId'])
        out.append(pytest.param(ident, family, body, m['responseStreamingSupported'], id=m['modelId']))
    return out


MODELS = callable_models()


def test_every_catalog_model_has_a_family_body():
    assert MODELS and all(p.values[1] for p in MODELS), [p.id for p in MODELS if not p.values[1]]


@pytest.mark.parametrize('ident,family,body,streams', MODELS)
def test_invoke_model(runtime, runtime_wire, ident, family, body, streams):
    res = runtime.invoke_model(modelId=ident, body=json.dumps(body), contentType='application/json', accept='application/json')
    assert check(res, output_shape('bedrock-runtime', 'InvokeModel')) == []
    assert res['contentType'] == 'application/json'
    assert res['ResponseMetadata']['HTTPStatusCode'] == 200
    headers = res['ResponseMetadata']['HTTPHeaders']
    assert int(headers['x-amzn-bedrock-input-token-count']) > 0
    answer = json.loads(res['body'].read())
    assert isinstance(answer, dict) and answer


@pytest.mark.parametrize('ident,family,body,streams', [p for p in MODELS if p.values[3]])
def test_invoke_model_with_response_stream(runtime, ident, family, body, streams):
    res = runtime.invoke_model_with_response_stream(modelId=ident, body=json.dumps(body), contentType='application/json')
    shape = output_shape('bedrock-runtime', 'InvokeModelWithResponseStream')
    assert check(res, shape) == []
    assert res['contentType'] == 'application/json'
    events = list(res['body'])
    assert events, 'no events'
    stream_shape = shape.members['body']
    for i, event in enumerate(events):
        assert list(event) == ['chunk'], f'event {i} is {list(event)}'
        assert check(event, stream_shape, f'event[{i}]') == []
    chunks = [json.loads(e['chunk']['bytes']) for e in events]
    metrics = [c for c in chunks if 'amazon-bedrock-invocationMetrics' in c]
    assert len(metrics) == 1 and metrics[0] is chunks[-1], 'invocation metrics on the last chunk only'
    m = metrics[0]['amazon-bedrock-invocationMetrics']
    assert {'inputTokenCount', 'outputTokenCount', 'invocationLatency', 'firstByteLatency'} <= set(m)


@pytest.mark.parametrize('ident,family,body,streams', [p for p in MODELS if not p.values[3]])
def test_models_that_do_not_stream_refuse_the_stream_operation(runtime, ident, family, body, streams):
    ValidationException = runtime.exceptions.ValidationException
    with pytest.raises(ValidationException) as err:
        list(runtime.invoke_model_with_response_stream(modelId=ident, body=json.dumps(body))['body'])
    assert err.value.response['ResponseMetadata']['HTTPStatusCode'] == 400


def provisioned_only():
    client = make_client(shared_emulator(), 'bedrock')
    return [m['modelId'] for m in client.list_foundation_models(byInferenceType='PROVISIONED')['modelSummaries']]


@pytest.mark.parametrize('model_id', provisioned_only())
def test_a_provisioned_only_model_is_refused_on_demand(runtime, runtime_wire, model_id):
    family, body = family_of(model_id)
    with pytest.raises(runtime.exceptions.ValidationException) as err:
        runtime.invoke_model(modelId=model_id, body=json.dumps(body))
    assert check_error(err.value, 'bedrock-runtime', 'InvokeModel', runtime_wire) == []
    assert "with on-demand throughput isn\u2019t supported" in err.value.response['Error']['Message']


def raw_frames(emulator, ident, body, operation='invoke-with-response-stream', **headers):
    """The raw event-stream frames of one streamed answer, decoded with botocore's own framing code."""
    import urllib.request
    import botocore.auth
    import botocore.awsrequest
    import botocore.credentials
    from urllib.parse import quote
    url = f'{emulator.url}/model/{quote(ident, safe="")}/{operation}'
    req = botocore.awsrequest.AWSRequest(method='POST', url=url, data=json.dumps(body).encode(),
                                         headers={'content-type': 'application/json', **headers})
    botocore.auth.SigV4Auth(botocore.credentials.Credentials(ACCESS_KEY, SECRET_KEY), 'bedrock', REGION).add_auth(req)
    prepared = req.prepare()
    r = urllib.request.Request(prepared.url, data=prepared.body, headers=dict(prepared.headers), method='POST')
    with urllib.request.urlopen(r, timeout=30) as res:
        raw = res.read()
        status, resp_headers = res.status, {k.lower(): v for k, v in res.headers.items()}
    buf = EventStreamBuffer()
    buf.add_data(raw)
    return status, resp_headers, list(buf)


def test_stream_frames_are_modeled_events(emulator):
    status, headers, frames = raw_frames(emulator, 'anthropic.claude-3-haiku-20240307-v1:0', family_of('anthropic.')[1])
    assert status == 200
    assert headers['content-type'] == 'application/vnd.amazon.eventstream'
    union = output_shape('bedrock-runtime', 'InvokeModelWithResponseStream').members['body']
    assert frames
    for f in frames:
        h = f.headers
        assert h[':message-type'] == 'event'
        assert h[':event-type'] in union.members, h[':event-type']
        assert union.members[h[':event-type']].serialization.get('event') or h[':event-type'] == 'chunk'
        assert h[':content-type'] == 'application/json'
        payload = json.loads(f.payload)
        # PayloadPart has one modeled member (bytes); the service adds random padding "p" to hide lengths.
        assert set(payload) <= {'bytes', 'p'} and 'bytes' in payload


def test_the_service_model_is_the_one_this_suite_reads():
    model = service_model('bedrock-runtime')
    assert model.metadata['signingName'] == 'bedrock'
    assert {'InvokeModel', 'InvokeModelWithResponseStream'} <= set(model.operation_names)
