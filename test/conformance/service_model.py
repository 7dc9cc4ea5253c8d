"""Checks values against the AWS service model that botocore ships (botocore/data/<service>/<version>/service-2.json).

Two views of a response are checked:
- ``check`` walks what botocore parsed (headers, body and event members alike) against the output shape: types,
  required members, enums, length and value ranges, patterns (applied to the whole value, as the service's own
  validation does), one member in a union.
- ``check_wire`` walks the JSON the emulator put on the wire against the same shape and reports members the model
  does not have (botocore's parser silently drops them) and JSON types that do not fit.
"""
import datetime
import re

import botocore.session

_SESSION = botocore.session.get_session()
_MODELS = {}
_PATTERNS = {}


def service_model(name):
    if name not in _MODELS:
        _MODELS[name] = _SESSION.get_service_model(name)
    return _MODELS[name]


def output_shape(service, operation):
    return service_model(service).operation_model(operation).output_shape


def error_shapes(service, operation):
    return {s.name: s for s in service_model(service).operation_model(operation).error_shapes}


def _pattern(text):
    if text not in _PATTERNS:
        _PATTERNS[text] = re.compile(text)
    return _PATTERNS[text]


def check_scalar(value, shape, path):
    """Problems of one string or number against its shape's enum, length, range and pattern."""
    problems = []
    meta = shape.metadata
    if shape.type_name == 'string':
        if not isinstance(value, str):
            return [f'{path}: expected a string ({shape.name}), got {type(value).__name__} {value!r}']
        enum = shape.enum
        if enum and value not in enum:
            problems.append(f'{path}: {value!r} is not in enum {shape.name} {enum}')
        if 'min' in meta and len(value) < meta['min']:
            problems.append(f'{path}: length {len(value)} is under the minimum {meta["min"]} of {shape.name}')
        if 'max' in meta and len(value) > meta['max']:
            problems.append(f'{path}: length {len(value)} is over the maximum {meta["max"]} of {shape.name}')
        if 'pattern' in meta and not _pattern(meta['pattern']).fullmatch(value):
            problems.append(f'{path}: {value!r} does not match the pattern of {shape.name}: {meta["pattern"]}')
    elif shape.type_name in ('integer', 'long'):
        if isinstance(value, bool) or not isinstance(value, int):
            return [f'{path}: expected an integer ({shape.name}), got {value!r}']
        if 'min' in meta and value < meta['min']:
            problems.append(f'{path}: {value} is under the minimum {meta["min"]} of {shape.name}')
        if 'max' in meta and value > meta['max']:
            problems.append(f'{path}: {value} is over the maximum {meta["max"]} of {shape.name}')
    elif shape.type_name in ('float', 'double'):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return [f'{path}: expected a number ({shape.name}), got {value!r}']
    elif shape.type_name == 'boolean':
        if not isinstance(value, bool):
            return [f'{path}: expected a boolean ({shape.name}), got {value!r}']
    elif shape.type_name == 'timestamp':
        if not isinstance(value, datetime.datetime):
            return [f'{path}: expected a timestamp ({shape.name}), got {value!r}']
    elif shape.type_name == 'blob':
        if isinstance(value, (bytes, bytearray)):
            if 'max' in meta and len(value) > meta['max']:
                problems.append(f'{path}: {len(value)} bytes is over the maximum {meta["max"]} of {shape.name}')
        elif not hasattr(value, 'read'):
            return [f'{path}: expected bytes ({shape.name}), got {type(value).__name__}']
    return problems


def check(value, shape, path='$'):
    """Every problem of a parsed value against its botocore shape (an empty list when it conforms)."""
    if shape.type_name == 'structure':
        if shape.serialization.get('eventstream'):
            return []  # checked event by event (see check_event)
        if not isinstance(value, dict):
            return [f'{path}: expected an object ({shape.name}), got {type(value).__name__}']
        problems = []
        for name in shape.required_members:
            if name not in value:
                problems.append(f'{path}: required member {name} of {shape.name} is missing')
        for name, member in shape.members.items():
            if name in value and value[name] is not None:
                problems += check(value[name], member, f'{path}.{name}')
        if shape.is_tagged_union and len([k for k in value if k in shape.members]) != 1:
            problems.append(f'{path}: union {shape.name} must have exactly one member, has {sorted(value)}')
        return problems
    if shape.type_name == 'list':
        if not isinstance(value, list):
            return [f'{path}: expected a list ({shape.name}), got {type(value).__name__}']
        problems = _length(len(value), shape, path)
        for i, item in enumerate(value):
            problems += check(item, shape.member, f'{path}[{i}]')
        return problems
    if shape.type_name == 'map':
        if not isinstance(value, dict):
            return [f'{path}: expected a map ({shape.name}), got {type(value).__name__}']
        problems = _length(len(value), shape, path)
        for k, v in value.items():
            problems += check_scalar(k, shape.key, f'{path} key {k!r}') + check(v, shape.value, f'{path}[{k!r}]')
        return problems
    return check_scalar(value, shape, path)


def _length(n, shape, path):
    meta = shape.metadata
    out = []
    if 'min' in meta and n < meta['min']:
        out.append(f'{path}: {n} items is under the minimum {meta["min"]} of {shape.name}')
    if 'max' in meta and n > meta['max']:
        out.append(f'{path}: {n} items is over the maximum {meta["max"]} of {shape.name}')
    return out


_JSON_TYPES = {
    'string': (str,), 'integer': (int,), 'long': (int,), 'float': (int, float), 'double': (int, float),
    'boolean': (bool,), 'timestamp': (str, int, float), 'blob': (str,),
}


def check_wire(value, shape, path='$'):
    """Members on the wire that the shape does not model, and JSON types that do not fit (body members only)."""
    if shape.type_name == 'structure':
        if not isinstance(value, dict):
            return [f'{path}: expected a JSON object ({shape.name})']
        by_wire_name = {
            m.serialization.get('name', n): m
            for n, m in shape.members.items()
            if m.serialization.get('location') in (None, 'body')
        }
        problems = []
        for k, v in value.items():
            member = by_wire_name.get(k)
            if member is None:
                problems.append(f'{path}: member {k!r} is not in the model of {shape.name} (members: {sorted(by_wire_name)})')
            elif v is not None:
                problems += check_wire(v, member, f'{path}.{k}')
        return problems
    if shape.type_name == 'list':
        if not isinstance(value, list):
            return [f'{path}: expected a JSON array ({shape.name})']
        return [p for i, item in enumerate(value) for p in check_wire(item, shape.member, f'{path}[{i}]')]
    if shape.type_name == 'map':
        if not isinstance(value, dict):
            return [f'{path}: expected a JSON object ({shape.name})']
        return [p for k, v in value.items() for p in check_wire(v, shape.value, f'{path}[{k!r}]')]
    types = _JSON_TYPES.get(shape.type_name, (object,))
    if isinstance(value, bool) and bool not in types:
        return [f'{path}: JSON boolean where {shape.name} ({shape.type_name}) is modeled']
    if not isinstance(value, types):
        return [f'{path}: JSON {type(value).__name__} where {shape.name} ({shape.type_name}) is modeled']
    return []


def check_error(err, service, operation, wire=None):
    """Problems of a botocore ClientError against the operation's modeled errors: the name is one the operation
    declares, the HTTP status is the shape's, the members botocore parsed fit the shape, and (given the wire) the JSON
    body has no member the shape does not model."""
    response = err.response
    code = response['Error']['Code']
    shapes = error_shapes(service, operation)
    if code not in shapes:
        return [f'{code} is not an error {operation} declares ({sorted(shapes)})']
    shape = shapes[code]
    problems = []
    status = response['ResponseMetadata']['HTTPStatusCode']
    modeled = shape.metadata.get('error', {}).get('httpStatusCode')
    if modeled is not None and status != modeled:
        problems.append(f'{code}: HTTP {status}, the model says {modeled}')
    # botocore copies the modeled members of a rest-json error into the response (message under Error too).
    members = {k: response[k] for k in shape.members if k in response}
    problems += check(members, shape, f'${code}')
    if not response['Error'].get('Message'):
        problems.append(f'{code}: no message')
    if wire is not None and wire.body:
        problems += check_wire(wire.json(), shape, f'${code}')
    return problems
