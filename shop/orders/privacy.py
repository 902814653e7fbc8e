"""Orders in the export, on erasure and in the retention purge (see shop.privacy.registry)."""
