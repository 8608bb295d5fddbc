"""The model's records as JSON and back, checked field by field.

`dumps(value)` and `loads(text)` turn what the parser returns — a record of
`model.py` (any frozen dataclass defined there, whatever fields it has), a
tuple of `Problem`s, None — into JSON text and back into equal objects. The
index (`index.py`) stores notes this way: JSON holds data only, so an index
planted in a notebook that arrives through git or a shared drive can at worst
be wrong, never run code.

How a value is written is read off the dataclass's type hints, so a field
added to `model.py` is carried without touching this module:

- a dataclass: the list of its field values, in field order (a dataclass
  written where the hint names a union, or `Any`, carries its class name);
- `tuple[X, ...]` and `tuple[X, Y]`: lists; `X | None`: null or X;
- `date`, `datetime`, `time`: ISO text;
- `str`, `int`, `float`, `bool`: themselves;
- `Any` and any hint not listed above: a tagged form that keeps the Python
  type exactly (tuple, list, dict, set, dates, model records).

Reading checks every value against the hint as it builds it (a list of the
wrong length, an `int` where a `str` belongs, an unknown class name): any
mismatch raises `Invalid`, and the index treats that entry as missing. A value
this module cannot write (a type it does not know) raises `Unstorable`: such
a note is parsed on every run instead of stored.
"""
from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime, time
from typing import Any, Callable

from . import model

Encoder = Callable[[Any], Any]
Decoder = Callable[[Any], Any]


class Invalid(ValueError):
    """Stored text that does not decode to a record of the current model."""


class Unstorable(TypeError):
    """A value with no JSON form here (the note is then parsed every run)."""


def _classes() -> dict[str, type]:
    return {name: obj for name, obj in vars(model).items()
            if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == model.__name__}


_CLASSES: dict[str, type] = _classes()
_new = object.__new__


# ---------------------------------------------------------------- Any: tagged, exact
def _enc_any(v: Any) -> Any:
    t = type(v)
    if v is None or t is str or t is bool or t is int or t is float:
        return v
    if t is tuple:
        return [_enc_any(x) for x in v]
    if t is list:
        return {"l": [_enc_any(x) for x in v]}
    if t is dict:
        return {"m": [[_enc_any(k), _enc_any(x)] for k, x in v.items()]}
    if t is datetime:
        return {"dt": v.isoformat()}
    if t is date:
        return {"d": v.isoformat()}
    if t is time:
        return {"tm": v.isoformat()}
    if t is frozenset or t is set:
        return {"fs" if t is frozenset else "s": [_enc_any(x) for x in sorted(v, key=repr)]}
    name = t.__name__
    if _CLASSES.get(name) is t:
        return {"c": name, "v": _codec(t)[0](v)}
    raise Unstorable(f"no stored form for {t.__module__}.{t.__qualname__}")


def _dec_any(v: Any) -> Any:
    t = type(v)
    if v is None or t is str or t is bool or t is int or t is float:
        return v
    if t is list:
        return tuple(_dec_any(x) for x in v)
    if t is dict and len(v) == 1:
        (tag, body), = v.items()
        try:
            if tag == "l":
                return [_dec_any(x) for x in body]
            if tag == "m":
                return {_dec_any(k): _dec_any(x) for k, x in body}
            if tag == "dt":
                return datetime.fromisoformat(body)
            if tag == "d":
                return date.fromisoformat(body)
            if tag == "tm":
                return time.fromisoformat(body)
            if tag in ("s", "fs"):
                return (frozenset if tag == "fs" else set)(_dec_any(x) for x in body)
        except (TypeError, ValueError) as exc:
            raise Invalid(f"bad {tag!r} value") from exc
    if t is dict and len(v) == 2 and "c" in v and "v" in v:
        cls = _CLASSES.get(v["c"]) if isinstance(v["c"], str) else None
        if cls is None:
            raise Invalid(f"unknown record {v['c']!r}")
        return _codec(cls)[1](v["v"])
    raise Invalid(f"unexpected stored value of type {t.__name__}")


# ---------------------------------------------------------------- typed
def _check(kind: type) -> Decoder:
    def dec(v: Any) -> Any:
        if type(v) is not kind:
            raise Invalid(f"expected {kind.__name__}, got {type(v).__name__}")
        return v
    return dec


def _dec_float(v: Any) -> float:
    if type(v) is float:
        return v
    if type(v) is int:  # JSON writes 1.0 as 1.0, but accept a whole number
        return float(v)
    raise Invalid(f"expected float, got {type(v).__name__}")


def _iso(kind: type) -> tuple[Encoder, Decoder]:
    parse = kind.fromisoformat

    def enc(v: Any) -> Any:
        if type(v) is not kind:
            raise Unstorable(f"expected {kind.__name__}, got {type(v).__name__}")
        return v.isoformat()

    def dec(v: Any) -> Any:
        if type(v) is not str:
            raise Invalid(f"expected {kind.__name__} text")
        try:
            return parse(v)
        except ValueError as exc:
            raise Invalid(str(exc)) from None
    return enc, dec


def _plain(kind: type) -> tuple[Encoder, Decoder]:
    def enc(v: Any) -> Any:
        if type(v) is not kind:
            raise Unstorable(f"expected {kind.__name__}, got {type(v).__name__}")
        return v
    return enc, (_dec_float if kind is float else _check(kind))


def _optional(inner: tuple[Encoder, Decoder]) -> tuple[Encoder, Decoder]:
    ienc, idec = inner
    return (lambda v: None if v is None else ienc(v)), (lambda v: None if v is None else idec(v))


def _variadic(inner: tuple[Encoder, Decoder]) -> tuple[Encoder, Decoder]:
    ienc, idec = inner

    def enc(v: Any) -> Any:
        if type(v) is not tuple:
            raise Unstorable(f"expected tuple, got {type(v).__name__}")
        return [ienc(x) for x in v]

    def dec(v: Any) -> Any:
        if type(v) is not list:
            raise Invalid("expected a list")
        return tuple(map(idec, v))
    return enc, dec


def _fixed(parts: list[tuple[Encoder, Decoder]]) -> tuple[Encoder, Decoder]:
    encs = [p[0] for p in parts]
    decs = [p[1] for p in parts]
    n = len(parts)

    def enc(v: Any) -> Any:
        if type(v) is not tuple or len(v) != n:
            raise Unstorable(f"expected a tuple of {n}")
        return [e(x) for e, x in zip(encs, v)]

    def dec(v: Any) -> Any:
        if type(v) is not list or len(v) != n:
            raise Invalid(f"expected a list of {n}")
        return tuple([d(x) for d, x in zip(decs, v)])
    return enc, dec


def _named(classes: tuple[type, ...]) -> tuple[Encoder, Decoder]:
    """A union of records: written with the class name."""
    by_name = {c.__name__: c for c in classes}

    def enc(v: Any) -> Any:
        cls = type(v)
        if by_name.get(cls.__name__) is not cls:
            raise Unstorable(f"unexpected {cls.__name__}")
        return [cls.__name__, _codec(cls)[0](v)]

    def dec(v: Any) -> Any:
        if type(v) is not list or len(v) != 2 or v[0] not in by_name:
            raise Invalid("expected a named record")
        return _codec(by_name[v[0]])[1](v[1])
    return enc, dec


_ANY = (_enc_any, _dec_any)


def _for_hint(hint: Any) -> tuple[Encoder, Decoder]:
    if hint in (str, int, bool, float):
        return _plain(hint)
    if hint in (date, datetime, time):
        return _iso(hint)
    if isinstance(hint, type) and _CLASSES.get(hint.__name__) is hint:
        if hint in _BUILDING:  # a record that holds its own kind: resolved at call time
            return (lambda v: _codec(hint)[0](v)), (lambda v: _codec(hint)[1](v))
        return _codec(hint)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return _variadic(_for_hint(args[0]))
        if args and Ellipsis not in args:
            return _fixed([_for_hint(a) for a in args])
        return _ANY
    if origin in (typing.Union, types.UnionType):
        rest = tuple(a for a in args if a is not type(None))
        if len(rest) == 1:
            inner = _for_hint(rest[0])
            return _optional(inner) if len(rest) < len(args) else inner
        if all(isinstance(a, type) and _CLASSES.get(a.__name__) is a for a in rest):
            named = _named(rest)
            return _optional(named) if len(rest) < len(args) else named
    return _ANY


_BUILDING: set = set()


_CODECS: dict[type, tuple[Encoder, Decoder]] = {}


def _bad(what: str) -> Any:
    raise Invalid(what)


def _inline(hint: Any, expr: str, env: dict, n: list) -> str:
    """A Python expression decoding `expr` per `hint`: plain types, dates, optionals and tuples of
    records inline, anything else by a call to its decoder."""
    if hint in (str, int, bool):
        env[hint.__name__] = hint
        return f"({expr} if type({expr}) is {hint.__name__} else _bad('expected {hint.__name__}'))"
    if hint in (date, datetime, time):
        name = f"_iso_{hint.__name__}"
        env[name] = hint.fromisoformat
        return f"({name}({expr}) if type({expr}) is str else _bad('expected {hint.__name__} text'))"
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        inner = args[0] if args[1] is type(None) else args[1]
        return f"(None if {expr} is None else {_inline(inner, expr, env, n)})"
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        name = f"_d{len(n)}"
        n.append(name)
        env[name] = _for_hint(args[0])[1]
        return f"(tuple(map({name}, {expr})) if type({expr}) is list else _bad('expected a list'))"
    name = f"_d{len(n)}"
    n.append(name)
    env[name] = _for_hint(hint)[1]
    return f"{name}({expr})"


def _unstorable(what: str) -> Any:
    raise Unstorable(what)


def _enc_inline(hint: Any, expr: str, env: dict, n: list) -> str:
    """A Python expression writing the value `expr` (a plain name) per `hint`, as `_for_hint`'s
    encoder would: plain types, dates, optionals and tuples inline, anything else by a call."""
    if hint in (str, int, bool, float):
        env[hint.__name__] = hint
        return f"({expr} if type({expr}) is {hint.__name__} else _unstorable('expected {hint.__name__}'))"
    if hint in (date, datetime, time):
        name = f"_k_{hint.__name__}"
        env[name] = hint
        return f"({expr}.isoformat() if type({expr}) is {name} else _unstorable('expected {hint.__name__}'))"
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        inner = args[0] if args[1] is type(None) else args[1]
        return f"(None if {expr} is None else {_enc_inline(inner, expr, env, n)})"
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = f"_x{len(n)}"
        n.append(item)
        return (f"([{_enc_inline(args[0], item, env, n)} for {item} in {expr}] if type({expr}) is tuple "
                f"else _unstorable('expected tuple'))")
    name = f"_e{len(n)}"
    n.append(name)
    env[name] = _for_hint(hint)[0]
    return f"{name}({expr})"


def _codec(cls: type) -> tuple[Encoder, Decoder]:
    found = _CODECS.get(cls)
    if found is not None:
        return found
    _BUILDING.add(cls)
    try:
        return _build(cls)
    finally:
        _BUILDING.discard(cls)


def _build(cls: type) -> tuple[Encoder, Decoder]:
    hints = typing.get_type_hints(cls, vars(model))
    fields = [f for f in dataclasses.fields(cls) if f.init]
    if len(fields) != len(dataclasses.fields(cls)):  # fields set outside __init__: not plain data
        raise Unstorable(f"{cls.__name__} has fields outside __init__")
    names = tuple(f.name for f in fields)
    n = len(names)

    # The encoder is generated the same way: each field's value checked (exact type) and written
    # inline, records and `Any` values by a call to their own encoder.
    enc_env: dict = {"_unstorable": _unstorable, "_cls": cls, "list": list, "tuple": tuple, "type": type}
    enc_calls: list = []
    written = [_enc_inline(hints.get(name, Any), f"f{i}", enc_env, enc_calls) for i, name in enumerate(names)]
    enc_code = (f"def enc(v):\n    if type(v) is not _cls:\n"
                f"        _unstorable('expected {cls.__name__}, got ' + type(v).__name__)\n"
                f"    d = v.__dict__\n" +
                "".join(f"    f{i} = d[{name!r}]\n" for i, name in enumerate(names)) +
                "    return [" + ", ".join(written) + "]\n")
    exec(compile(enc_code, f"<records-enc:{cls.__name__}>", "exec"), enc_env)
    enc = enc_env["enc"]

    # The decoder is generated once per class from its fields (our code, never the index's):
    # plain fields are checked inline, and a frozen dataclass without __post_init__ or slots is
    # built by filling its __dict__, exactly what its __init__ does, minus the per-field setattr.
    env: dict = {"_bad": _bad, "_new": _new, "_cls": cls, "list": list, "tuple": tuple, "map": map}
    calls: list = []
    values = [_inline(hints.get(name, Any), f"v[{i}]", env, calls) for i, name in enumerate(names)]
    direct = not hasattr(cls, "__post_init__") and "__slots__" not in vars(cls)
    if direct:
        build = ("    o = _new(_cls)\n    o.__dict__.update(" +
                 ", ".join(f"{name}={value}" for name, value in zip(names, values)) + ")\n    return o\n")
    else:
        build = "    return _cls(" + ", ".join(values) + ")\n"
    code = (f"def dec(v):\n    if type(v) is not list or len(v) != {n}:\n"
            f"        _bad('expected the {n} fields of {cls.__name__}')\n" + build)
    exec(compile(code, f"<records:{cls.__name__}>", "exec"), env)
    dec = env["dec"]
    _CODECS[cls] = (enc, dec)
    return enc, dec


# ---------------------------------------------------------------- building records fast
def constructor(cls: type) -> Callable[..., Any]:
    """A function that builds `cls` from the same arguments as its `__init__`, faster.

    A frozen dataclass's `__init__` sets each field through `object.__setattr__`; for a class
    without `__post_init__` or slots, filling the new object's `__dict__` gives the same object
    (the decoder above does the same). Any other class gets its own constructor back.
    """
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__") or "__slots__" in vars(cls):
        return cls
    fields = dataclasses.fields(cls)
    if any(not f.init for f in fields):
        return cls
    env: dict = {"_new": _new, "_cls": cls, "_MISSING": dataclasses.MISSING}
    params, fill = [], []
    for f in fields:
        if f.default is not dataclasses.MISSING:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
            env[f"_factory_{f.name}"] = f.default_factory  # type: ignore[misc]
            params.append(f"{f.name}=_MISSING")
            fill.append(f"    if {f.name} is _MISSING:\n        {f.name} = _factory_{f.name}()\n")
        else:
            params.append(f.name)
    code = (f"def make({', '.join(params)}):\n" + "".join(fill) + "    o = _new(_cls)\n"
            "    o.__dict__.update(" + ", ".join(f"{f.name}={f.name}" for f in fields) + ")\n    return o\n")
    exec(compile(code, f"<records-new:{cls.__name__}>", "exec"), env)
    return env["make"]


# ---------------------------------------------------------------- what the index stores
# Fields kept apart from the rest of their record: the bulk of a notebook's text, read only by
# the commands that need it (`load(..., points=False)` leaves them at their default).
BULKY: dict[str, tuple[str, ...]] = {"Visit": ("points",)}


def _bulky(cls: type) -> tuple[tuple[int, Any], ...]:
    """(position, the stored form of the default) of the class's bulky fields."""
    found = _BULKY_CACHE.get(cls)
    if found is not None:
        return found
    hints = typing.get_type_hints(cls, vars(model))
    out = []
    for i, f in enumerate(dataclasses.fields(cls)):
        if f.name in BULKY.get(cls.__name__, ()):
            default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[misc]
            out.append((i, _for_hint(hints.get(f.name, Any))[0](default)))
    _BULKY_CACHE[cls] = found = tuple(out)
    return found


_BULKY_CACHE: dict[type, tuple] = {}


def strip(record: Any) -> Any:
    """The record with its bulky fields at their default (what `load_record(head)` gives)."""
    cls = type(record)
    names = BULKY.get(cls.__name__)
    if not names or _CLASSES.get(cls.__name__) is not cls:
        return record
    return dataclasses.replace(record, **{f.name: (f.default if f.default is not dataclasses.MISSING
                                                   else f.default_factory())  # type: ignore[misc]
                                          for f in dataclasses.fields(cls) if f.name in names})


def dated_from(record: Any, since: date) -> bool:
    """Whether the record is dated (its `moment`: a visit) on or after `since`; undated records are not."""
    moment = getattr(record, "moment", None)
    return type(moment) is datetime and moment.date() >= since


def with_bulky(record: Any, body: str | None) -> Any:
    """A record read without its bulky fields (`load_record(head)`), with them decoded from `body`."""
    cls = type(record)
    bulky = _bulky(cls)
    if not bulky or body is None:
        return record
    try:
        apart = json.loads(body)
        if type(apart) is not list or len(apart) != len(bulky):
            raise Invalid("bulky fields")
        found = _BULKY_DECODERS.get(cls)
        if found is None:
            hints = typing.get_type_hints(cls, vars(model))
            names = [f.name for f in dataclasses.fields(cls)]
            found = _BULKY_DECODERS[cls] = tuple((names[i], _for_hint(hints.get(names[i], Any))[1]) for i, _ in bulky)
        out = _new(cls)
        out.__dict__.update(record.__dict__)
        for (name, decode), value in zip(found, apart):
            out.__dict__[name] = decode(value)
        return out
    except (Invalid, RecursionError):
        raise
    except Exception as exc:  # anything odd in stored text is just an invalid entry
        raise Invalid(str(exc)) from exc


_BULKY_DECODERS: dict[type, tuple] = {}


def dump_record(record: Any) -> tuple[str, str]:
    """A parsed note's record (a model dataclass or None) as JSON texts: (head, bulky fields)."""
    if record is None:
        return "null", ""
    cls = type(record)
    if _CLASSES.get(cls.__name__) is not cls:
        raise Unstorable(f"not a record: {cls.__name__}")
    values = _codec(cls)[0](record)
    apart = []
    for i, _ in _bulky(cls):
        apart.append(values[i])
        values[i] = None
    head = json.dumps([cls.__name__, values], ensure_ascii=False, separators=(",", ":"))
    return head, (json.dumps(apart, ensure_ascii=False, separators=(",", ":")) if apart else "")


def load_record(head: str, body: str | None = None) -> Any:
    """The record of `dump_record`'s texts; with `body` None its bulky fields are left at their default."""
    try:
        data = json.loads(head)
        if data is None:
            return None
        if type(data) is not list or len(data) != 2 or type(data[0]) is not str or data[0] not in _CLASSES:
            raise Invalid("not a record")
        cls = _CLASSES[data[0]]
        values = data[1]
        bulky = _bulky(cls)
        if bulky:
            if type(values) is not list:
                raise Invalid("not a record")
            apart = [stored for _, stored in bulky] if body is None else json.loads(body)
            if type(apart) is not list or len(apart) != len(bulky):
                raise Invalid("bulky fields")
            for (i, _), value in zip(bulky, apart):
                if i >= len(values) or values[i] is not None:
                    raise Invalid("bulky field stored in the head")
                values[i] = value
        return _codec(cls)[1](values)
    except (Invalid, RecursionError):
        raise
    except Exception as exc:  # anything odd in stored text is just an invalid entry
        raise Invalid(str(exc)) from exc


_PROBLEMS = _variadic(_for_hint(model.Problem))


def dump_problems(problems: tuple) -> str:
    return json.dumps(_PROBLEMS[0](problems), ensure_ascii=False, separators=(",", ":"))


def load_problems(text: str) -> tuple:
    if text == "[]":  # most notes
        return ()
    try:
        return _PROBLEMS[1](json.loads(text))
    except Invalid:
        raise
    except Exception as exc:
        raise Invalid(str(exc)) from exc
