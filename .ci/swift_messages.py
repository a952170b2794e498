#!/usr/bin/env python3
"""Generates LeagueWire's Swift message layer from a protoc descriptor set.

Usage: swift_messages.py DESCRIPTOR_SET OUT_DIR PROTO_FILE...
(run through .ci/generate-swift-messages.sh, which calls protoc first).

For every message and enum of the given .proto files it writes three Swift files:
  <Name>.pb.swift       value types (Sendable, Hashable) with doc comments from the proto;
  <Name>+CProto.pb.swift conversion to/from the protoc-c structs (strings, bytes and
                        repeated fields allocated from one CArena per message);
  <Name>+JSON.pb.swift  proto3 JSON mapping (what grpcurl prints).
and, for a file declaring a `service` whose RPCs take `Request.call` members:
  <Name>+GRPC.pb.swift  its gRPC method table (the gRPC transport serves exactly these).
They are written against the ProtobufCRuntime target (Sources/ProtobufCRuntime: the C arena,
CMessageConvertible's pack/unpack, the JSON writer), as protoc-gen-swift's output is written
against the SwiftProtobuf library, and against LeagueWire's ProtobufMessage, WireError and
GRPCMethod types.

Mapping rules (they reproduce the names of the earlier hand-written layer):
  message -> struct of the same name; enum -> enum of the same name (see TYPE_NAMES);
  field -> lowerCamelCase property ("url" -> "URL" after the first word);
  a one-member oneof named `<field>_present` -> Swift Optional (nil = unset);
  a singular message field -> non-optional (unset reads as the empty message), unless
    its proto comment says it may be "unset", then Optional;
  any other oneof -> a top-level enum named after the oneof (see ONEOF_NAMES) with an
    unset case; a member whose message type has no fields is a case without payload;
  enum values -> lowerCamelCase with the prefix common to all values removed
    (TABLE_NON_ACUTE -> nonAcute); an unknown number received from a newer peer reads
    as the value named UNKNOWN if there is one, else the zero value.
Nested messages and enums become nested Swift types (Outer.Inner).
Maps, groups, extensions, proto2 and proto3 `optional` (unsupported by protoc-c 1.4) fail loudly.
"""

import re
import sys
from pathlib import Path

from google.protobuf import descriptor_pb2 as d

F = d.FieldDescriptorProto

# Swift names that differ from the proto names, kept for code written against them.
TYPE_NAMES = {"nhs.league.v1.Code": "StatusCode"}  # `Code` alone is too vague in Swift
# oneof full name -> (Swift enum name, name of its unset case)
ONEOF_NAMES = {"nhs.league.v1.Response.result": ("CallResult", "none")}  # `Result` is Swift's
INITIALISMS = {"url": "URL"}

SWIFT_KEYWORDS = {
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
    "init", "inout", "internal", "let", "open", "operator", "private", "protocol", "public",
    "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "continue",
    "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat",
    "return", "switch", "where", "while", "as", "catch", "false", "is", "nil", "super", "self",
    "Self", "throw", "throws", "true", "try", "Type", "Protocol", "any", "some",
}

SCALARS = {  # proto type -> (Swift type, zero literal, JSON writer method)
    F.TYPE_DOUBLE: ("Double", "0", "double"),
    F.TYPE_FLOAT: ("Float", "0", "float"),
    F.TYPE_INT32: ("Int32", "0", "int"),
    F.TYPE_SINT32: ("Int32", "0", "int"),
    F.TYPE_SFIXED32: ("Int32", "0", "int"),
    F.TYPE_UINT32: ("UInt32", "0", "int"),
    F.TYPE_FIXED32: ("UInt32", "0", "int"),
    F.TYPE_INT64: ("Int64", "0", "int64"),
    F.TYPE_SINT64: ("Int64", "0", "int64"),
    F.TYPE_SFIXED64: ("Int64", "0", "int64"),
    F.TYPE_UINT64: ("UInt64", "0", "int64"),
    F.TYPE_FIXED64: ("UInt64", "0", "int64"),
    F.TYPE_BOOL: ("Bool", "false", "bool"),
    F.TYPE_STRING: ("String", '""', "string"),
    F.TYPE_BYTES: ("[UInt8]", "[]", "bytes"),
}


def fail(message):
    sys.exit(f"generate-swift-messages: error: {message}")


# ---------------------------------------------------------------- naming


def camel_words(snake):
    return [w for w in snake.split("_") if w]


def lower_camel(snake):
    words = camel_words(snake.lower()) if snake.isupper() else camel_words(snake)
    out = words[0][0].lower() + words[0][1:]
    for w in words[1:]:
        out += INITIALISMS.get(w.lower(), w[0].upper() + w[1:])
    return out


def escape(name):
    return f"`{name}`" if name in SWIFT_KEYWORDS else name


def c_camel_to_lower(name):  # protoc-c's CamelToLower
    out, was_upper = "", True
    for ch in name:
        if ch.isupper():
            out += ("" if was_upper else "_") + ch.lower()
        else:
            out += ch
        was_upper = ch.isupper()
    return out


def c_camel_to_upper(name):  # protoc-c's CamelToUpper
    return c_camel_to_lower(name).upper()


class Names:
    """protoc-c's C identifiers for one message or enum (package + nesting path)."""

    def __init__(self, package, path):
        self.package, self.path = package.split(".") if package else [], path

    @property
    def c_type(self):
        return "__".join([p[0].upper() + p[1:] for p in self.package] + self.path)

    @property
    def c_lower(self):
        return "__".join(self.package + [c_camel_to_lower(p) for p in self.path])

    @property
    def c_upper(self):
        return "__".join([p.upper() for p in self.package] + [c_camel_to_upper(p) for p in self.path])


# ---------------------------------------------------------------- model


def comment_text(location):
    if location is None:
        return []
    text = (location.leading_comments or "") + (location.trailing_comments or "")
    lines = [line[1:] if line.startswith(" ") else line for line in text.rstrip().split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    return [line.rstrip() for line in lines]


class Enum:
    def __init__(self, proto, full, swift, names, locations, path):
        self.full, self.swift, self.names = full, swift, names
        self.doc = comment_text(locations.get(path))
        values = list(proto.value)
        if not values or values[0].number != 0:
            fail(f"enum {full} must start with a value numbered 0")
        prefix = common_prefix([v.name for v in values])
        self.values = []
        for i, v in enumerate(values):
            case = lower_camel(v.name[len(prefix):])
            doc = comment_text(locations.get(path + (2, i)))
            self.values.append((v.name, v.number, escape(case), doc))
        if len({v[1] for v in self.values}) != len(self.values):
            fail(f"enum {full}: aliased values (allow_alias) are not supported")
        unknown = [v for v in self.values if v[0] == "UNKNOWN" or v[0].endswith("_UNKNOWN")]
        self.fallback = (unknown or self.values)[0][2]
        self.zero = self.values[0][2]


def common_prefix(names):
    words = [n.split("_")[:-1] for n in names]
    prefix = []
    for column in zip(*words):
        if len(set(column)) != 1:
            break
        prefix.append(column[0])
    text = "".join(w + "_" for w in prefix)
    if any(not n[len(text):] or n[len(text)].isdigit() for n in names):
        return ""
    return text


class Field:
    """One Swift property: a plain field, an Optional (`_present` oneof or unset-able
    message) or a oneof enum."""

    def __init__(self, proto, message, locations, path):
        self.proto, self.message = proto, message
        self.name, self.number = proto.name, proto.number
        self.swift = escape(lower_camel(proto.name))
        self.var = self.swift  # the Swift property
        self.json = proto.json_name or lower_camel(proto.name)
        self.doc = comment_text(locations.get(path))
        self.repeated = proto.label == F.LABEL_REPEATED
        self.present_oneof = None  # C oneof name when this is an Optional via `_present`
        self.optional = False
        if proto.type == F.TYPE_GROUP:
            fail(f"{message.full}.{proto.name}: groups are not supported")
        if proto.proto3_optional:
            fail(f"{message.full}.{proto.name}: proto3 `optional` is not supported by protoc-c 1.4; "
                 f"use a one-member oneof named `{proto.name}_present`")


class Oneof:
    def __init__(self, message, name, fields, full, doc):
        self.message, self.name, self.fields, self.doc = message, name, fields, doc
        swift, unset = ONEOF_NAMES.get(full, (upper_camel(name), "unset"))
        self.swift, self.unset, self.full = swift, unset, full
        self.property = self.var = escape(lower_camel(name))


def upper_camel(snake):
    camel = lower_camel(snake)
    return camel[0].upper() + camel[1:]


class Message:
    def __init__(self, proto, full, swift, names, locations, path):
        self.proto, self.full, self.swift, self.names = proto, full, swift, names
        self.doc = comment_text(locations.get(path))
        self.locations, self.path = locations, path
        if proto.options.map_entry:
            fail(f"{full}: map fields are not supported")
        if proto.extension_range or proto.extension:
            fail(f"{full}: extensions are not supported")

    def resolve(self, types):
        """Builds the Swift members in declaration order: a field, or a oneof (once, at its
        first member)."""
        proto = self.proto
        fields = [Field(f, self, self.locations, self.path + (2, i)) for i, f in enumerate(proto.field)]
        for f in fields:
            if f.proto.type in (F.TYPE_MESSAGE, F.TYPE_ENUM):
                f.type = types.get(f.proto.type_name.lstrip("."))
                if f.type is None:
                    fail(f"{self.full}.{f.name}: unknown type {f.proto.type_name}")
                if isinstance(f.type, Message) and f.type.proto.options.map_entry:
                    fail(f"{self.full}.{f.name}: map fields are not supported")
            else:
                f.type = None
        self.members = []
        seen = set()
        for f in fields:
            if not f.proto.HasField("oneof_index"):
                if isinstance(f.type, Message) and not f.repeated:
                    f.optional = any(re.search(r"\bunset\b", line, re.I) for line in f.doc)
                self.members.append(f)
                continue
            index = f.proto.oneof_index
            oneof_name = proto.oneof_decl[index].name
            members = [g for g in fields if g.proto.HasField("oneof_index") and g.proto.oneof_index == index]
            if len(members) == 1 and oneof_name == f.name + "_present":
                f.present_oneof = oneof_name
                f.optional = True
                self.members.append(f)
            elif index not in seen:
                seen.add(index)
                doc = comment_text(self.locations.get(self.path + (8, index)))
                self.members.append(Oneof(self, oneof_name, members, f"{self.full}.{oneof_name}", doc))

    @property
    def is_empty(self):
        return not self.proto.field


# ---------------------------------------------------------------- Swift text


def doc_lines(doc, indent="", fallback=None):
    lines = doc or ([fallback] if fallback else [])
    return [f"{indent}///" + (f" {line}" if line else "") for line in lines]


def swift_type(f):
    """The element type of a field (without Optional or Array)."""
    if f.type is not None:
        return f.type.swift
    return SCALARS[f.proto.type][0]


def zero_value(f):
    if isinstance(f.type, Enum):
        return "." + f.type.zero.strip("`")
    if isinstance(f.type, Message):
        return f"{f.type.swift}()"
    return SCALARS[f.proto.type][1]


def property_type(member):
    if isinstance(member, Oneof):
        return member.swift, "." + member.unset
    t = swift_type(member)
    if member.repeated:
        return f"[{t}]", "[]"
    if member.optional:
        return f"{t}?", "nil"
    return t, zero_value(member)


HEADER = ("// GENERATED by .ci/generate-swift-messages.sh from {src} ({what}). Do not edit.\n"
          "// swift-format-ignore-file\n")


def nest(lines, parent):
    """Declares a nested proto type inside its parent Swift type."""
    if not parent:
        return lines
    lines = "\n".join(lines).rstrip("\n").split("\n")
    return [f"extension {parent} {{"] + [("    " + line) if line else "" for line in lines] + ["}", ""]


def generate_types(messages, enums, src):
    out = [HEADER.format(src=src, what="Swift value types") + "import ProtobufCRuntime\n"]
    for e in enums:
        out += nest(enum_declaration(e), e.parent)
    for m in messages:
        for member in m.members:
            if isinstance(member, Oneof):
                out += generate_oneof_enum(member)
        out += nest(message_declaration(m), m.parent)
    return "\n".join(out).rstrip() + "\n"


def enum_declaration(e):
    out = []
    out += doc_lines(e.doc, fallback=f"`{e.full}`.")
    out.append(f"public enum {e.swift.split('.')[-1]}: Int32, Sendable, Hashable, CaseIterable, ProtoNamedEnum {{")
    for name, number, case, doc in e.values:
        out += doc_lines(doc, "    ")
        out.append(f"    case {case} = {number}")
    out.append("")
    out.append("    /// The value's name in the proto (and in proto3 JSON).")
    out.append("    public var protoName: String {")
    out.append("        switch self {")
    for name, number, case, doc in e.values:
        out.append(f"        case .{case.strip('`')}: \"{name}\"")
    out.append("        }")
    out.append("    }")
    out.append("}")
    out.append("")
    return out


def message_declaration(m):
    out = []
    out += doc_lines(m.doc, fallback=f"`{m.full}`.")
    out.append(f"public struct {m.swift.split('.')[-1]}: ProtobufMessage {{")
    params = []
    for member in m.members:
        t, zero = property_type(member)
        out += doc_lines(member.doc, "    ")
        out.append(f"    public var {member.var}: {t} = {zero}")
        params.append(f"{member.var}: {t} = {zero}")
    out.append("")
    out.append("    /// Every field at its proto3 default.")
    out.append("    public init() {}")
    if params:
        out.append("")
        out.append("    public init(")
        out.append(",\n".join(f"        {p}" for p in params))
        out.append("    ) {")
        for member in m.members:
            out.append(f"        self.{member.var.strip('`')} = {member.var}")
        out.append("    }")
    out.append("}")
    out.append("")
    return out


def case_name(f):
    return lower_camel(f.name)


def generate_oneof_enum(o):
    out = doc_lines(o.doc, fallback=f"The `{o.name}` oneof of `{o.message.full}`.")
    out.append(f"public enum {o.swift}: Sendable, Hashable {{")
    out.append(f"    /// No member set (or one this version does not know).")
    out.append(f"    case {o.unset}")
    for f in o.fields:
        out += doc_lines(f.doc, "    ")
        if isinstance(f.type, Message) and f.type.is_empty:
            out.append(f"    case {escape(case_name(f))}")
        else:
            out.append(f"    case {escape(case_name(f))}({swift_type(f)})")
    out.append("")
    out.append("    /// The proto field name of the member that is set, for logs and errors.")
    out.append("    public var name: String {")
    out.append("        switch self {")
    out.append(f"        case .{o.unset}: \"unset\"")
    for f in o.fields:
        out.append(f"        case .{case_name(f)}: \"{f.name}\"")
    out.append("        }")
    out.append("    }")
    out.append("}")
    out.append("")
    return out


# ---- protobuf-c conversion


def to_c(f, value):
    """Swift expression converting one element `value` of field f to its C form."""
    t = f.proto.type
    if t == F.TYPE_STRING:
        return f"arena.string({value})"
    if t == F.TYPE_BYTES:
        return f"arena.bytes({value})"
    if t == F.TYPE_BOOL:
        return f"{value}.protobufC"
    if isinstance(f.type, Enum):
        return f"{value}.protobufC"
    if isinstance(f.type, Message):
        return f"{value}.cMessage(in: arena)"
    return value


def from_c(f, value):
    """Swift expression converting one C element `value` of field f to Swift."""
    t = f.proto.type
    if t == F.TYPE_STRING:
        return f"String(protobufC: {value})"
    if t == F.TYPE_BYTES:
        return f"[UInt8](protobufC: {value})"
    if t == F.TYPE_BOOL:
        return f"Bool(protobufC: {value})"
    if isinstance(f.type, Enum):
        return f"{f.type.swift}(protobufC: {value})"
    if isinstance(f.type, Message):
        return f"{f.type.swift}(cMessage: {value})"
    return value


def c_field(f):
    return f.name  # protoc-c keeps proto field names as C member names


def oneof_case_constant(m, oneof_name, f):
    return f"{m.names.c_upper}__{oneof_name.upper()}_{f.name.upper()}"


def generate_c(messages, enums, src):
    out = [HEADER.format(src=src, what="protobuf-c conversions") + "import CLeagueProto\nimport CProtobufC\nimport ProtobufCRuntime", ""]
    for e in enums:
        out.append(f"extension {e.swift} {{")
        out.append(f"    init(protobufC value: {e.names.c_type}) {{")
        out.append(f"        self = {e.swift}(rawValue: Int32(truncatingIfNeeded: value.rawValue)) ?? .{e.fallback.strip('`')}")
        out.append("    }")
        out.append("")
        out.append(f"    var protobufC: {e.names.c_type} {{")
        out.append(f"        {e.names.c_type}(rawValue: .init(truncatingIfNeeded: self.rawValue))")
        out.append("    }")
        out.append("}")
        out.append("")
    for m in messages:
        c, lower = m.names.c_type, m.names.c_lower
        out.append(f"extension {m.swift}: CMessageConvertible {{")
        out.append("    /// The protobuf encoding of this message (protobuf-c).")
        out.append("    public func serializedBytes() -> [UInt8] { self.packedBytes() }")
        out.append("")
        out.append("    /// Decodes the protobuf encoding of this message (protobuf-c); throws")
        out.append("    /// ``WireError/Kind/malformedMessage`` when the bytes are not one.")
        out.append("    public init(serializedBytes bytes: some Collection<UInt8>) throws(WireError) {")
        out.append("        do { self = try Self.unpacked(from: bytes) } catch { throw WireError(error) }")
        out.append("    }")
        out.append("")
        out.append(f"    package static let protoMessageName = \"{m.proto.name}\"")
        if m.parent is None:
            out.append(f"    package static func packedSize(_ c: UnsafePointer<{c}>) -> Int {{ {lower}__get_packed_size(c) }}")
            out.append(f"    package static func pack(_ c: UnsafePointer<{c}>, _ out: UnsafeMutablePointer<UInt8>) -> Int {{")
            out.append(f"        {lower}__pack(c, out)")
            out.append("    }")
            out.append(f"    package static func unpack(_ count: Int, _ bytes: UnsafePointer<UInt8>) -> UnsafeMutablePointer<{c}>? {{")
            out.append(f"        {lower}__unpack(nil, count, bytes)")
            out.append("    }")
            out.append(f"    package static func freeUnpacked(_ c: UnsafeMutablePointer<{c}>) {{ {lower}__free_unpacked(c, nil) }}")
        else:
            # protoc-c writes pack/unpack functions for top-level messages only: use the
            # runtime's generic ones with the descriptor an initialised struct points at.
            base = "UnsafeRawPointer(c).assumingMemoryBound(to: ProtobufCMessage.self)"
            out.append(f"    package static func packedSize(_ c: UnsafePointer<{c}>) -> Int {{")
            out.append(f"        protobuf_c_message_get_packed_size({base})")
            out.append("    }")
            out.append(f"    package static func pack(_ c: UnsafePointer<{c}>, _ out: UnsafeMutablePointer<UInt8>) -> Int {{")
            out.append(f"        protobuf_c_message_pack({base}, out)")
            out.append("    }")
            out.append(f"    package static func unpack(_ count: Int, _ bytes: UnsafePointer<UInt8>) -> UnsafeMutablePointer<{c}>? {{")
            out.append(f"        var initialised = {c}()")
            out.append(f"        {lower}__init(&initialised)")
            out.append("        return protobuf_c_message_unpack(initialised.base.descriptor, nil, count, bytes)")
            out.append(f"            .map {{ UnsafeMutableRawPointer($0).assumingMemoryBound(to: {c}.self) }}")
            out.append("    }")
            out.append(f"    package static func freeUnpacked(_ c: UnsafeMutablePointer<{c}>) {{")
            out.append("        protobuf_c_message_free_unpacked(UnsafeMutableRawPointer(c).assumingMemoryBound(to: ProtobufCMessage.self), nil)")
            out.append("    }")
        out.append("")
        out.append(f"    package func cMessage(in arena: CArena) -> UnsafeMutablePointer<{c}> {{")
        out.append(f"        let m = arena.message({lower}__init)")
        for member in m.members:
            out += ["        " + line for line in encode_member(m, member)]
        out.append("        return m")
        out.append("    }")
        out.append("")
        out.append(f"    package init(cMessage: UnsafePointer<{c}>) {{")
        if m.members:
            out.append("        let c = cMessage.pointee")
            out.append("        self.init(")
            args = [f"            {member.var.strip('`')}: {decode_member(m, member)}" for member in m.members]
            out.append(",\n".join(args))
            out.append("        )")
        else:
            out.append("        self.init()")
        out.append("    }")
        out.append("}")
        out.append("")
        for member in m.members:
            if isinstance(member, Oneof):
                out += decode_oneof(m, member)
    return "\n".join(out).rstrip() + "\n"


def encode_member(m, member):
    if isinstance(member, Oneof):
        lines = [f"switch self.{member.property} {{", f"case .{member.unset}:", "    break"]
        for f in member.fields:
            constant = oneof_case_constant(m, member.name, f)
            empty = isinstance(f.type, Message) and f.type.is_empty
            lines.append(f"case .{case_name(f)}" + ("" if empty else "(let value)") + ":")
            lines.append(f"    m.pointee.{member.name}_case = {constant}")
            if empty:
                lines.append(f"    m.pointee.{c_field(f)} = arena.message({f.type.names.c_lower}__init)")
            else:
                lines.append(f"    m.pointee.{c_field(f)} = {to_c(f, 'value')}")
        lines.append("}")
        return lines
    f, name = member, c_field(member)
    if f.repeated:
        if isinstance(f.type, Message):
            array = f"arena.messages(self.{f.swift})"
        elif f.proto.type == F.TYPE_STRING:
            array = f"arena.strings(self.{f.swift})"
        elif f.proto.type in (F.TYPE_BYTES, F.TYPE_BOOL) or isinstance(f.type, Enum):
            array = f"arena.array(self.{f.swift}.map {{ {to_c(f, '$0')} }})"
        else:
            array = f"arena.array(self.{f.swift})"
        return [f"m.pointee.n_{name} = self.{f.swift}.count", f"m.pointee.{name} = {array}"]
    if f.present_oneof:
        constant = oneof_case_constant(m, f.present_oneof, f)
        return [
            f"if let value = self.{f.swift} {{",
            f"    m.pointee.{f.present_oneof}_case = {constant}",
            f"    m.pointee.{name} = {to_c(f, 'value')}",
            "}",
        ]
    if f.optional:
        return [f"m.pointee.{name} = self.{f.swift}.map {{ {to_c(f, '$0')} }}"]
    return [f"m.pointee.{name} = {to_c(f, 'self.' + f.swift)}"]


def decode_member(m, member):
    if isinstance(member, Oneof):
        return f"{member.swift}(protobufC: c)"
    f, name = member, c_field(member)
    if f.repeated:
        if isinstance(f.type, Message):
            return f"decodeMessages(c.{name}, count: c.n_{name})"
        if f.proto.type == F.TYPE_STRING:
            return f"decodeStrings(c.{name}, count: c.n_{name})"
        if f.proto.type in (F.TYPE_BYTES, F.TYPE_BOOL) or isinstance(f.type, Enum):
            return f"decodeArray(c.{name}, count: c.n_{name}).map {{ {from_c(f, '$0')} }}"
        return f"decodeArray(c.{name}, count: c.n_{name})"
    if f.present_oneof:
        constant = oneof_case_constant(m, f.present_oneof, f)
        return f"c.{f.present_oneof}_case == {constant} ? {from_c(f, 'c.' + name)} : nil"
    if isinstance(f.type, Message):
        if f.optional:
            return f"c.{name}.map {{ {from_c(f, '$0')} }}"
        return f"c.{name}.map {{ {from_c(f, '$0')} }} ?? {f.type.swift}()"
    return from_c(f, "c." + name)


def decode_oneof(m, o):
    out = [f"extension {o.swift} {{"]
    out.append(f"    /// The `{o.name}` oneof of an unpacked `{m.proto.name}`. protobuf-c allocates the member it")
    out.append("    /// sets; a NULL member is still checked so it can never be read.")
    out.append(f"    init(protobufC c: {m.names.c_type}) {{")
    out.append(f"        switch c.{o.name}_case {{")
    for f in o.fields:
        out.append(f"        case {oneof_case_constant(m, o.name, f)}:")
        name = c_field(f)
        if isinstance(f.type, Message) and f.type.is_empty:
            out.append(f"            self = c.{name} == nil ? .{o.unset} : .{case_name(f)}")
        elif isinstance(f.type, Message):
            out.append(f"            self = c.{name}.map {{ .{case_name(f)}({from_c(f, '$0')}) }} ?? .{o.unset}")
        else:
            out.append(f"            self = .{case_name(f)}({from_c(f, 'c.' + name)})")
    out.append("        default:")
    out.append("            // NOT_SET, including a member this version does not know (protobuf-c keeps")
    out.append("            // unknown fields aside and leaves the oneof unset).")
    out.append(f"            self = .{o.unset}")
    out.append("        }")
    out.append("    }")
    out.append("}")
    out.append("")
    return out


# ---- proto3 JSON


def json_value(f, value):
    if isinstance(f.type, Enum):
        return f"json.enumValue({value})"
    if isinstance(f.type, Message):
        return f"json.message({value})"
    return f"json.{SCALARS[f.proto.type][2]}({value})"


def is_default_check(f, value):
    """Swift condition that is true when a plain (non-optional) field must be written."""
    if isinstance(f.type, Enum):
        return f"{value} != .{f.type.zero.strip('`')}"
    t = f.proto.type
    if t in (F.TYPE_STRING, F.TYPE_BYTES):
        return f"!{value}.isEmpty"
    if t == F.TYPE_BOOL:
        return value
    return f"{value} != 0"


def generate_json(messages, src):
    out = [HEADER.format(src=src, what="proto3 JSON mapping") + "import ProtobufCRuntime\n"]
    for m in messages:
        out.append(f"extension {m.swift}: ProtoJSONMessage {{")
        if not m.members:
            out.append("    public func writeJSONFields(to json: inout ProtoJSONWriter) {}")
        else:
            out.append("    public func writeJSONFields(to json: inout ProtoJSONWriter) {")
            for member in m.members:
                out += ["        " + line for line in json_member(member)]
            out.append("    }")
        out.append("}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def json_member(member):
    if isinstance(member, Oneof):
        lines = [f"switch self.{member.property} {{", f"case .{member.unset}:", "    break"]
        for f in member.fields:
            if isinstance(f.type, Message) and f.type.is_empty:
                lines.append(f"case .{case_name(f)}:")
                lines.append(f"    json.key(\"{f.json}\")")
                lines.append(f"    json.message({f.type.swift}())")
            else:
                lines.append(f"case .{case_name(f)}(let value):")
                lines.append(f"    json.key(\"{f.json}\")")
                lines.append(f"    {json_value(f, 'value')}")
        lines.append("}")
        return lines
    f = member
    if f.repeated:
        return [
            f"if !self.{f.swift}.isEmpty {{",
            f"    json.key(\"{f.json}\")",
            f"    json.array(self.{f.swift}) {{ json, value in {json_value(f, 'value')} }}",
            "}",
        ]
    if f.optional:
        return [
            f"if let value = self.{f.swift} {{",
            f"    json.key(\"{f.json}\")",
            f"    {json_value(f, 'value')}",
            "}",
        ]
    if isinstance(f.type, Message):  # always sent on the wire, so always present
        return [f"json.key(\"{f.json}\")", json_value(f, f"self.{f.swift}")]
    return [
        f"if {is_default_check(f, 'self.' + f.swift)} {{",
        f"    json.key(\"{f.json}\")",
        f"    {json_value(f, 'self.' + f.swift)}",
        "}",
    ]


# ---------------------------------------------------------------- main


def collect(file, types, messages, enums):
    if file.syntax != "proto3":
        fail(f"{file.name}: only proto3 is supported")
    if file.extension:
        fail(f"{file.name}: extensions are not supported")
    if file.service:
        pass  # services are transport, not messages: nothing to generate
    locations = {tuple(loc.path): loc for loc in file.source_code_info.location}
    package = file.package

    def walk_enum(proto, path, parents, parent_swift):
        full = ".".join(filter(None, [package] + parents + [proto.name]))
        swift = TYPE_NAMES.get(full, ".".join(filter(None, [parent_swift, proto.name])))
        e = Enum(proto, full, swift, Names(package, parents + [proto.name]), locations, path)
        e.parent = parent_swift
        types[full] = e
        enums.append(e)

    def walk_message(proto, path, parents, parent_swift):
        full = ".".join(filter(None, [package] + parents + [proto.name]))
        swift = TYPE_NAMES.get(full, ".".join(filter(None, [parent_swift, proto.name])))
        m = Message(proto, full, swift, Names(package, parents + [proto.name]), locations, path)
        m.parent = parent_swift
        types[full] = m
        messages.append(m)
        for i, nested in enumerate(proto.nested_type):
            walk_message(nested, path + (3, i), parents + [proto.name], swift)
        for i, nested in enumerate(proto.enum_type):
            walk_enum(nested, path + (4, i), parents + [proto.name], swift)

    for i, e in enumerate(file.enum_type):
        walk_enum(e, (5, i), [], None)
    for i, m in enumerate(file.message_type):
        walk_message(m, (4, i), [], None)


def check(messages, enums):
    swift_names = {}
    for t in messages + enums:
        swift_names.setdefault(t.swift, []).append(t.full)
    for m in messages:
        for member in m.members:
            if isinstance(member, Oneof):
                swift_names.setdefault(member.swift, []).append(member.full)
    clashes = {k: v for k, v in swift_names.items() if len(v) > 1}
    if clashes:
        fail(f"Swift type names clash: {clashes}; add an entry to TYPE_NAMES or ONEOF_NAMES")
    # Swift value types cannot contain themselves.
    graph = {m.full: [f.type.full for f in m.members if not isinstance(f, Oneof) and isinstance(f.type, Message)
                      and not f.repeated] + [g.type.full for o in m.members if isinstance(o, Oneof)
                                             for g in o.fields if isinstance(g.type, Message)]
             for m in messages}

    def visit(node, stack):
        if node in stack:
            fail(f"recursive message {' -> '.join(stack + [node])} cannot be a Swift value type")
        for nxt in graph.get(node, []):
            visit(nxt, stack + [node])

    for node in graph:
        visit(node, [])


def generate_grpc_methods(file, src):
    """The gRPC method table of the file's services: each unary RPC must take a member of
    `Request.call` and return the `Response.result` member with the same field number, so
    the transport can carry it through the same envelope (and codec) as the framing."""
    by_name = {m.name: m for m in file.message_type}
    if not file.service or "Request" not in by_name:
        return None  # e.g. grpc.health.v1: served by hand, not through the envelope
    prefix = f".{file.package}."

    def members(message, oneof):
        m = by_name[message]
        index = [o.name for o in m.oneof_decl].index(oneof)
        return {f.type_name: f for f in m.field if f.HasField("oneof_index") and f.oneof_index == index}

    calls, results = members("Request", "call"), members("Response", "result")
    out = [HEADER.format(src=src, what="gRPC method table"), "extension GRPCMethod {"]
    for service in file.service:
        full = f"{file.package}.{service.name}"
        out.append(f"    /// The RPCs of `{full}`, in proto order.")
        out.append(f"    public static let {service.name[0].lower() + service.name[1:]}Methods: [GRPCMethod] = [")
        seen = set()
        for rpc in service.method:
            if rpc.client_streaming or rpc.server_streaming:
                fail(f"{full}/{rpc.name}: only unary RPCs map onto the envelope")
            call, result = calls.get(rpc.input_type), results.get(rpc.output_type)
            if call is None or result is None or call.number != result.number:
                fail(f"{full}/{rpc.name}: takes {rpc.input_type} and returns {rpc.output_type}, which are not "
                     "the Request.call and Response.result members with one field number")
            seen.add(call.number)
            out.append(f'        GRPCMethod(service: "{full}", name: "{rpc.name}", envelopeField: {call.number}),')
        missing = sorted(f.name for f in calls.values() if f.number not in seen)
        if missing:
            fail(f"{full} has no RPC for the Request.call member(s) {', '.join(missing)}: every call is served as gRPC")
        out.append("    ]")
    out.append("}")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) < 4:
        fail(__doc__)
    descriptor_set, out_dir, sources = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
    fds = d.FileDescriptorSet()
    fds.ParseFromString(Path(descriptor_set).read_bytes())
    types, written = {}, []
    per_file = []
    for file in fds.file:
        messages, enums = [], []
        collect(file, types, messages, enums)
        if file.name in sources:
            per_file.append((file, messages, enums))
    all_messages = [m for _, ms, _ in per_file for m in ms]
    all_enums = [e for _, _, es in per_file for e in es]
    for m in all_messages:
        m.resolve(types)
    check(all_messages, all_enums)
    out_dir.mkdir(parents=True, exist_ok=True)
    for file, messages, enums in per_file:
        src = f"proto/{file.name}"
        stem = upper_camel(Path(file.name).stem)
        outputs = {
            f"{stem}.pb.swift": generate_types(messages, enums, src),
            f"{stem}+CProto.pb.swift": generate_c(messages, enums, src),
            f"{stem}+JSON.pb.swift": generate_json(messages, src),
        }
        grpc = generate_grpc_methods(file, src)
        if grpc:
            outputs[f"{stem}+GRPC.pb.swift"] = grpc
        for name, text in outputs.items():
            (out_dir / name).write_text(text)
            written.append(name)
    print("generated " + ", ".join(sorted(written)))


if __name__ == "__main__":
    main()
