"""Image sizes the storefront uses. Renditions are made when a product page is published (and by
the demo and data generators), so API requests only read them.

WebP when the installed Pillow can write it (smaller files, every current browser), else JPEG.
"""

from PIL import features

IMAGE_FORMAT = "webp" if features.check("webp") else "jpeg"

RENDITIONS = {
    "thumbnail": f"fill-160x160|format-{IMAGE_FORMAT}",
    "card": f"fill-480x480|format-{IMAGE_FORMAT}",
    "full": f"max-1600x1600|format-{IMAGE_FORMAT}",
}
CARD = RENDITIONS["card"]


def ensure_renditions(images) -> None:
    """Create any missing renditions of these Wagtail images (no-op for the ones that exist)."""
    for image in images:
        image.get_renditions(*RENDITIONS.values())
