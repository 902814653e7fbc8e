from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for a local shop (``load_demo``) and the large generated catalogue for
    benchmarks (``generate_catalog``). It may import every app; no app imports it."""

    name = "demo"
