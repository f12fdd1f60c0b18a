"""An RFC 3161 timestamp client over the standard library (pyHanko's own client needs aiohttp)."""

import asyncio
import urllib.error
import urllib.request

from asn1crypto import tsp
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

TIMEOUT_SECONDS = 15


class UrllibTimeStamper(TimeStamper):
    def __init__(self, url: str, timeout: float = TIMEOUT_SECONDS):
        self.url = url
        self.timeout = timeout
        super().__init__()

    def _post(self, body: bytes) -> bytes:
        request = urllib.request.Request(
            self.url, data=body, headers={"Content-Type": "application/timestamp-query"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                if response.headers.get("Content-Type", "").split(";")[0] != "application/timestamp-reply":
                    raise TimestampRequestError("the TSA answered with something else than a timestamp reply")
                return response.read()
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise TimestampRequestError(f"the TSA did not answer: {error}") from error

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        body = await asyncio.to_thread(self._post, req.dump())
        return tsp.TimeStampResp.load(body)
