"""Media in object storage: product images and their renditions go to an S3-compatible bucket
when MEDIA_S3_BUCKET is set. The bucket here is moto's S3 server, started by the test on the
loopback interface; nothing leaves the machine."""

import functools
import json
import os
import subprocess
import sys
import urllib.request
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image as PILImage

from tests.shop.catalog import factories

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "xmi-media-test"


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint, settings, monkeypatch):
    """The media storage of config/settings/base.py's MEDIA_S3_* branch, pointed at the local server."""
    import boto3

    for name, value in {
        "AWS_ACCESS_KEY_ID": "local-test",
        "AWS_SECRET_ACCESS_KEY": "local-test",
        "AWS_DEFAULT_REGION": "eu-north-1",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-north-1")
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    # As in production (README): the bucket policy makes media readable by anyone, nothing more.
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{BUCKET}/media/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read))
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage_setting(s3_endpoint)}
    settings.MEDIA_URL = f"{s3_endpoint}/{BUCKET}/"
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def s3_storage_setting(endpoint: str) -> dict:
    return settings_with(MEDIA_S3_BUCKET=BUCKET, MEDIA_S3_ENDPOINT_URL=endpoint)["STORAGES"]["default"]


@functools.cache
def _settings_with(env: tuple[tuple[str, str], ...]) -> str:
    code = (
        "import json; from config.settings import base as s; "
        "print(json.dumps({'STORAGES': s.STORAGES, 'MEDIA_URL': s.MEDIA_URL, "
        "'img_src': s.CONTENT_SECURITY_POLICIES['default']['img-src']}, default=str))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MEDIA_")}
    result = subprocess.run(  # noqa: S603 - our own settings module
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **dict(env)}, capture_output=True, text=True, check=True
    )
    return result.stdout


def settings_with(**env: str) -> dict:
    """config.settings.base as another process sees it with ``env``."""
    return json.loads(_settings_with(tuple(sorted(env.items()))))


def test_local_files_stay_the_default():
    local = settings_with()
    assert local["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert local["MEDIA_URL"] == "/media/"


def test_the_environment_switches_media_to_object_storage():
    s3 = settings_with(MEDIA_S3_BUCKET="shop-media", MEDIA_S3_CUSTOM_DOMAIN="media.xmi.example")
    assert s3["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3["STORAGES"]["default"]["OPTIONS"]["bucket_name"] == "shop-media"
    assert s3["MEDIA_URL"] == "https://media.xmi.example/"
    # The storefront may show images from there, and from nowhere else.
    assert s3["img_src"] == ["'self'", "data:", "blob:", "https://media.xmi.example"]


def test_product_images_and_renditions_are_stored_and_served_from_the_bucket(s3, s3_endpoint, homes, api_client):
    category = factories.make_category(homes["fi"], title="Retkeily", slug="retkeily")
    factories.make_product(category, title="Villasukat", slug="villasukat", images=1)

    keys = sorted(item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET)["Contents"])
    assert any(key.startswith("media/original_images/villasukat-0") for key in keys)
    assert any(key.startswith("media/images/villasukat-0") for key in keys)  # renditions made at publish

    response = api_client.get("/api/v1/products/villasukat/")
    assert response.status_code == 200
    image = response.json()["images"][0]
    urls = [image["url"], *(rendition["url"] for rendition in image["renditions"].values())]
    for url in urls:
        assert url.startswith(f"{s3_endpoint}/{BUCKET}/media/images/")
        key = url.removeprefix(f"{s3_endpoint}/{BUCKET}/")
        assert key in keys
    with urllib.request.urlopen(image["url"]) as served:  # noqa: S310 - the local test server
        picture = PILImage.open(BytesIO(served.read()))
        assert picture.size == (image["width"], image["height"])
    assert not any(ROOT.joinpath("var", "media").glob("**/villasukat-0*"))
