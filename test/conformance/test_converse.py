"""bedrock-runtime Converse, ConverseStream and CountTokens, driven by botocore for every conversational model of the
catalog, each answer (and each stream event) checked against the service model botocore ships."""
import base64
import json

import pytest

from bodies import family_of
from conftest import make_client, shared_emulator
from service_model import check, check_error, check_wire, output_shape, service_model

RUNTIME = service_model('bedrock-runtime')
NOT_CONVERSATIONAL = {'titan-embed', 'cohere-embed', 'titan-image', 'stability'}
MESSAGES = [{'role': 'user', 'content': [{'text': 'Say hi'}]}]


def conversational():
    """(identifier, streams) for each granted conversational model, through its profile where it needs one."""
    client = make_client(shared_emulator(), 'bedrock')
    models = client.list_foundation_models()['modelSummaries']
    profiles = client.list_inference_profiles()['inferenceProfileSummaries']
    out = []
    for m in models:
        family, _ = family_of(m['modelId'])
        if family in NOT_CONVERSATIONAL or m['modelId'] == 'anthropic.claude-3-opus-20240229-v1:0':
            continue
        ident = m['modelId']
        if 'ON_DEMAND' not in m['inferenceTypesSupported']:
            ident = next((p['inferenceProfileId'] for p in profiles if p['inferenceProfileId'].endswith('.' + m['modelId'])), None)
            if ident is None:
                continue  # provisioned throughput only
        out.append(pytest.param(ident, m['responseStreamingSupported'], id=m['modelId']))
    return out


MODELS = conversational()


@pytest.mark.parametrize('ident,streams', MODELS)
def test_converse(runtime, runtime_wire, ident, streams):
    res = runtime.converse(modelId=ident, messages=MESSAGES, inferenceConfig={'maxTokens': 64})
    shape = output_shape('bedrock-runtime', 'Converse')
    assert check(res, shape) == []
    assert check_wire(runtime_wire.json(), shape) == []
    assert res['output']['message']['role'] == 'assistant'
    assert res['usage']['inputTokens'] > 0 and res['usage']['totalTokens'] == res['usage']['inputTokens'] + res['usage']['outputTokens']


def stream_events(res):
    union = output_shape('bedrock-runtime', 'ConverseStream').members['stream']
    events = list(res['stream'])
    for i, event in enumerate(events):
        assert len(event) == 1 and next(iter(event)) in union.members, f'event {i}: {list(event)}'
        name = next(iter(event))
        assert check(event[name], union.members[name], f'event[{i}].{name}') == []
    return [next(iter(e)) for e in events], events


@pytest.mark.parametrize('ident,streams', [p for p in MODELS if p.values[1]])
def test_converse_stream(runtime, ident, streams):
    res = runtime.converse_stream(modelId=ident, messages=MESSAGES, inferenceConfig={'maxTokens': 64})
    assert check(res, output_shape('bedrock-runtime', 'ConverseStream')) == []
    names, events = stream_events(res)
    assert names[0] == 'messageStart' and names[-2:] == ['messageStop', 'metadata'], names
    assert 'contentBlockDelta' in names
    metadata = events[-1]['metadata']
    assert metadata['usage']['outputTokens'] > 0 and 'latencyMs' in metadata['metrics']


@pytest.mark.parametrize('ident,streams', [p for p in MODELS if not p.values[1]])
def test_converse_stream_refused_for_a_model_that_does_not_stream(runtime, runtime_wire, ident, streams):
    with pytest.raises(runtime.exceptions.ValidationException) as err:
        list(runtime.converse_stream(modelId=ident, messages=MESSAGES)['stream'])
    assert check_error(err.value, 'bedrock-runtime', 'ConverseStream', runtime_wire) == []


def test_converse_stream_with_a_tool_call_has_modeled_tool_events(runtime):
    tools = {'tools': [{'toolSpec': {'name': 'get_weather', 'description': 'Weather of a city',
                                     'inputSchema': {'json': {'type': 'object', 'properties': {'city': {'type': 'string'}}}}}}],
             'toolChoice': {'tool': {'name': 'get_weather'}}}
    res = runtime.converse_stream(modelId='anthropic.claude-3-haiku-20240307-v1:0', messages=MESSAGES, toolConfig=tools)
    names, events = stream_events(res)
    starts = [e['contentBlockStart']['start'] for e in events if 'contentBlockStart' in e]
    assert any('toolUse' in s for s in starts), names
    assert any('toolUse' in e['contentBlockDelta']['delta'] for e in events if 'contentBlockDelta' in e)


COUNT_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0'


@pytest.mark.parametrize('input_', [
    {'converse': {'messages': MESSAGES}},
    {'invokeModel': {'body': json.dumps(family_of(COUNT_MODEL)[1]).encode()}},
], ids=['converse', 'invokeModel'])
def test_count_tokens(runtime, runtime_wire, input_):
    res = runtime.count_tokens(modelId=COUNT_MODEL, input=input_)
    shape = output_shape('bedrock-runtime', 'CountTokens')
    assert check(res, shape) == []
    assert check_wire(runtime_wire.json(), shape) == []
    assert res['inputTokens'] > 0


@pytest.mark.parametrize('model_id,code', [
    ('us.anthropic.claude-3-haiku-20240307-v1:0', 'ValidationException'),  # bare foundation-model IDs only
    ('amazon.nope-v1:0', 'ResourceNotFoundException'),
    ('anthropic.claude-3-opus-20240229-v1:0', 'AccessDeniedException'),
    ('meta.llama3-8b-instruct-v1:0', 'ValidationException'),  # the model does not count tokens
])
def test_count_tokens_errors(runtime, runtime_wire, model_id, code):
    with pytest.raises(runtime.exceptions.ClientError) as err:
        runtime.count_tokens(modelId=model_id, input={'converse': {'messages': MESSAGES}})
    assert err.value.response['Error']['Code'] == code
    assert check_error(err.value, 'bedrock-runtime', 'CountTokens', runtime_wire) == []


@pytest.mark.parametrize('model_id,messages,code', [
    ('amazon.nope-v1:0', MESSAGES, 'ResourceNotFoundException'),
    ('anthropic.claude-3-opus-20240229-v1:0', MESSAGES, 'AccessDeniedException'),
    ('anthropic.claude-3-5-haiku-20241022-v1:0', MESSAGES, 'ValidationException'),  # on demand, profile only
    ('arn:aws:bedrock:us-east-1:123456789012:foundation-model/amazon.nova-pro-v1:0', MESSAGES, 'ValidationException'),
    ('amazon.nova-pro-v1:0', [{'role': 'robot', 'content': [{'text': 'x'}]}], 'ValidationException'),
    ('amazon.titan-embed-text-v2:0', MESSAGES, 'ValidationException'),  # not conversational
])
def test_converse_errors(runtime, runtime_wire, model_id, messages, code):
    with pytest.raises(runtime.exceptions.ClientError) as err:
        runtime.converse(modelId=model_id, messages=messages)
    assert err.value.response['Error']['Code'] == code
    assert check_error(err.value, 'bedrock-runtime', 'Converse', runtime_wire) == []


def test_converse_stream_frames_are_modeled_events(emulator):
    """On the wire, each ConverseStream frame is an event its union names, whose JSON has only modeled members."""
    from test_runtime import raw_frames
    body = {'messages': MESSAGES, 'inferenceConfig': {'maxTokens': 64}}
    status, headers, frames = raw_frames(emulator, 'amazon.nova-lite-v1:0', body, operation='converse-stream')
    assert status == 200 and headers['content-type'] == 'application/vnd.amazon.eventstream'
    union = output_shape('bedrock-runtime', 'ConverseStream').members['stream']
    assert frames
    for f in frames:
        h = f.headers
        assert h[':message-type'] == 'event' and h[':content-type'] == 'application/json'
        assert h[':event-type'] in union.members, h[':event-type']
        payload = json.loads(f.payload)
        payload.pop('p', None)  # the service's length padding, as on InvokeModelWithResponseStream
        assert check_wire(payload, union.members[h[':event-type']]) == [], h[':event-type']


GUARDRAIL = {'guardrailIdentifier': 'abcdef123456', 'guardrailVersion': '1', 'trace': 'enabled'}


@pytest.mark.parametrize('prompt,stop', [('Say hi', 'end_turn'), ('Say GUARDRAIL_TRIGGER', 'guardrail_intervened')])
def test_converse_with_a_guardrail_trace(runtime, runtime_wire, prompt, stop):
    res = runtime.converse(modelId='amazon.nova-lite-v1:0', messages=[{'role': 'user', 'content': [{'text': prompt}]}],
                           guardrailConfig=GUARDRAIL)
    shape = output_shape('bedrock-runtime', 'Converse')
    assert check(res, shape) == []
    assert check_wire(runtime_wire.json(), shape) == []
    assert res['stopReason'] == stop
    assert 'guardrail' in res['trace']


def test_converse_stream_with_a_guardrail_trace(runtime):
    res = runtime.converse_stream(modelId='amazon.nova-lite-v1:0', messages=[{'role': 'user', 'content': [{'text': 'Say GUARDRAIL_TRIGGER'}]}],
                                  guardrailConfig={**GUARDRAIL, 'streamProcessingMode': 'sync'})
    names, events = stream_events(res)
    assert events[names.index('messageStop')]['messageStop']['stopReason'] == 'guardrail_intervened'
