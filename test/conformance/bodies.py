"""One request body per model family, each as the family's AWS model-parameters page writes it (see
test/emulator/README.md, "Families", for the page of each)."""

PROMPT = 'Say hi'

CHAT = [{'role': 'user', 'content': PROMPT}]

# (model ID prefix, family, body); the first prefix that matches wins.
FAMILIES = [
    ('anthropic.', 'anthropic', {'anthropic_version': 'bedrock-2023-05-31', 'max_tokens': 64, 'messages': CHAT}),
    ('amazon.nova-canvas', 'titan-image', {
        'taskType': 'TEXT_IMAGE', 'textToImageParams': {'text': 'a lighthouse'},
        'imageGenerationConfig': {'numberOfImages': 1, 'width': 512, 'height': 512}}),
    ('amazon.nova-', 'nova', {
        'schemaVersion': 'messages-v1', 'messages': [{'role': 'user', 'content': [{'text': PROMPT}]}],
        'inferenceConfig': {'maxTokens': 64}}),
    ('amazon.titan-text', 'titan-text', {'inputText': f'User: {PROMPT}\nBot:', 'textGenerationConfig': {'maxTokenCount': 64}}),
    ('amazon.titan-embed', 'titan-embed', {'inputText': PROMPT}),
    ('amazon.titan-image', 'titan-image', {
        'taskType': 'TEXT_IMAGE', 'textToImageParams': {'text': 'a lighthouse'},
        'imageGenerationConfig': {'numberOfImages': 1, 'width': 512, 'height': 512}}),
    ('meta.', 'llama', {
        'prompt': f'<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n{PROMPT}<|eot_id|>'
                  '<|start_header_id|>assistant<|end_header_id|>\n\n',
        'max_gen_len': 64}),
    ('mistral.mistral-large', 'mistral-chat', {'messages': CHAT, 'max_tokens': 64}),
    ('mistral.', 'mistral', {'prompt': f'<s>[INST] {PROMPT} [/INST]', 'max_tokens': 64}),
    ('cohere.command-r', 'cohere-command-r', {'message': PROMPT, 'max_tokens': 64}),
    ('cohere.embed', 'cohere-embed', {'texts': [PROMPT], 'input_type': 'search_document'}),
    ('ai21.jamba', 'ai21-jamba', {'messages': CHAT, 'max_tokens': 64}),
    ('deepseek.', 'deepseek', {'prompt': f'<\uff5cbegin\u2581of\u2581sentence\uff5c><\uff5cUser\uff5c>{PROMPT}<\uff5cAssistant\uff5c><think>\n', 'max_tokens': 64}),
    ('openai.gpt-oss', 'gpt-oss', {'messages': CHAT, 'max_completion_tokens': 64}),
    ('stability.', 'stability', {'prompt': 'a lighthouse'}),
]


def family_of(model_id):
    bare = model_id.split('/')[-1]
    for geo in ('us.', 'eu.', 'apac.', 'global.'):
        if bare.startswith(geo):
            bare = bare[len(geo):]
    for prefix, family, body in FAMILIES:
        if bare.startswith(prefix):
            return family, body
    return None, None
