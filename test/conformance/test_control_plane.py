"""The control plane (`bedrock`): ListFoundationModels with each filter, GetFoundationModel, ListInferenceProfiles
paged and by type, GetInferenceProfile, and their modeled errors, driven by botocore, each answer checked against the
`bedrock` service model botocore ships (output shapes, the JSON on the wire, error shapes)."""
import re

import pytest
from botocore.exceptions import ClientError

from service_model import check, check_error, check_wire, output_shape, service_model

BEDROCK = service_model('bedrock')


def enum_of(shape_name):
    return BEDROCK.shape_for(shape_name).enum


def listed(control, control_wire, **filters):
    res = control.list_foundation_models(**filters)
    shape = output_shape('bedrock', 'ListFoundationModels')
    assert check(res, shape) == []
    assert check_wire(control_wire.json(), shape) == []
    return res['modelSummaries']


def failure(call, **params):
    with pytest.raises(ClientError) as err:
        call(**params)
    return err.value


def test_list_foundation_models_every_summary_fits_the_model(control, control_wire):
    models = listed(control, control_wire)
    assert len(models) > 20
    assert len({m['modelId'] for m in models}) == len(models), 'each model once'
    for m in models:
        assert m['modelArn'] == f'arn:aws:bedrock:us-east-1::foundation-model/{m["modelId"]}'


@pytest.mark.parametrize('member,field', [
    ('byOutputModality', 'outputModalities'),
    ('byInferenceType', 'inferenceTypesSupported'),
    ('byCustomizationType', 'customizationsSupported'),
])
def test_list_foundation_models_filters_by_each_enum_value(control, control_wire, member, field):
    every = listed(control, control_wire)
    shape = BEDROCK.operation_model('ListFoundationModels').input_shape.members[member]
    for value in shape.enum:
        got = sorted(m['modelId'] for m in listed(control, control_wire, **{member: value}))
        want = sorted(m['modelId'] for m in every if value in m.get(field, []))
        assert got == want, f'{member}={value}'
        assert got, f'{member}={value}: the catalog has a model for every value'


def test_list_foundation_models_by_inference_type_provisioned_lists_the_provisioned_variants(control, control_wire):
    provisioned = listed(control, control_wire, byInferenceType='PROVISIONED')
    assert provisioned
    for m in provisioned:
        assert m['inferenceTypesSupported'] == ['PROVISIONED']
    on_demand = {m['modelId'] for m in listed(control, control_wire, byInferenceType='ON_DEMAND')}
    assert not on_demand & {m['modelId'] for m in provisioned}


@pytest.mark.parametrize('provider', ['Anthropic', 'anthropic', 'Meta', 'Mistral AI', 'mistral', 'Stability AI', 'amazon'])
def test_list_foundation_models_by_provider_matches_the_name_or_the_id_prefix(control, control_wire, provider):
    got = listed(control, control_wire, byProvider=provider)
    assert got
    p = provider.lower()
    assert all(m['providerName'].lower() == p or m['modelId'].startswith(p + '.') for m in got)
    every = listed(control, control_wire)
    assert len(got) == sum(1 for m in every if m['providerName'].lower() == p or m['modelId'].startswith(p + '.'))


def test_list_foundation_models_filters_combine(control, control_wire):
    got = listed(control, control_wire, byProvider='Amazon', byOutputModality='IMAGE', byInferenceType='ON_DEMAND')
    assert got and all('IMAGE' in m['outputModalities'] and m['providerName'] == 'Amazon' for m in got)


def test_list_foundation_models_refuses_values_outside_the_model(control, control_wire):
    err = failure(control.list_foundation_models, byOutputModality='VIDEO', byProvider='no/such')
    assert check_error(err, 'bedrock', 'ListFoundationModels', control_wire) == []
    assert err.response['Error']['Code'] == 'ValidationException'
    assert err.response['Error']['Message'].startswith('2 validation errors detected: ')
    assert "at 'byOutputModality' failed to satisfy constraint: Member must satisfy enum value set: [TEXT, IMAGE, EMBEDDING]" in err.response['Error']['Message']


def test_get_foundation_model_for_every_listed_model(control, control_wire):
    shape = output_shape('bedrock', 'GetFoundationModel')
    for m in listed(control, control_wire):
        res = control.get_foundation_model(modelIdentifier=m['modelId'])
        assert check(res, shape) == [], m['modelId']
        assert check_wire(control_wire.json(), shape) == [], m['modelId']
        assert res['modelDetails'] == m
    by_arn = control.get_foundation_model(modelIdentifier='arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0')
    assert by_arn['modelDetails']['modelId'] == 'amazon.nova-pro-v1:0'


@pytest.mark.parametrize('identifier,code', [
    ('amazon.nope-v1:0', 'ResourceNotFoundException'),
    # The foundation-model ARN leaves the account empty; the pattern refuses one with an account.
    ('arn:aws:bedrock:us-east-1:123456789012:foundation-model/amazon.nova-pro-v1:0', 'ValidationException'),
    ('not an id', 'ValidationException'),
])
def test_get_foundation_model_errors(control, control_wire, identifier, code):
    err = failure(control.get_foundation_model, modelIdentifier=identifier)
    assert err.response['Error']['Code'] == code
    assert check_error(err, 'bedrock', 'GetFoundationModel', control_wire) == []


def profiles(control, control_wire, **params):
    res = control.list_inference_profiles(**params)
    shape = output_shape('bedrock', 'ListInferenceProfiles')
    assert check(res, shape) == []
    assert check_wire(control_wire.json(), shape) == []
    return res


def test_list_inference_profiles_lists_system_defined_by_default_and_each_type_on_request(control, control_wire):
    default = profiles(control, control_wire)['inferenceProfileSummaries']
    assert default and all(p['type'] == 'SYSTEM_DEFINED' for p in default)
    for t in enum_of('InferenceProfileType'):
        got = profiles(control, control_wire, typeEquals=t)['inferenceProfileSummaries']
        assert got and all(p['type'] == t for p in got), t


@pytest.mark.parametrize('page_size', [1, 3, 7])
def test_list_inference_profiles_pages_through_every_profile_once(control, control_wire, emulator, page_size):
    everything = [p['inferenceProfileId'] for p in profiles(control, control_wire, maxResults=1000)['inferenceProfileSummaries']]
    shape = output_shape('bedrock', 'ListInferenceProfiles')
    seen, pages = [], 0
    for page in control.get_paginator('list_inference_profiles').paginate(PaginationConfig={'PageSize': page_size}):
        assert check(page, shape) == []
        assert check_wire(control_wire.json(), shape) == []
        assert len(page['inferenceProfileSummaries']) <= page_size
        seen += [p['inferenceProfileId'] for p in page['inferenceProfileSummaries']]
        pages += 1
    assert seen == everything
    assert pages == -(-len(everything) // page_size)
    paths = [r['path'] for r in emulator.requests() if r['operation'] == 'ListInferenceProfiles']
    assert sum(bool(re.search(f'[?&]maxResults={page_size}(&|$)', p)) for p in paths) == pages


def test_list_inference_profiles_last_page_has_no_token(control, control_wire):
    res = profiles(control, control_wire, typeEquals='APPLICATION', maxResults=1000)
    assert 'nextToken' not in res


@pytest.mark.parametrize('params', [
    {'maxResults': 1001},
    {'nextToken': 'bm90LWEtdG9rZW4='},
    {'typeEquals': 'CUSTOM'},
])
def test_list_inference_profiles_refuses_what_the_model_or_the_service_refuses(control, control_wire, params):
    err = failure(control.list_inference_profiles, **params)
    assert err.response['Error']['Code'] == 'ValidationException'
    assert check_error(err, 'bedrock', 'ListInferenceProfiles', control_wire) == []


def test_a_token_of_one_listing_is_refused_by_another(control, control_wire):
    token = profiles(control, control_wire, maxResults=1)['nextToken']
    err = failure(control.list_inference_profiles, typeEquals='APPLICATION', nextToken=token)
    assert err.response['Error']['Code'] == 'ValidationException'


def test_get_inference_profile_for_every_listed_profile_by_id_and_arn(control, control_wire):
    shape = output_shape('bedrock', 'GetInferenceProfile')
    for t in enum_of('InferenceProfileType'):
        for p in profiles(control, control_wire, typeEquals=t)['inferenceProfileSummaries']:
            for identifier in {p['inferenceProfileId'], p['inferenceProfileArn']}:
                res = control.get_inference_profile(inferenceProfileIdentifier=identifier)
                assert check(res, shape) == [], identifier
                assert check_wire(control_wire.json(), shape) == [], identifier
                got = {k: v for k, v in res.items() if k != 'ResponseMetadata'}
                assert got == p, identifier


@pytest.mark.parametrize('identifier,code', [
    ('xx.nothing', 'ResourceNotFoundException'),
    ('us.claude sonnet', 'ValidationException'),
])
def test_get_inference_profile_errors(control, control_wire, identifier, code):
    err = failure(control.get_inference_profile, inferenceProfileIdentifier=identifier)
    assert err.response['Error']['Code'] == code
    assert check_error(err, 'bedrock', 'GetInferenceProfile', control_wire) == []


@pytest.mark.parametrize('operation,call,params', [
    ('ListFoundationModels', 'list_foundation_models', {}),
    ('ListInferenceProfiles', 'list_inference_profiles', {}),
    ('GetFoundationModel', 'get_foundation_model', {'modelIdentifier': 'amazon.nova-pro-v1:0'}),
    ('GetInferenceProfile', 'get_inference_profile', {'inferenceProfileIdentifier': 'us.amazon.nova-pro-v1:0'}),
])
def test_every_modeled_error_of_each_operation(emulator, control, control_wire, operation, call, params):
    """Each error the operation declares, injected by the emulator's fault queue, reaches botocore as that modeled
    exception with the shape's status and members."""
    for name in BEDROCK.operation_model(operation).error_shapes:
        if name.name in ('ResourceNotFoundException', 'ValidationException'):
            continue  # answered for real above
        emulator.fault(fault=name.name, operation=operation, count=1)
        err = failure(getattr(control, call), **params)
        assert err.response['Error']['Code'] == name.name
        assert check_error(err, 'bedrock', operation, control_wire) == [], name.name
