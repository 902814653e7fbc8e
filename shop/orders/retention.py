"""How long an order must be kept: ``ORDER_RETENTION_YEARS`` after the end of the financial year
it falls in (Estonian Accounting Act § 12; the year ends with ``FINANCIAL_YEAR_END_MONTH``)."""

import calendar
from datetime import date, datetime, time

from django.conf import settings
from django.utils import timezone


def financial_year_end(day: date) -> date:
    month = settings.FINANCIAL_YEAR_END_MONTH
    year = day.year if day.month <= month else day.year + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def retention_until(created_at: datetime) -> date:
    """The last day the order must still be kept."""
    return _add_years(financial_year_end(timezone.localdate(created_at)), settings.ORDER_RETENTION_YEARS)


def retention_cutoff(now: datetime | None = None) -> datetime:
    """Orders created up to this moment are past retention today: the end of the newest
    financial year whose retention period has ended. One value, so the purge is one query."""
    today = timezone.localdate(now)
    end = financial_year_end(today)
    while _add_years(end, settings.ORDER_RETENTION_YEARS) >= today:
        end = _previous_year_end(end)
    return timezone.make_aware(datetime.combine(end, time.max))


def _add_years(day: date, years: int) -> date:
    year = day.year + years
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def _previous_year_end(end: date) -> date:
    year = end.year - 1
    return date(year, end.month, calendar.monthrange(year, end.month)[1])
