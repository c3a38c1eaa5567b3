"""Accounts and the invitations that make teacher accounts."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from studyapp.database import utcnow
from studyapp.extensions import db


class Role(str, enum.Enum):
    STUDENT = "student"
    TEACHER = "teacher"
    ADMIN = "admin"


def role_column_type() -> Enum:
    # Stored as the plain value with a CHECK constraint, so SQLite and PostgreSQL agree.
    return Enum(
        Role,
        name="user_role",
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda roles: [role.value for role in roles],
        validate_strings=True,
    )


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[Role] = mapped_column(role_column_type(), default=Role.STUDENT)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Study preferences: read by the scheduler, changed on the student's settings page.
    desired_retention: Mapped[float] = mapped_column(default=0.9)
    new_cards_per_day: Mapped[int] = mapped_column(default=20)
    # An IANA name such as "America/Bogota": where the student's day begins and ends.
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")

    __table_args__ = (
        CheckConstraint("desired_retention >= 0.7 AND desired_retention <= 0.97", name="retention_range"),
        CheckConstraint("new_cards_per_day >= 0 AND new_cards_per_day <= 1000", name="new_cards_range"),
    )

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def has_role(self, *roles: Role) -> bool:
        # An admin may do whatever a teacher may.
        if self.role is Role.ADMIN:
            return True
        return self.role in roles

    @property
    def is_teacher(self) -> bool:
        return self.has_role(Role.TEACHER)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role.value}>"


class Invite(db.Model):
    """A one-time link with which a teacher brings another teacher in."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[Role] = mapped_column(role_column_type(), default=Role.TEACHER)
    note: Mapped[str] = mapped_column(String(120), default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    used_by: Mapped[User | None] = relationship(foreign_keys=[used_by_id])

    def is_usable(self, now: datetime) -> bool:
        return self.used_at is None and now < self.expires_at
