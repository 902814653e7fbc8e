"""Remember each signed-in session's owner, whichever view signs the user in, so that "log out
everywhere", a password reset and erasure can end every session (see UserSession)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .services.sessions import session_link


@receiver(user_logged_in, dispatch_uid="shop.accounts.session_link")
def _link_session(sender, request, user, **kwargs) -> None:
    session = getattr(request, "session", None)
    if session is not None and user is not None and user.pk:
        session_link(user=user, session_key=session.session_key)
