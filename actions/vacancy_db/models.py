"""The vacancy database schema: typed vacancy fields for querying, and facts that keep their source.

Every value a reply can state is a `Fact` row carrying the section heading, the exact quote and its
character offsets in the stored notice text, so that any answer can cite where it comes from.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import List, Optional

from dateutil import tz
from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    JSON,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base, relationship
from sqlalchemy.types import TypeDecorator

Base = declarative_base()


class UTCDateTime(TypeDecorator):
    """An aware instant stored as naive UTC, read back aware: SQLite keeps no offsets, PostgreSQL would convert."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Optional[datetime], dialect) -> Optional[datetime]:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("instants must be time-zone aware")
        return value.astimezone(tz.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Optional[datetime], dialect) -> Optional[datetime]:
        return None if value is None else value.replace(tzinfo=tz.UTC)


class ExactDecimal(TypeDecorator):
    """A money amount kept exactly: NUMERIC where the database has it, its decimal text on SQLite (which has not)."""

    impl = Numeric(12, 2)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        return dialect.type_descriptor(String(32) if dialect.name == "sqlite" else Numeric(12, 2))

    def process_bind_param(self, value: Optional[Decimal], dialect):
        if value is None or dialect.name != "sqlite":
            return value
        return str(Decimal(value))

    def process_result_value(self, value, dialect) -> Optional[Decimal]:
        return None if value is None else Decimal(value)


class Vacancy(Base):
    __tablename__ = "vacancies"

    id = Column(Integer, primary_key=True)
    requisition = Column(String(32), nullable=False, unique=True, index=True)
    title = Column(Text, nullable=False)
    nato_body = Column(Text)
    division = Column(Text)
    location = Column(Text)
    schedule = Column(String(64))
    grade = Column(String(64))
    clearance_level = Column(String(64))
    stipend_amount = Column(ExactDecimal)
    stipend_currency = Column(String(3))
    stipend_basis = Column(String(16))
    deadline = Column(UTCDateTime, nullable=False)
    deadline_text = Column(Text, nullable=False)
    webinar_at = Column(UTCDateTime)
    webinar_url = Column(Text)
    max_applications = Column(Integer)
    duration_months = Column(Integer)
    hours_per_week = Column(Integer)
    telework = Column(Text)
    # The essential criteria as the eligibility rules apply them, read from the notice (None: it does not say).
    minimum_age = Column(Integer)
    recent_graduate_months = Column(Integer)
    minimum_study_years = Column(Integer)
    official_languages = Column(JSON)  # ["English", "French"]: proficiency in one of them is required
    source_name = Column(Text, nullable=False)
    notice_text = Column(Text, nullable=False)
    notice_sha256 = Column(String(64), nullable=False)
    imported_at = Column(UTCDateTime, nullable=False)

    facts: List["Fact"] = relationship(
        "Fact",
        back_populates="vacancy",
        cascade="all, delete-orphan",
        order_by="(Fact.field, Fact.position)",
        lazy="selectin",
    )

    def facts_for(self, field: str) -> List["Fact"]:
        return [fact for fact in self.facts if fact.field == field]

    def fact(self, field: str) -> Optional["Fact"]:
        found = self.facts_for(field)
        return found[0] if found else None

    @property
    def names(self) -> List[str]:
        """How applicants name this vacancy, derived from its notice at import (actions.understanding.vacancy_names)."""
        return [fact.value for fact in self.facts_for("names")]


class Fact(Base):
    """One statement of the notice: its value in plain words, and the exact span of notice text saying it."""

    __tablename__ = "facts"
    __table_args__ = (UniqueConstraint("vacancy_id", "field", "position", name="uq_fact_position"),)

    id = Column(Integer, primary_key=True)
    vacancy_id = Column(Integer, ForeignKey("vacancies.id", ondelete="CASCADE"), nullable=False, index=True)
    field = Column(String(64), nullable=False, index=True)
    position = Column(Integer, nullable=False, default=0)
    label = Column(Text)
    value = Column(Text, nullable=False)
    section = Column(Text, nullable=False)
    quote = Column(Text, nullable=False)
    start_offset = Column(Integer, nullable=False)
    end_offset = Column(Integer, nullable=False)

    vacancy = relationship("Vacancy", back_populates="facts")


class UnansweredMessage(Base):
    """A message the assistant could not answer from the notices (out of scope, not understood, not in the
    notice), kept for the office's report: masked text and context only, never who sent it (actions/unanswered)."""

    __tablename__ = "unanswered_messages"

    id = Column(Integer, primary_key=True)
    text = Column(Text, nullable=False)
    reason = Column(String(32), nullable=False)
    intent = Column(String(64))
    confidence = Column(Float)
    recorded_at = Column(UTCDateTime, nullable=False, index=True)
    vacancy = Column(String(32))
    channel = Column(String(64))
