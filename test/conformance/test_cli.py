"""The AWS CLI v1 (`aws bedrock-runtime`, `aws bedrock`), as a user runs it against the emulator."""
import json


MODEL = 'anthropic.claude-3-haiku-20240307-v1:0'
BODY = json.dumps({'anthropic_version': 'bedrock-2023-05-31', 'max_tokens': 64,
                   'messages': [{'role': 'user', 'content': 'Say hi'}]})


def test_invoke_model(aws, tmp_path):
    out = tmp_path / 'answer.json'
    code, meta, err = aws('bedrock-runtime', 'invoke-model', '--model-id', MODEL, '--body', BODY,
                          '--content-type', 'application/json', '--accept', 'application/json', str(out))
    assert code == 0, err
    assert meta['contentType'] == 'application/json'
    answer = json.loads(out.read_text())
    assert answer['type'] == 'message' and answer['content'][0]['text'].startswith('Say hi')


def test_invoke_model_service_tier_and_latency_are_reported(aws, tmp_path):
    code, meta, err = aws('bedrock-runtime', 'invoke-model', '--model-id', MODEL, '--body', BODY,
                          '--service-tier', 'priority', '--performance-config-latency', 'optimized',
                          str(tmp_path / 'a.json'))
    assert code == 0, err
    assert (meta['serviceTier'], meta['performanceConfigLatency']) == ('priority', 'optimized')


def test_invoke_model_error_is_the_modeled_exception(aws, tmp_path):
    code, _, err = aws('bedrock-runtime', 'invoke-model', '--model-id', 'amazon.nope-v1:0', '--body', BODY,
                       str(tmp_path / 'a.json'))
    assert code != 0
    assert 'An error occurred (ResourceNotFoundException) when calling the InvokeModel operation' in err


def test_invoke_model_malformed_body(aws, tmp_path):
    code, _, err = aws('bedrock-runtime', 'invoke-model', '--model-id', MODEL, '--body', '{"prompt": "x"}',
                       str(tmp_path / 'a.json'))
    assert code != 0
    assert '(ValidationException)' in err and 'required key [max_tokens] not found' in err


def test_list_foundation_models_by_provider(aws):
    code, out, err = aws('bedrock', 'list-foundation-models', '--by-provider', 'meta')
    assert code == 0, err
    assert out['modelSummaries'] and all(m['providerName'] == 'Meta' for m in out['modelSummaries'])


def test_get_inference_profile(aws):
    code, out, err = aws('bedrock', 'get-inference-profile', '--inference-profile-identifier',
                         'us.anthropic.claude-3-haiku-20240307-v1:0')
    assert code == 0, err
    assert out['inferenceProfileId'] == 'us.anthropic.claude-3-haiku-20240307-v1:0' and out['status'] == 'ACTIVE'


def test_list_foundation_models_by_inference_type_provisioned(aws):
    code, out, err = aws('bedrock', 'list-foundation-models', '--by-inference-type', 'PROVISIONED')
    assert code == 0, err
    assert out['modelSummaries'] and all(m['inferenceTypesSupported'] == ['PROVISIONED'] for m in out['modelSummaries'])


def test_list_foundation_models_by_output_modality_and_customization(aws):
    code, out, err = aws('bedrock', 'list-foundation-models', '--by-output-modality', 'EMBEDDING')
    assert code == 0, err
    assert out['modelSummaries'] and all(m['outputModalities'] == ['EMBEDDING'] for m in out['modelSummaries'])
    code, out, err = aws('bedrock', 'list-foundation-models', '--by-customization-type', 'DISTILLATION')
    assert code == 0, err
    assert out['modelSummaries'] and all('DISTILLATION' in m['customizationsSupported'] for m in out['modelSummaries'])


def test_list_foundation_models_refuses_an_unmodeled_modality(aws):
    code, _, err = aws('bedrock', 'list-foundation-models', '--by-output-modality', 'VIDEO')
    assert code != 0
    assert 'An error occurred (ValidationException) when calling the ListFoundationModels operation' in err


def test_list_inference_profiles_pages_on_its_own(aws, emulator):
    """The CLI follows nextToken itself: small pages give the whole list, each profile once."""
    code, whole, err = aws('bedrock', 'list-inference-profiles')
    assert code == 0, err
    code, paged, err = aws('bedrock', 'list-inference-profiles', '--page-size', '4')
    assert code == 0, err
    ids = [p['inferenceProfileId'] for p in paged['inferenceProfileSummaries']]
    assert ids == [p['inferenceProfileId'] for p in whole['inferenceProfileSummaries']]
    assert len([r for r in emulator.requests() if 'maxResults=4' in r['path']]) == -(-len(ids) // 4)


def test_list_inference_profiles_type_equals_application(aws):
    code, out, err = aws('bedrock', 'list-inference-profiles', '--type-equals', 'APPLICATION')
    assert code == 0, err
    assert [p['type'] for p in out['inferenceProfileSummaries']] == ['APPLICATION']


def test_get_foundation_model(aws):
    code, out, err = aws('bedrock', 'get-foundation-model', '--model-identifier', 'amazon.nova-lite-v1:0')
    assert code == 0, err
    assert out['modelDetails']['modelName'] == 'Nova Lite'


def test_converse(aws):
    code, out, err = aws('bedrock-runtime', 'converse', '--model-id', 'amazon.nova-lite-v1:0',
                         '--messages', json.dumps([{'role': 'user', 'content': [{'text': 'Say hi'}]}]),
                         '--inference-config', json.dumps({'maxTokens': 32}))
    assert code == 0, err
    assert out['output']['message']['role'] == 'assistant' and out['usage']['totalTokens'] > 0


def test_count_tokens(aws):
    code, out, err = aws('bedrock-runtime', 'count-tokens', '--model-id', MODEL,
                         '--input', json.dumps({'converse': {'messages': [{'role': 'user', 'content': [{'text': 'Say hi'}]}]}}))
    assert code == 0, err
    assert out['inputTokens'] > 0
