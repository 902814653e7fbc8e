"""Reads about accounts."""

from django.db.models import QuerySet

from .models import Address, User


def user_get_profile(*, user: User) -> User:
    """The signed-in user's own profile (already loaded by authentication: no query)."""
    return user


def addresses_for_user(*, user: User) -> QuerySet[Address]:
    return Address.objects.filter(user=user).order_by("-created_at", "-pk")
