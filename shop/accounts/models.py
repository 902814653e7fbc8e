"""The user model (email is the login) and bearer tokens for API clients that are not browsers."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from shop.core.mail import normalize_email
from shop.core.prepared import Param, PreparedModels


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email__iexact=normalize_email(username or ""))

    def _create_user(self, email: str, password: str | None, **extra_fields: object) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields: object) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields: object) -> "User":
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A shopper or a staff member. Holds only what the privacy policy says we keep: name, phone,
    email and the language to write to them in."""

    # unique=True satisfies Django's auth check; the Lower() constraint below is what makes the
    # address unique whatever its case.
    email = models.EmailField(_("email address"), max_length=254, unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    locale = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    email_verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)
    # A new address waits here until its owner follows the link sent to it.
    pending_email = models.EmailField(_("new email address, awaiting verification"), blank=True)
    # The refund IBAN: Fernet-encrypted (shop/accounts/crypto.py) and never shown in full again;
    # the masked form is what the API and the admin display.
    refund_iban_encrypted = models.TextField(blank=True, editable=False)
    refund_iban_masked = models.CharField(_("refund IBAN"), max_length=40, blank=True, editable=False)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email", "pk"]
        constraints = [
            # The login is unique whatever its case, enforced by the database itself.
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalize_email(self.email)

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class AuthTokenQuerySet(models.QuerySet["AuthToken"]):
    def active(self) -> "AuthTokenQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class AuthToken(models.Model):
    """A bearer token for a non-browser client. Only its SHA-256 is stored, so a database leak
    does not leak usable tokens; it expires and can be revoked one by one or all at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="auth_tokens")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = AuthTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="accounts_token_user_idx")]

    def __str__(self) -> str:
        return f"token {self.pk} of user {self.user_id}"

    @classmethod
    def issue(cls, user: User) -> tuple["AuthToken", str]:
        """A new token for ``user``; the raw value is returned once and never stored."""
        raw = secrets.token_urlsafe(32)
        token = cls(user=user, key_hash=_hash_token(raw), expires_at=timezone.now() + settings.AUTH_TOKEN_TTL)
        token.full_clean()
        token.save()
        return token, raw

    @classmethod
    def find_active(cls, raw: str) -> "AuthToken | None":
        """The unrevoked, unexpired token ``raw`` with its user: every bearer request runs this, so
        the query is compiled once (``shop.core.prepared``) and expiry is checked here."""
        found = _token_by_hash(key_hash=_hash_token(raw))
        if not found or found[0].expires_at <= timezone.now():
            return None
        return found[0]


class Country(models.TextChoices):
    """Countries we deliver to."""

    EE = "EE", _("Estonia")
    FI = "FI", _("Finland")


class Address(models.Model):
    """A delivery address in the shopper's address book (courier deliveries only need one)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="addresses")
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    line1 = models.CharField(_("street address"), max_length=200)
    line2 = models.CharField(_("apartment, floor"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    phone = PhoneNumberField(_("phone"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="accounts_address_user_idx")]

    def __str__(self) -> str:
        return f"{self.line1}, {self.postcode} {self.city}, {self.country}"


class UserSession(models.Model):
    """Which sessions belong to which user, so "log out everywhere" and erasure can end them with
    any session backend (the session store itself cannot be searched by user)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_links")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return f"session of user {self.user_id}"


_token_by_hash = PreparedModels(
    AuthToken,
    lambda: AuthToken.objects.filter(key_hash=Param("key_hash"), revoked_at__isnull=True).order_by(),
    related="user",
)
