"""The Python websockets peer of the interop suite: `python peer.py http://127.0.0.1:PORT`.

Measures what interop/node/peer.mjs measures, through websockets' asyncio client, and posts
the report to the server (interop/src), which starts this process and kills it if it outlives
its time:

- send: every attempt of the plan is an `await ws.close(code, reason)` on an OPEN connection.
  websockets raises ProtocolError for a code or reason it will not send, before it changes the
  connection's state, so the next attempt reuses the connection; an accepted close completes
  the closing handshake, the server records the frame, and the next attempt reconnects.
- recv: one connection per receive case; the application's view is the ConnectionClosed
  exception `recv()` raises: the Close frame received (`rcvd`), or none when websockets
  refused the frame and failed the connection.
"""

import asyncio
import json
import sys
import urllib.request

import websockets
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed
from websockets.protocol import State

PEER = "websockets"
# Every wait is bounded: a peer that never answers fails the run instead of hanging it.
TIMEOUT = 10
# Loopback only: no proxy from the environment, for HTTP or WebSocket.
HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http(url, body=None):
    with HTTP.open(urllib.request.Request(url, data=body), timeout=TIMEOUT) as response:
        return response.read()


async def opened(url):
    return await connect(url, proxy=None, open_timeout=TIMEOUT, close_timeout=TIMEOUT)


class Errors:
    """Error names by first appearance; the i-th is reported as -(i + 1)."""

    def __init__(self):
        self.names = []
        self.samples = []

    def code(self, error):
        name = type(error).__name__
        if name not in self.names:
            self.names.append(name)
            self.samples.append(str(error))
        return -(self.names.index(name) + 1)


async def sweep(base, attempts, errors):
    results = []
    conn = 0
    refusals_that_closed = 0
    ws = await opened(f"{base}/ws/send/{PEER}/{conn}")
    for code, reason in attempts:
        try:
            async with asyncio.timeout(TIMEOUT):
                await ws.close(code, reason)
        except Exception as error:  # a refusal: whatever websockets raises is recorded
            results.append(errors.code(error))
            if ws.state is not State.OPEN:
                refusals_that_closed += 1
                conn += 1
                ws = await opened(f"{base}/ws/send/{PEER}/{conn}")
            continue
        results.append(conn)
        conn += 1
        ws = await opened(f"{base}/ws/send/{PEER}/{conn}")
    # The last connection is closed with 1000: not an attempt, and the server ignores it.
    await ws.close()
    return results, refusals_that_closed


async def received(url):
    try:
        async with asyncio.timeout(TIMEOUT):
            ws = await opened(url)
            try:
                message = await ws.recv()
                await ws.close()
                return {"failed": True, "detail": f"a message instead of a close: {message!r}"}
            except ConnectionClosed as closed:
                await ws.wait_closed()
                if closed.rcvd is None:
                    return {"code": ws.close_code, "failed": True, "detail": repr(closed)}
                return {
                    "code": closed.rcvd.code,
                    "reason": closed.rcvd.reason,
                    "failed": False,
                    "detail": repr(closed),
                }
    except TimeoutError:
        return {"timeout": True, "failed": True, "detail": "no close"}


async def measure(base, plan):
    errors = Errors()
    attempts = [(code, "") for code in range(plan["codes"])]
    attempts += [(code, reason) for code, reason in plan["reasons"]]
    results, refusals_that_closed = await sweep(base, attempts, errors)
    recv = [await received(f"{base}/ws/recv/{PEER}/{index}") for index in range(plan["cases"])]
    return {
        "attempts": results,
        "errors": errors.names,
        "errorSamples": errors.samples,
        "refusalsThatClosed": refusals_that_closed,
        "closedSweep": None,
        "recv": recv,
        "version": f"websockets {websockets.__version__}",
    }


def main():
    base = sys.argv[1]
    try:
        plan = json.loads(http(f"{base}/plan.json"))
        report = asyncio.run(measure(base.replace("http", "ws", 1), plan))
    except Exception as error:  # reported, so the run says why instead of timing out
        http(f"{base}/report/{PEER}", json.dumps({"fatal": repr(error)}).encode())
        raise
    http(f"{base}/report/{PEER}", json.dumps(report).encode())


if __name__ == "__main__":
    main()
