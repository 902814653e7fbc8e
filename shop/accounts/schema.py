"""OpenAPI descriptions of our authentication classes (imported by the app config)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "shop.accounts.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Token from register or login; it expires and logout revokes it.",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "shop.accounts.authentication.SessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "Browser session on our own site; unsafe methods need the X-CSRFToken header.",
        }
