"""Reads about accounts."""

from .models import User


def user_get_profile(*, user: User) -> User:
    """The signed-in user's own profile (already loaded by authentication: no query)."""
    return user
