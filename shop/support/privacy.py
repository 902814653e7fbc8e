"""Support requests in the export and on erasure (see shop.privacy.registry)."""
