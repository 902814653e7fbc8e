from django.urls import path

from . import api

urlpatterns = [
    path("categories/", api.CategoryListView.as_view(), name="category-list"),
    path("products/", api.ProductListView.as_view(), name="product-list"),
    path("products/<str:slug>/", api.ProductDetailView.as_view(), name="product-detail"),
]
