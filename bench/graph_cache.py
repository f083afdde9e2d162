"""Reads a tomo graph cache file (tomo.materials.graph.GraphCache, format version 1) with NumPy.

The layout is documented in GraphCacheFormat's Javadoc; this reader follows it independently, which
also checks that the documentation is complete.
"""
import struct
import zlib

import numpy as np


def _align(at):
    return (at + 7) & ~7


class GraphCacheFile:
    def __init__(self, path):
        self.path = path
        self.data = np.memmap(path, dtype=np.uint8, mode="r")
        raw = self.data
        if bytes(raw[:8]) != b"TOMOGRPH":
            raise ValueError(f"{path}: not a tomo graph cache")
        version, header_bytes, file_bytes = struct.unpack_from("<iiq", raw, 8)
        if version != 1 or file_bytes != len(raw):
            raise ValueError(f"{path}: version {version}, {len(raw)} bytes, header says {file_bytes}")
        self.n, self.m, self.nodes, self.padded, index_bytes = struct.unpack_from("<iiqqi", raw, 32)
        (key_len,) = struct.unpack_from("<i", raw, 60)
        self.key = bytes(raw[64:64 + key_len]).decode()
        (hash_len,) = struct.unpack_from("<i", raw, 64 + key_len)
        self.dataset_sha256 = bytes(raw[68 + key_len:68 + key_len + hash_len]).decode()
        at = header_bytes
        id_offsets = np.frombuffer(raw, "<i4", self.n + 1, at)
        at = _align(at + 4 * (self.n + 1))
        blob = bytes(raw[at:at + int(id_offsets[-1])])
        self.ids = [blob[id_offsets[i]:id_offsets[i + 1]].decode() for i in range(self.n)]
        at = _align(at + int(id_offsets[-1]))
        self.node_offsets = np.frombuffer(raw, "<i8", self.n + 1, at)
        at = _align(at + 8 * (self.n + 1))
        self.padded_per_material = np.frombuffer(raw, "<i4", self.n, at)
        at = _align(at + 4 * self.n)
        self.atomic_numbers = np.frombuffer(raw, "u1", self.nodes, at)
        at = _align(at + self.nodes)
        dtype = "<u2" if index_bytes == 2 else "<i4"
        self.neighbor_index = np.frombuffer(raw, dtype, self.nodes * self.m, at).reshape(self.nodes, self.m)
        at = _align(at + index_bytes * self.nodes * self.m)
        self.distances = np.frombuffer(raw, "<f4", self.nodes * self.m, at).reshape(self.nodes, self.m)

    def graph(self, i):
        a, b = int(self.node_offsets[i]), int(self.node_offsets[i + 1])
        return self.atomic_numbers[a:b], self.neighbor_index[a:b], self.distances[a:b]
