"""Catalogue endpoints: categories, product list and product detail.

Thin views over ``selectors``, with one twist for speed: responses are rendered to JSON bytes once
and, for anonymous clients, kept in the shared cache keyed by the catalogue version (see
``cache``), the shop's day (VAT rates change at midnight), the path, the negotiated locale and the
query string. Every response carries an ``ETag``; ``If-None-Match`` gets a 304. Signed-in clients
get the same bytes and ETags but never the shared cache, so nothing personal can ever be shared.

Rows are turned into dicts by the selectors rather than DRF serializers: for a 20-item page the
serializers cost more than the SQL. The serializers below document the shapes for the OpenAPI
schema, and tests check responses against them.
"""

import functools
import hashlib
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.request import Request

from shop.core.http import JsonReadView, query_params, render_json, rendered_json_response
from shop.core.pagination import PageQuerySerializer, Pagination

from .cache import catalogue_version, catalogue_version_pinned
from .errors import ProductNotFound
from .selectors import ORDERINGS, ProductFilters, category_tree, product_cards, product_detail, product_list_counted
from .vat import COUNTRIES, country_for, today


class CountryQuerySerializer(serializers.Serializer):
    country = serializers.ChoiceField(
        choices=COUNTRIES, required=False, help_text="Destination country for VAT; default from the locale."
    )
    locale = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)


class ProductListQuerySerializer(CountryQuerySerializer, PageQuerySerializer):
    category = serializers.CharField(required=False, max_length=255, help_text="Category slug or id (any locale).")
    q = serializers.CharField(required=False, allow_blank=True, max_length=200, help_text="Search words.")
    # coerce_to_string only shapes output; off, the schema shows these as numbers with their bounds.
    min_price = serializers.DecimalField(
        required=False, max_digits=12, decimal_places=2, min_value=0, coerce_to_string=False
    )
    max_price = serializers.DecimalField(
        required=False, max_digits=12, decimal_places=2, min_value=0, coerce_to_string=False
    )
    in_stock = serializers.BooleanField(required=False, allow_null=True, default=None)
    ordering = serializers.ChoiceField(choices=list(ORDERINGS), required=False, default="newest")


class MoneySerializer(serializers.Serializer):
    gross = serializers.CharField()
    net = serializers.CharField()
    vat_rate = serializers.CharField()
    currency = serializers.CharField()


class ImageSizeSerializer(serializers.Serializer):
    url = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class ImageSerializer(ImageSizeSerializer):
    alt = serializers.CharField()


class GalleryImageSerializer(ImageSerializer):
    renditions = serializers.DictField(child=ImageSizeSerializer(), help_text="thumbnail, card and full")


class CategoryRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()


class ProductCardSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Product id, the same in every language (wishlist, cart).")
    sku = serializers.CharField()
    slug = serializers.CharField()
    locale = serializers.CharField()
    fallback = serializers.BooleanField()
    title = serializers.CharField()
    summary = serializers.CharField()
    price = MoneySerializer()
    in_stock = serializers.BooleanField()
    category = CategoryRefSerializer(allow_null=True)
    image = ImageSerializer(allow_null=True)


class ProductListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = ProductCardSerializer(many=True)
    locale = serializers.CharField()
    country = serializers.CharField()


class SeoSerializer(serializers.Serializer):
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)


class ProductDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sku = serializers.CharField()
    slug = serializers.CharField()
    locale = serializers.CharField()
    fallback = serializers.BooleanField()
    title = serializers.CharField()
    summary = serializers.CharField()
    body_html = serializers.CharField()
    images = GalleryImageSerializer(many=True)
    price = MoneySerializer()
    in_stock = serializers.BooleanField()
    category = CategoryRefSerializer(allow_null=True)
    translations = serializers.DictField(child=serializers.CharField(), help_text="{locale: slug}")
    seo = SeoSerializer()
    published_at = serializers.DateTimeField(allow_null=True)
    country = serializers.CharField()


class CategoryNodeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.UUIDField(
        help_text="The same for every language version of the category: a client follows a selection across languages."
    )
    slug = serializers.CharField()
    title = serializers.CharField()
    intro = serializers.CharField(allow_blank=True)
    locale = serializers.CharField()
    fallback = serializers.BooleanField()
    children = serializers.ListField(child=serializers.DictField(), help_text="Nodes of this same shape.")


class CategoryTreeSerializer(serializers.Serializer):
    results = CategoryNodeSerializer(many=True)
    locale = serializers.CharField()


def _parse_localised(
    serializer_class: type[serializers.Serializer], request: Request
) -> tuple[dict[str, Any], str, str]:
    """Validated query parameters, the negotiated locale and the VAT destination country."""
    params = query_params(serializer_class, request)
    locale = request.LANGUAGE_CODE
    return params, locale, country_for(locale=locale, country=params.get("country"))


@functools.lru_cache(maxsize=1024)
def _normalised_query(raw: str) -> str:
    """A query string with its parameters in name order, for cache keys: the same request however
    its parameters are ordered. A stable sort: a repeated parameter keeps its values' order (the
    last one counts), so ``?a=1&a=2`` and ``?a=2&a=1`` stay different requests."""
    return urlencode(sorted(parse_qsl(raw, keep_blank_values=True), key=lambda pair: pair[0]))


class CachedCatalogueView(JsonReadView):
    """GET rendered once to bytes, ETag'd, and shared-cached for anonymous clients."""

    conditional_get = True

    def payload(self, request: Request, **kwargs: Any) -> tuple[dict, str]:
        """The response body and the locale it is in (for Content-Language)."""
        raise NotImplementedError

    def cache_key(self, request: Request) -> str:
        query = _normalised_query(request.META.get("QUERY_STRING", ""))
        raw = f"{request.path}|{request.LANGUAGE_CODE}|{today().isoformat()}|{query}"
        return f"catalog:{catalogue_version()}:{hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()}"

    def cached_answer(self, request: Any, **kwargs: Any) -> HttpResponse | None:
        # An anonymous GET already in the cache: the same bytes and headers ``get`` sends (tested).
        # Only answers ``get`` stored are found, so a query ``get`` would refuse never hits.
        if settings.CATALOG_CACHE_TIMEOUT <= 0 or self.has_credentials(request):
            return None
        with catalogue_version_pinned():
            rendered = cache.get(self.cache_key(request))
        return rendered_json_response(request, rendered, cache_control="public, no-cache") if rendered else None

    def get(self, request: Request, **kwargs: Any) -> HttpResponse:
        timeout = settings.CATALOG_CACHE_TIMEOUT
        shared = timeout > 0 and not self.signed_in(request)
        with catalogue_version_pinned():  # the cache key and every memo read one version
            key = self.cache_key(request) if shared else None
            rendered = cache.get(key) if key else None
            if rendered is None:
                data, content_language = self.payload(request, **kwargs)
                rendered = render_json(data, content_language=content_language)
                if key:
                    cache.set(key, rendered, timeout)
        return rendered_json_response(
            request, rendered, cache_control="public, no-cache" if shared else "private, no-cache"
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="categories_list",
        responses=CategoryTreeSerializer,
        summary="The localised category tree",
    )
)
class CategoryListView(CachedCatalogueView):
    def payload(self, request: Request, **kwargs: Any) -> tuple[dict, str]:
        locale = request.LANGUAGE_CODE
        return {"results": category_tree(locale=locale), "locale": locale}, locale


@extend_schema_view(
    get=extend_schema(
        operation_id="products_list",
        parameters=[ProductListQuerySerializer],
        responses=ProductListSerializer,
        summary="Live, active products in the locale (with default-locale fallback), filtered and paginated",
    )
)
class ProductListView(CachedCatalogueView):
    def payload(self, request: Request, **kwargs: Any) -> tuple[dict, str]:
        params, locale, country = _parse_localised(ProductListQuerySerializer, request)
        filters = ProductFilters(
            category=params.get("category") or None,
            q=(params.get("q") or "").strip() or None,
            min_price=params.get("min_price"),
            max_price=params.get("max_price"),
            in_stock=params.get("in_stock"),
            ordering=params["ordering"],
        )
        rows = product_list_counted(locale=locale, country=country, on=today(), filters=filters)
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        data = {
            "count": paginator.page.paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": product_cards(list(page), locale=locale),
            "locale": locale,
            "country": country,
        }
        return data, locale


@extend_schema_view(
    get=extend_schema(
        operation_id="products_retrieve",
        parameters=[CountryQuerySerializer],
        responses=ProductDetailSerializer,
        summary="A product by the slug of any of its translations, in the locale or the default one",
    )
)
class ProductDetailView(CachedCatalogueView):
    def payload(self, request: Request, **kwargs: Any) -> tuple[dict, str]:
        _params, locale, country = _parse_localised(CountryQuerySerializer, request)
        product = product_detail(slug=kwargs["slug"], locale=locale, country=country, on=today())
        if product is None:
            raise ProductNotFound()
        return {**product, "country": country}, product["locale"]
