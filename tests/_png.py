"""Reading the PNG files of the screenshots, with the standard library only.

Enough of PNG for what Chromium writes: 8-bit greyscale, RGB or RGBA, not
interlaced. The browser tests compare a fresh screenshot with the committed
one pixel by pixel, within a tolerance.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: bytes per pixel of each colour type: greyscale, RGB, greyscale+alpha, RGBA
_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    channels: int
    #: the pixels, row by row, ``channels`` bytes each, without filter bytes
    data: bytes

    def rgb(self) -> bytes:
        """The pixels as RGB, three bytes each (alpha dropped, grey spread)."""
        c = self.channels
        if c == 3:
            return self.data
        if c == 4:
            out = bytearray(self.width * self.height * 3)
            for i in range(3):
                out[i::3] = self.data[i::4]
            return bytes(out)
        grey = self.data[::c]
        out = bytearray(len(grey) * 3)
        for i in range(3):
            out[i::3] = grey
        return bytes(out)


def read_png(path: Path) -> Picture:
    """The pixels of an 8-bit, non-interlaced PNG file."""
    data = path.read_bytes()
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path} is not a PNG file")
    position = len(_SIGNATURE)
    header = b""
    compressed = bytearray()
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            compressed += body
        elif kind == b"IEND":
            break
    width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour not in _CHANNELS or interlace:
        raise ValueError(f"{path}: only 8-bit, non-interlaced PNG files are read")
    channels = _CHANNELS[colour]
    raw = zlib.decompress(bytes(compressed))
    stride = width * channels
    pixels = bytearray(stride * height)
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        row = bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(channels, stride):
                row[i] = (row[i] + row[i - channels]) & 0xFF
        elif kind == 2:  # Up
            row = bytearray((a + b) & 0xFF for a, b in zip(row, previous, strict=True))
        elif kind == 3:  # Average
            for i in range(stride):
                left = row[i - channels] if i >= channels else 0
                row[i] = (row[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = row[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                if pa <= pb and pa <= pc:
                    predictor = a
                elif pb <= pc:
                    predictor = b
                else:
                    predictor = c
                row[i] = (row[i] + predictor) & 0xFF
        elif kind != 0:
            raise ValueError(f"{path}: unknown PNG filter {kind}")
        pixels[y * stride : (y + 1) * stride] = row
        previous = row
    return Picture(width, height, channels, bytes(pixels))


def difference(one: Picture, other: Picture) -> float:
    """The share of pixels (0 to 1) whose colour differs visibly: by more
    than 48 of 255 in a channel. Pictures of different sizes differ wholly."""
    if (one.width, one.height) != (other.width, other.height):
        return 1.0
    a, b = one.rgb(), other.rgb()
    if a == b:
        return 0.0
    changed = 0
    for i in range(0, len(a), 3):
        if (
            abs(a[i] - b[i]) > 48
            or abs(a[i + 1] - b[i + 1]) > 48
            or abs(a[i + 2] - b[i + 2]) > 48
        ):
            changed += 1
    return changed / (one.width * one.height)
