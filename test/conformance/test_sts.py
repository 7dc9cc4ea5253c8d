"""STS AssumeRole (what assume-role profiles call), through botocore's own STS client: the answer fits the `sts`
service model, its keys then sign Bedrock calls, and errors come back in STS's XML shape as botocore reads it. The
AWS CLI resolves an assume-role profile through the emulator the same way."""
import os

import pytest
from botocore.exceptions import ClientError

from conftest import REGION, make_client
from service_model import check, output_shape

ROLE = 'arn:aws:iam::123456789012:role/BedrockDeveloper'


def test_assume_role_answer_fits_the_model_and_its_keys_sign_bedrock_calls(emulator):
    sts = make_client(emulator, 'sts')
    res = sts.assume_role(RoleArn=ROLE, RoleSessionName='conformance', DurationSeconds=900)
    assert check(res, output_shape('sts', 'AssumeRole')) == []
    creds = res['Credentials']
    assert creds['AccessKeyId'].startswith('ASIA')
    assert res['AssumedRoleUser']['Arn'].endswith(':assumed-role/BedrockDeveloper/conformance')
    import botocore.session
    from botocore.config import Config
    bedrock = botocore.session.get_session().create_client(
        'bedrock', region_name=REGION, endpoint_url=emulator.url, aws_access_key_id=creds['AccessKeyId'],
        aws_secret_access_key=creds['SecretAccessKey'], aws_session_token=creds['SessionToken'],
        config=Config(retries={'total_max_attempts': 1}))
    assert bedrock.list_foundation_models()['modelSummaries']
    rec = [r for r in emulator.requests() if r['operation'] == 'ListFoundationModels'][-1]
    assert rec['accessKeyId'] == creds['AccessKeyId'] and rec['hasSessionToken']


@pytest.mark.parametrize('params,code', [
    # Long enough for botocore's own length check, not an IAM role ARN.
    ({'RoleArn': 'arn:aws:iam::123:user/not-a-role', 'RoleSessionName': 'conformance'}, 'ValidationError'),
    ({'RoleArn': 'arn:aws:iam::123456789012:role/NoTrust', 'RoleSessionName': 'conformance'}, 'AccessDenied'),
])
def test_assume_role_errors(emulator, params, code):
    sts = make_client(emulator, 'sts')
    with pytest.raises(ClientError) as err:
        sts.assume_role(**params)
    assert err.value.response['Error']['Code'] == code
    assert err.value.response['Error']['Message']
    assert err.value.response['ResponseMetadata']['HTTPStatusCode'] in (400, 403)


def test_the_cli_resolves_an_assume_role_profile_through_the_emulator(aws, emulator, tmp_path):
    config = tmp_path / 'config'
    config.write_text(f'[profile dev]\nrole_arn = {ROLE}\nsource_profile = base\nregion = {REGION}\n'
                      f'[profile base]\nregion = {REGION}\n')
    credentials = tmp_path / 'credentials'
    credentials.write_text(f'[base]\naws_access_key_id = {os.environ["AWS_ACCESS_KEY_ID"]}\n'
                           f'aws_secret_access_key = {os.environ["AWS_SECRET_ACCESS_KEY"]}\n')
    env = {'AWS_CONFIG_FILE': str(config), 'AWS_SHARED_CREDENTIALS_FILE': str(credentials), 'AWS_PROFILE': 'dev',
           'AWS_ENDPOINT_URL_STS': emulator.url, 'AWS_ACCESS_KEY_ID': '', 'AWS_SECRET_ACCESS_KEY': ''}
    code, out, err = aws('bedrock', 'list-foundation-models', '--by-provider', 'amazon', env=env)
    assert code == 0, err
    ops = [r['operation'] for r in emulator.requests()]
    assert 'AssumeRole' in ops and ops[-1] == 'ListFoundationModels'
