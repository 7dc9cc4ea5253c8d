"""Every error each runtime operation declares, as botocore raises it (name, HTTP status, modeled members, no member
the shape lacks on the wire), and every exception event of both event streams, in botocore's parser and in the raw
frames (`:message-type` exception, `:exception-type` a member of the stream's union, payload members of its shape)."""
import json

import pytest
from botocore.exceptions import ClientError, EventStreamError

from bodies import family_of
from service_model import check, check_error, check_wire, output_shape, service_model
from test_runtime import raw_frames

RUNTIME = service_model('bedrock-runtime')
MODEL = 'anthropic.claude-3-haiku-20240307-v1:0'
BODY = json.dumps(family_of(MODEL)[1])
MESSAGES = [{'role': 'user', 'content': [{'text': 'Say hi'}]}]

CALLS = {
    'InvokeModel': lambda rt: rt.invoke_model(modelId=MODEL, body=BODY),
    'InvokeModelWithResponseStream': lambda rt: list(rt.invoke_model_with_response_stream(modelId=MODEL, body=BODY)['body']),
    'Converse': lambda rt: rt.converse(modelId=MODEL, messages=MESSAGES),
    'ConverseStream': lambda rt: list(rt.converse_stream(modelId=MODEL, messages=MESSAGES)['stream']),
    'CountTokens': lambda rt: rt.count_tokens(modelId=MODEL, input={'converse': {'messages': MESSAGES}}),
}
# Members the emulator fills when the test asks (its fault queue's extras).
EXTRAS = {'ModelErrorException': {'originalStatusCode': 500, 'resourceName': 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/x'}}


def declared():
    for op in CALLS:
        for shape in RUNTIME.operation_model(op).error_shapes:
            yield pytest.param(op, shape.name, id=f'{op}-{shape.name}')


@pytest.mark.parametrize('operation,name', list(declared()))
def test_every_declared_error(emulator, runtime, runtime_wire, operation, name):
    emulator.fault(fault=name, operation=operation, count=1, **EXTRAS.get(name, {}))
    with pytest.raises(ClientError) as err:
        CALLS[operation](runtime)
    assert err.value.response['Error']['Code'] == name
    assert check_error(err.value, 'bedrock-runtime', operation, runtime_wire) == []
    for member, value in EXTRAS.get(name, {}).items():
        assert err.value.response[member] == value, member
    assert err.value.response['ResponseMetadata']['HTTPHeaders']['x-amzn-errortype'].split(':')[0] == name


def stream_exceptions(operation, member):
    union = output_shape('bedrock-runtime', operation).members[member]
    return [n for n, s in union.members.items() if s.metadata.get('exception')]


STREAMS = [
    ('InvokeModelWithResponseStream', 'body'),
    ('ConverseStream', 'stream'),
]


@pytest.mark.parametrize('operation,member,event', [
    pytest.param(op, member, ev, id=f'{op}-{ev}') for op, member in STREAMS for ev in stream_exceptions(op, member)
])
def test_every_in_stream_exception(emulator, runtime, operation, member, event):
    extras = {'originalStatusCode': 500, 'originalMessage': 'upstream failed'} if event == 'modelStreamErrorException' else {}
    emulator.fault(fault=event, operation=operation, afterChunks=1, count=1, **extras)
    with pytest.raises(EventStreamError) as err:
        CALLS[operation](runtime)
    union = output_shape('bedrock-runtime', operation).members[member]
    shape = union.members[event]
    # botocore names the error by the event type (`:exception-type`, a member of the union).
    assert err.value.response['Error']['Code'] == event
    assert err.value.response['Error']['Message']
    assert shape.metadata.get('exception') and shape.members.get('message') is not None


@pytest.mark.parametrize('event', stream_exceptions('InvokeModelWithResponseStream', 'body'))
def test_in_stream_exception_frames_are_modeled(emulator, event):
    extras = {'originalStatusCode': 500, 'originalMessage': 'upstream failed'} if event == 'modelStreamErrorException' else {}
    emulator.fault(fault=event, operation='InvokeModelWithResponseStream', afterChunks=1, count=1, **extras)
    status, _, frames = raw_frames(emulator, MODEL, family_of(MODEL)[1])
    assert status == 200
    union = output_shape('bedrock-runtime', 'InvokeModelWithResponseStream').members['body']
    last = frames[-1]
    assert last.headers[':message-type'] == 'exception'
    assert last.headers[':exception-type'] == event
    payload = json.loads(last.payload)
    assert check_wire(payload, union.members[event]) == []
    assert check(payload, union.members[event]) == []
    assert payload['message'] and all(payload[k] == v for k, v in extras.items())
    assert all(f.headers[':message-type'] == 'event' for f in frames[:-1])


def test_converse_stream_has_no_model_timeout_event():
    """The emulator's fault queue must not put an event ConverseStream's union lacks."""
    assert 'modelTimeoutException' not in stream_exceptions('ConverseStream', 'stream')
    assert 'modelTimeoutException' in stream_exceptions('InvokeModelWithResponseStream', 'body')
