"""Reads a TensorFlow event file independently of TfNotes, for the tests.

Checks the TFRecord framing of every record (a little-endian uint64 length, the masked CRC32C of those 8 bytes, the
data, the masked CRC32C of the data), decodes each record as an Event with tfevents.proto (compiled by protoc into the
folder given), decodes the tensors (raw little-endian tensor_content, string_val) and any PNG image in them (chunk CRCs,
zlib, all five row filters), and prints one JSON object per event.

    python3 read_events.py GENERATED_DIR EVENT_FILE
"""
import base64
import json
import struct
import sys
import zlib

import crc32c

sys.path.insert(0, sys.argv[1])
import tfevents_pb2  # noqa: E402


DATA_CLASSES = ["DATA_CLASS_UNKNOWN", "DATA_CLASS_SCALAR", "DATA_CLASS_TENSOR", "DATA_CLASS_BLOB_SEQUENCE"]


def masked_crc(data):
    crc = crc32c.crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def records(path):
    with open(path, "rb") as f:
        blob = f.read()
    at = 0
    while at < len(blob):
        if at + 12 > len(blob):
            raise ValueError(f"record at byte {at}: truncated header")
        header = blob[at:at + 8]
        (length,) = struct.unpack("<Q", header)
        (length_crc,) = struct.unpack("<I", blob[at + 8:at + 12])
        if length_crc != masked_crc(header):
            raise ValueError(f"record at byte {at}: bad length CRC")
        data = blob[at + 12:at + 12 + length]
        footer = blob[at + 12 + length:at + 16 + length]
        if len(data) != length or len(footer) != 4:
            raise ValueError(f"record at byte {at}: truncated data")
        if struct.unpack("<I", footer)[0] != masked_crc(data):
            raise ValueError(f"record at byte {at}: bad data CRC")
        yield data
        at += 16 + length


def png(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    at, idat, header = 8, b"", None
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind = data[at + 4:at + 8]
        body = data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        if crc != zlib.crc32(kind + body) & 0xFFFFFFFF:
            raise ValueError(f"PNG chunk {kind!r}: bad CRC")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        at += 12 + length
    width, height, depth, color, _, _, interlace = header
    if depth != 8 or interlace != 0:
        raise ValueError("PNG: only 8-bit non-interlaced images are read")
    channels = {0: 1, 4: 2, 2: 3, 6: 4}[color]
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + predictor) & 0xFF
            elif kind != 0:
                raise ValueError(f"PNG: unknown filter {kind}")
        rows.append(list(line))
        previous = line
    return {"width": width, "height": height, "channels": channels, "pixels": [p for row in rows for p in row]}


def tensor(t):
    shape = [d.size for d in t.tensor_shape.dim]
    dtype = tfevents_pb2.DataType.Name(t.dtype)
    result = {"dtype": dtype, "shape": shape}
    if t.dtype == tfevents_pb2.DT_STRING:
        values = []
        for s in t.string_val:
            image = png(s)
            if image is not None:
                values.append({"png": image})
            else:
                try:
                    values.append(s.decode("utf-8"))
                except UnicodeDecodeError:
                    values.append({"base64": base64.b64encode(s).decode()})
        result["values"] = values
    else:
        fmt = {"DT_FLOAT": "f", "DT_DOUBLE": "d", "DT_INT32": "i", "DT_INT64": "q"}[dtype]
        count = len(t.tensor_content) // struct.calcsize(fmt)
        result["values"] = list(struct.unpack(f"<{count}{fmt}", t.tensor_content))
    return result


def main():
    for data in records(sys.argv[2]):
        event = tfevents_pb2.Event()
        event.ParseFromString(data)
        out = {"wall_time": event.wall_time, "step": event.step}
        kind = event.WhichOneof("what")
        if kind == "file_version":
            out["file_version"] = event.file_version
        elif kind == "summary":
            out["values"] = [{
                "tag": v.tag,
                "plugin": v.metadata.plugin_data.plugin_name,
                "content": base64.b64encode(v.metadata.plugin_data.content).decode(),
                "data_class": DATA_CLASSES[v.metadata.data_class],
                "description": v.metadata.summary_description,
                "tensor": tensor(v.tensor),
            } for v in event.summary.value]
        else:
            out["other"] = kind or "a field tfevents.proto leaves out"
        print(json.dumps(out))


if __name__ == "__main__":
    try:
        main()
    except ValueError as e:
        print(f"read_events.py: {e}", file=sys.stderr)
        sys.exit(1)
