"""A hostile HTTP server of the tests' own: ``python -m tests.hostile.server MODE`` (prints its port, serves).

Raw asyncio streams, not a framework: it must be able to misbehave in ways a framework prevents.
Each mode answers both APIs' paths (``/api/customers`` Sequence, ``/v1/customers`` Straddle):

- ``repeat``: every page points to the same next page (Sequence cursor ``c1``; Straddle ``page_number`` 1)
- ``alternate``: two Sequence cursors in turn (``c1`` -> ``c2`` -> ``c1``); Straddle goes back to page 1
- ``endless``: a 200 whose chunked body never ends
- ``huge``: a 200 announcing and sending 200 MB
- ``drip``: a valid page, one byte every 0.2 s (headers and body)
- ``echo``: a 401 whose error body quotes the request's Authorization header (and its credentials)
- ``escapes``: a valid page whose customers' names carry terminal escape sequences, with the mock's
  ``X-Mock-Ignored-Parameters`` header; a request whose credential contains ``fail`` gets a 401 whose
  error text carries them
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any
from urllib.parse import parse_qs, urlsplit

ESC = "\x1b"
# What a hostile name carries: set the window title (OSC 0), a hyperlink (OSC 8), clear the screen (CSI 2J),
# colour (SGR), a bell, a carriage return that rewrites the line, a C1 CSI (U+009B).
HOSTILE_TEXT = (
    f"{ESC}]0;pwned{chr(7)}{ESC}]8;;http://evil.example/{ESC}\\Acme{ESC}]8;;{ESC}\\{ESC}[2J{ESC}[31mRed\r\x9b1mX"
)


def sequence_customer(n: int, name: str = "Acme Ltd") -> dict[str, Any]:
    return {
        "id": f"018b3bdb-f473-7b30-a293-{n:012d}",
        "createdAt": "2023-10-17T04:19:12Z",
        "legalName": name,
        "email": "ap@example.com",
        "address": {"line1": "1 King St", "town": "Leeds", "postcode": "LS1", "country": "GB"},
        "integrationIds": [],
        "taxStatus": "TAXED",
        "label": "x",
    }


def straddle_customer(n: int, name: str = "Acme Ltd") -> dict[str, Any]:
    return {
        "id": f"472aef9a-8c0b-43ce-91b8-{n:012d}",
        "created_at": "2019-01-01T06:27:17.900Z",
        "updated_at": "2019-01-01T06:27:17.900Z",
        "email": "mei@example.com",
        "name": name,
        "phone": "+462549200411",
        "status": "verified",
        "type": "individual",
    }


def sequence_page(items: list[dict[str, Any]], after: str | None) -> dict[str, Any]:
    pagination: dict[str, Any] = {"totalResultSize": 1_000_000}
    if after is not None:
        pagination["after"] = after
    return {"items": items, "pagination": pagination}


def straddle_page(items: list[dict[str, Any]], page_number: int, total_pages: int = 1_000_000) -> dict[str, Any]:
    meta = {
        "api_request_id": "4b9854dd-6449-4ae3-a169-60419faa9a4d",
        "api_request_timestamp": "2026-12-04T16:22:33.049Z",
        "max_page_size": 1000,
        "page_number": page_number,
        "page_size": len(items),
        "sort_by": "created_at",
        "sort_order": "asc",
        "total_items": total_pages * max(len(items), 1),
        "total_pages": total_pages,
    }
    return {"data": items, "meta": meta, "response_type": "array"}


def error_body(sequence: bool, message: str) -> dict[str, Any]:
    if sequence:
        return {"error": {"type": "Unauthorized", "message": message}}
    return {
        "meta": {
            "api_request_id": "7b42aadc-3a1d-4ce0-b5ea-b7ec4b8a83a4",
            "api_request_timestamp": "2026-12-04T16:22:33.076Z",
        },
        "response_type": "error",
        "error": {"status": 401, "type": "unauthorized", "title": "Unauthorized", "detail": message, "items": None},
    }


def head(status: str, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    return "\r\n".join(lines).encode("latin-1")


def answer(mode: str, path: str, query: dict[str, list[str]], headers: dict[str, str]) -> dict[str, Any]:
    """The JSON page (or error) of a page-shaped mode."""
    sequence = path.startswith("/api/")
    after = query.get("after", [None])[0]
    page_number = int(query.get("page_number", ["1"])[0])
    if mode == "repeat":
        return sequence_page([sequence_customer(1)], "c1") if sequence else straddle_page([straddle_customer(1)], 1)
    if mode == "alternate":
        if sequence:
            return sequence_page([sequence_customer(1)], "c2" if after == "c1" else "c1")
        return straddle_page([straddle_customer(1)], 0 if page_number > 1 else 1)
    if mode == "escapes":
        if sequence:
            return sequence_page([sequence_customer(1, HOSTILE_TEXT)], None)
        return straddle_page([straddle_customer(1, HOSTILE_TEXT)], 1, total_pages=1)
    # drip: a small valid last page
    return sequence_page([sequence_customer(1)], None) if sequence else straddle_page([straddle_customer(1)], 1, 1)


async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, mode: str) -> None:
    try:
        while True:
            raw = await reader.readuntil(b"\r\n\r\n")
            request_line, *header_lines = raw.decode("latin-1").split("\r\n")
            target = request_line.split(" ")[1]
            headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in header_lines if h)}
            url = urlsplit(target)
            query = parse_qs(url.query)
            sequence = url.path.startswith("/api/")
            json_headers = {"Content-Type": "application/json"}
            if mode == "endless":
                writer.write(head("200 OK", json_headers | {"Transfer-Encoding": "chunked"}))
                chunk = b"[" + b" " * 65_536
                while True:
                    writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    await writer.drain()
            if mode == "huge":
                size = 200 * 1024 * 1024
                writer.write(head("200 OK", json_headers | {"Content-Length": str(size)}))
                block = b" " * (1024 * 1024)
                for _ in range(200):
                    writer.write(block)
                    await writer.drain()
                continue
            if mode == "echo" or (mode == "escapes" and "fail" in headers.get("authorization", "")):
                quoted = headers.get("authorization", "")
                text = f"Refused Authorization: {quoted}" if mode == "echo" else f"Refused: {HOSTILE_TEXT}"
                body = json.dumps(error_body(sequence, text)).encode()
                writer.write(head("401 Unauthorized", json_headers | {"Content-Length": str(len(body))}) + body)
                await writer.drain()
                continue
            body = json.dumps(answer(mode, url.path, query, headers)).encode()
            extra = {"X-Mock-Ignored-Parameters": "region"} if mode == "escapes" else {}
            data = head("200 OK", json_headers | extra | {"Content-Length": str(len(body))}) + body
            if mode == "drip":
                for i in range(len(data)):
                    writer.write(data[i : i + 1])
                    await writer.drain()
                    await asyncio.sleep(0.2)
                continue
            writer.write(data)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def main(mode: str) -> None:
    server = await asyncio.start_server(lambda r, w: serve(r, w, mode), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
