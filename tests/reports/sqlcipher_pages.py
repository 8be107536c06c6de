"""Test helper: decrypt a SQLCipher 4 database file page by page, to search the bytes really on disk.

SQLCipher's own export copies live rows only, so it cannot show that deleted data was
overwritten. This reads the file itself: each 4096-byte page is AES-256-CBC encrypted
with the raw key, its IV in the 16 bytes after the data (a reserve of 80 bytes: IV and
HMAC-SHA512), and page 1 starts with the 16-byte salt. AES comes from the system's
OpenSSL libcrypto through ctypes; tests skip when it cannot be found.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from pathlib import Path

PAGE = 4096
RESERVE = 80
SALT = 16


def libcrypto():
    name = ctypes.util.find_library("crypto")
    if not name:
        return None
    try:
        lib = ctypes.CDLL(name)
        lib.EVP_CIPHER_CTX_new.restype = ctypes.c_void_p
        lib.EVP_aes_256_cbc.restype = ctypes.c_void_p
        lib.EVP_DecryptInit_ex.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p,
                                           ctypes.c_char_p]
        lib.EVP_CIPHER_CTX_set_padding.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.EVP_DecryptUpdate.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int),
                                          ctypes.c_char_p, ctypes.c_int]
        lib.EVP_CIPHER_CTX_free.argtypes = [ctypes.c_void_p]
    except (OSError, AttributeError):
        return None
    return lib


def _decrypt(lib, key: bytes, iv: bytes, data: bytes) -> bytes:
    context = lib.EVP_CIPHER_CTX_new()
    try:
        assert lib.EVP_DecryptInit_ex(context, lib.EVP_aes_256_cbc(), None, key, iv) == 1
        lib.EVP_CIPHER_CTX_set_padding(context, 0)
        out = ctypes.create_string_buffer(len(data) + 32)
        length = ctypes.c_int(0)
        assert lib.EVP_DecryptUpdate(context, out, ctypes.byref(length), data, len(data)) == 1
        return out.raw[:length.value]
    finally:
        lib.EVP_CIPHER_CTX_free(context)


def decrypted_pages(lib, path: Path, key: bytes) -> list[bytes]:
    """Every page of the database file as plaintext (page 1 without its first 16 bytes)."""
    data = Path(path).read_bytes()
    pages = []
    for number in range(len(data) // PAGE):
        page = data[number * PAGE:(number + 1) * PAGE]
        start = SALT if number == 0 else 0
        iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
        pages.append(_decrypt(lib, key, iv, page[start:PAGE - RESERVE]))
    return pages
