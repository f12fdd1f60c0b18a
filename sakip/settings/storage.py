"""The S3-compatible storage for uploads, signed PDFs and the Buku SOP (django-storages), one definition for all.

Production turns it on with `AWS_STORAGE_BUCKET_NAME` (docs/deploy.md); the tests build the same options against a
local S3 server, so what is tested is what production runs.
"""

S3_BACKEND = "storages.backends.s3.S3Storage"


def s3_storage(
    bucket_name: str,
    *,
    endpoint_url: str | None = None,
    region_name: str | None = None,
    addressing_style: str = "path",
    access_key: str | None = None,
    secret_key: str | None = None,
) -> dict:
    """A STORAGES entry for a private bucket; keys left None are read by boto3 from AWS_ACCESS_KEY_ID/…_SECRET…."""
    options = {
        "bucket_name": bucket_name,
        "endpoint_url": endpoint_url or None,  # MinIO/Ceph: https://s3.contoh.go.id
        "region_name": region_name or None,
        "addressing_style": addressing_style,  # path: what MinIO and most self-hosted servers expect
        "signature_version": "s3v4",
        "default_acl": None,  # private objects: a file leaves only through the app, which checks the reader's OPD
        "querystring_auth": True,
        "file_overwrite": False,  # as on a local folder: a name already taken gets a suffix, nothing is overwritten
    }
    if access_key:
        options |= {"access_key": access_key, "secret_key": secret_key}
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}
