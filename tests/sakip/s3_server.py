"""A local S3 server (moto's, on loopback) and a view of one bucket's objects read past Django's storage.

The production storage is django-storages' S3Storage; here it talks over HTTP to moto's server, which answers the
S3 REST API as documented (list, get, head, put, delete), so the same code path as against a real bucket is run.
"""

import datetime

import boto3
from moto.core import DEFAULT_ACCOUNT_ID
from moto.s3.models import s3_backends
from moto.server import ThreadedMotoServer

from sakip.settings.storage import s3_storage

BUCKET = "sakip-uji"
REGION = "us-east-1"
KEYS = {"access_key": "uji", "secret_key": "uji-rahasia"}


class S3Server:
    """moto's S3 server in a thread of this process, on a free loopback port, with one empty bucket."""

    def __init__(self) -> None:
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)

    def __enter__(self) -> "S3Server":
        self.server.start()
        host, port = self.server.get_host_and_port()
        self.endpoint_url = f"http://{host}:{port}"
        self.client = boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=KEYS["access_key"],
            aws_secret_access_key=KEYS["secret_key"],
        )
        self.client.create_bucket(Bucket=BUCKET)
        return self

    def __exit__(self, *exc) -> None:
        self.server.stop()

    def storage_setting(self) -> dict:
        """The STORAGES entry production builds, pointed at this server."""
        return s3_storage(BUCKET, endpoint_url=self.endpoint_url, region_name=REGION, **KEYS)


class BucketFiles:
    """The bucket's objects as name → (bytes, last modified), read with boto3 rather than through the storage."""

    def __init__(self, client) -> None:
        self.client = client

    def names(self) -> list[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
        return [item["Key"] for page in pages for item in page.get("Contents", [])]

    def __getitem__(self, name: str) -> tuple[bytes, datetime.datetime]:
        try:
            obj = self.client.get_object(Bucket=BUCKET, Key=name)
        except self.client.exceptions.NoSuchKey:
            raise KeyError(name) from None
        return obj["Body"].read(), obj["LastModified"]

    def __contains__(self, name: str) -> bool:
        return name in self.names()

    def items(self) -> list[tuple[str, tuple[bytes, datetime.datetime]]]:
        return [(name, self[name]) for name in self.names()]

    def age(self, name: str, by: datetime.timedelta) -> None:
        """Make an object look written `by` earlier; S3 has no call for it, so the server's own record is moved."""
        key = s3_backends[DEFAULT_ACCOUNT_ID]["aws"].get_object(BUCKET, name)
        key.last_modified -= by

    def clear(self) -> None:
        for name in self.names():
            self.client.delete_object(Bucket=BUCKET, Key=name)
