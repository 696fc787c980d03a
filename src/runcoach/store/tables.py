"""The database schema as SQLAlchemy Core tables: the one place table layouts are written.

Every migration in ``migrations/versions`` brings a database to exactly this schema; a test
compares the two on SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
    true,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

athletes = Table(
    "athletes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("timezone", String(64), nullable=True),
    Column("units", String(16), nullable=False, server_default="metric"),
    Column("max_hr", Float, nullable=True),
    Column("resting_hr", Float, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # raised by the database's triggers on every write to what the pages show (migration
    # 0012_web_speed): a page computed at one version holds until the next write
    Column("data_version", BigInteger, nullable=False, server_default="0"),
)

# --- the training log (issue 2) --------------------------------------------------------------

shoes = Table(
    "shoes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("brand", String(200), nullable=True),
    Column("model", String(200), nullable=True),
    Column("added_on", Date, nullable=False),
    Column("retired_on", Date, nullable=True),
    Column("retirement_m", Float, nullable=True),  # None: the settings' default
    Column("notes", Text, nullable=True),
    UniqueConstraint("athlete_id", "name", name="uq_shoes_athlete_id_name"),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("start_utc", DateTime(timezone=True), nullable=False),
    Column("timezone", String(64), nullable=True),
    Column("local_date", Date, nullable=False),  # the day in the runner's time zone
    Column("sport", String(32), nullable=False),
    Column("sub_sport", String(64), nullable=True),
    Column("distance_m", Float, nullable=True),
    Column("moving_s", Float, nullable=True),
    Column("elapsed_s", Float, nullable=True),
    Column("ascent_m", Float, nullable=True),
    Column("descent_m", Float, nullable=True),
    Column("avg_hr", Float, nullable=True),
    Column("max_hr", Float, nullable=True),
    Column("avg_cadence_spm", Float, nullable=True),
    Column("max_cadence_spm", Float, nullable=True),
    Column("avg_power_w", Float, nullable=True),
    Column("max_power_w", Float, nullable=True),
    Column("calories", Float, nullable=True),
    Column("device", String(200), nullable=True),
    Column("name", String(500), nullable=True),
    Column("notes", Text, nullable=True),
    Column("workout_type", String(32), nullable=True),
    Column("workout_type_inferred", Boolean, nullable=False, server_default=false()),
    Column("workout_type_reason", String(500), nullable=True),
    Column("surface", String(32), nullable=True),
    Column("surface_inferred", Boolean, nullable=False, server_default=false()),
    Column("terrain", String(32), nullable=True),
    Column("terrain_inferred", Boolean, nullable=False, server_default=false()),
    Column("shoe_id", Integer, ForeignKey("shoes.id", ondelete="SET NULL"), nullable=True),
    Column("rpe", Integer, nullable=True),
    Column("feel", String(32), nullable=True),
    Column("is_race", Boolean, nullable=False, server_default=false()),
    Column("race_official_time_s", Float, nullable=True),
    Column("race_distance_m", Float, nullable=True),
    Column("race_name", String(500), nullable=True),
    Column("race_conditions", Text, nullable=True),
    Column("race_temperature_c", Float, nullable=True),
    Column("race_dew_point_c", Float, nullable=True),
    Column("first_half_s_per_km", Float, nullable=True),
    Column("second_half_s_per_km", Float, nullable=True),
    Column("split_kind", String(16), nullable=True),  # negative / even / positive
    Column("analysis", JSON, nullable=True),  # splits per km and mile, halves, glitches...
    # the runner said the stretches taken for GPS glitches were real (runs edit --trust-samples)
    Column("samples_trusted", Boolean, nullable=False, server_default=false()),
    Column("source", String(16), nullable=False),  # fit, gpx, tcx, manual, strava
    Column("fingerprint", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_runs_athlete_id_start_utc", "athlete_id", "start_utc"),
    Index("ix_runs_athlete_id_local_date", "athlete_id", "local_date"),
    Index("ix_runs_shoe_id", "shoe_id"),
)

laps = Table(
    "laps",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True),  # 1-based, in the order run
    Column("start_utc", DateTime(timezone=True), nullable=False),
    Column("elapsed_s", Float, nullable=False),
    Column("moving_s", Float, nullable=True),
    Column("distance_m", Float, nullable=True),
    Column("avg_hr", Float, nullable=True),
    Column("max_hr", Float, nullable=True),
    Column("avg_cadence_spm", Float, nullable=True),
    Column("avg_power_w", Float, nullable=True),
    Column("ascent_m", Float, nullable=True),
    Column("intensity", String(32), nullable=True),
)

best_efforts = Table(
    "best_efforts",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("distance_m", Float, primary_key=True),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("elapsed_s", Float, nullable=False),
    Column("start_s", Float, nullable=False),  # on the run's clock
    Column("start_m", Float, nullable=False),  # metres into the run
    # 1: a record of its year as it fell, or near New Year: it can be a win (kept by
    # store/effort_records.py on every write of a run; reports read these only)
    Column("could_win", Integer, nullable=False, server_default="0"),
    Index("ix_best_efforts_athlete_id_distance_m", "athlete_id", "distance_m", "elapsed_s"),
    Index(
        "ix_best_efforts_could_win",
        "athlete_id",
        "run_id",
        sqlite_where=text("could_win = 1"),
        postgresql_where=text("could_win = 1"),
    ),
)

streams = Table(
    "streams",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("codec", String(32), nullable=False),  # see store/streams_codec.py
    Column("samples", Integer, nullable=False),
    Column("columns", String(200), nullable=False),  # comma-separated stream names
    Column("data", LargeBinary, nullable=False),
)

source_files = Table(
    "source_files",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("sha256", String(64), nullable=False),  # of the activity file's own bytes
    Column("name", String(1000), nullable=False),  # where it came from: archive!member
    Column("format", String(16), nullable=False),  # fit, gpx, tcx
    Column("size_bytes", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),  # the original bytes, zstd-compressed
    Column("imported_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("outcome", String(32), nullable=False),  # imported / duplicate (of a run's)
    Column("reason", Text, nullable=True),
    UniqueConstraint("athlete_id", "sha256", name="uq_source_files_athlete_id_sha256"),
)

run_sources = Table(
    "run_sources",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "source_file_id",
        Integer,
        ForeignKey("source_files.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("is_primary", Boolean, nullable=False),  # the file the run's numbers come from
    Index("ix_run_sources_source_file_id", "source_file_id"),
)


# ---- day by day (issue 5): daily check-ins and the adjustments "today" made ----------------

checkins = Table(
    "checkins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),  # the athlete's calendar day
    Column("feel", String(16), nullable=True),  # runs.Feel
    Column("symptoms", String(16), nullable=True),  # above-neck / below-neck
    Column("note", Text, nullable=False, server_default=""),
    Column("can_run", Boolean, nullable=True),  # able to run again after an injury
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # daily habits (migration 0007, domain/progress/habits.py); NULL: not told that day
    Column("strength", Boolean, nullable=True),  # the strength routine done
    Column("warm_up", Boolean, nullable=True),  # a dynamic warm-up before the run
    Column("ate_well", Boolean, nullable=True),
    Column("sleep_s", Float, nullable=True),  # the night's sleep, s
    Column("weight_kg", Float, nullable=True),  # body weight, kg
    Column("resting_hr", Float, nullable=True),  # the morning's resting heart rate, bpm
    UniqueConstraint("athlete_id", "day"),
)

plan_adjustments = Table(
    "plan_adjustments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),  # the day the adjustment is about
    Column("kind", String(16), nullable=False),  # "today" (an answer) or "shift"
    Column("changes", String(400), nullable=False),  # comma-separated change names
    Column("detail", Text, nullable=False),  # JSON: the answer or the shift as given
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_plan_adjustments_athlete_day", "athlete_id", "day"),
)


plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "athlete_id",
        Integer,
        ForeignKey("athletes.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("goal_summary", String(300), nullable=False),
    Column("document", Text, nullable=False),  # the plan as JSON (docs/plan-format.md)
    Column("status", String(16), nullable=False, server_default="active"),  # active / archived
)

plan_versions = Table(
    "plan_versions",
    metadata,
    # The plan as it was before each change (a hand edit, a move, a shift, a rota): plan undo.
    Column("id", Integer, primary_key=True),
    Column(
        "plan_id",
        Integer,
        ForeignKey("plans.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("change", String(400), nullable=False),  # what the change did, for the runner
    Column("document", Text, nullable=False),  # the plan before the change, as JSON
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# --- progress reports (issue 6) ---------------------------------------------------------------

run_start_points = Table(
    "run_start_points",
    metadata,
    # Where a run started, read once from its samples (None: no GPS): routes for variety.
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("latitude", Float, nullable=True),
    Column("longitude", Float, nullable=True),
)

run_weeks = Table(
    "run_weeks",
    metadata,
    # Running volume of each week (Monday of the runs' local dates), kept by store/run_weeks.py
    # on every write of a run, so that streaks and totals over years read weeks, not runs.
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True),
    Column("week_start", Date, primary_key=True),
    Column("runs", Integer, nullable=False),
    Column("run_days", Integer, nullable=False),
    Column("distance_m", Float, nullable=False),
    Column("duration_s", Float, nullable=False),
    Column("ascent_m", Float, nullable=False),
)

fitness_months = Table(
    "fitness_months",
    metadata,
    # The fitness model's VDOT on the first of each month (store/fitness_months.py), kept as
    # reports work it out and forgotten by every write of a run in the year before it
    # (0021_rep18b_fitness_months); vdot None: no performance in that year.
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True),
    Column("on_day", Date, primary_key=True),
    Column("vdot", Float, nullable=True),
    Column("performances", Integer, nullable=False),
    Column("kinds", String(64), nullable=False),
    Column("race_times", String(256), nullable=False),  # "metres:seconds,...", exact
)

# --- accounts of the web app (issue 13, migration 0008) ---------------------------------------
# Secrets (session ids, API tokens, invitation codes, feed tokens) are stored as SHA-256 hex
# digests only; passwords as argon2id hashes. Every row goes with its account's athlete.

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "athlete_id",
        Integer,
        ForeignKey("athletes.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,  # one athlete per account
    ),
    Column("email", String(320), nullable=False, unique=True),  # lower-cased
    Column("password_hash", String(200), nullable=False),  # argon2id, PHC string
    Column("is_admin", Boolean, nullable=False, server_default=false()),
    Column("feed_token_hash", String(64), nullable=True, unique=True),  # the iCal feed URL
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("password_changed_at", DateTime(timezone=True), nullable=True),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),  # SHA-256 of the cookie's value
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Index("ix_web_sessions_account_id", "account_id"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),  # the first characters, to recognise it
    Column("scope", String(16), nullable=False),  # read / write
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    Index("ix_api_tokens_account_id", "account_id"),
)

invitations = Table(
    "invitations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("created_by", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("email", String(320), nullable=True),  # None: anyone holding the code
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=True),
)

login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(320), nullable=False),  # lower-cased, as typed
    Column("address", String(64), nullable=False),  # the client's IP address
    Column("at", DateTime(timezone=True), nullable=False),
    Column("succeeded", Boolean, nullable=False),
    Index("ix_login_attempts_email_at", "email", "at"),
    Index("ix_login_attempts_address_at", "address", "at"),
)

site_settings = Table(
    "site_settings",
    metadata,
    Column("key", String(64), primary_key=True),  # e.g. signups_open
    Column("value", Text, nullable=False),
)

upload_jobs = Table(
    "upload_jobs",
    metadata,
    # An import run outside the request (web/jobs.py): its progress and per-file outcomes.
    Column("id", Integer, primary_key=True),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("status", String(16), nullable=False),  # queued / running / done / failed
    Column("files_total", Integer, nullable=False),
    Column("files_done", Integer, nullable=False, server_default="0"),
    Column("outcomes", JSON, nullable=True),  # [{"name", "outcome", "reason", "run_id"}]
    Column("error", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Index("ix_upload_jobs_athlete_id", "athlete_id"),
)

upload_files = Table(
    "upload_files",
    metadata,
    # The bytes of an upload waiting for its job (deleted when the job is done).
    Column("id", Integer, primary_key=True),
    Column("job_id", Integer, ForeignKey("upload_jobs.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(1000), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Index("ix_upload_files_job_id", "job_id"),
)

# --- accountability: privacy, partners, groups, comments, notifications (issue 14) ----------

sharing_settings = Table(
    "sharing_settings",
    metadata,
    # A runner's defaults per part of a run (domain/accountability/privacy.py); no row: all
    # private, the default start and end trimmed.
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True),
    Column("summary_audience", String(16), nullable=False, server_default="private"),
    Column("map_audience", String(16), nullable=False, server_default="private"),
    Column("heart_rate_audience", String(16), nullable=False, server_default="private"),
    Column("trim_m", Float, nullable=False, server_default="200"),
    Column("reminder_time", String(5), nullable=True),  # "06:30" in the runner's time zone
    Column("skipped_types", JSON, nullable=True),  # workout kinds the runner tends to skip
    Column("updated_at", DateTime(timezone=True), nullable=True),
)

privacy_zones = Table(
    "privacy_zones",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
    Column("radius_m", Float, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_privacy_zones_athlete_id", "athlete_id"),
)

run_visibility = Table(
    "run_visibility",
    metadata,
    # One run's audience for one part, overriding the runner's default for it.
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("part", String(16), primary_key=True),
    Column("audience", String(16), nullable=False),
)

partnerships = Table(
    "partnerships",
    metadata,
    # Invited (by link or email) -> active (the invitee accepted) -> ended (by either).
    Column("id", Integer, primary_key=True),
    Column("inviter_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("invitee_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=True),
    Column("code_hash", String(64), nullable=True, unique=True),  # SHA-256 of the link's code
    Column("email", String(320), nullable=True),
    Column("status", String(16), nullable=False),  # invited / active / declined / ended
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("accepted_at", DateTime(timezone=True), nullable=True),
    Column("ended_at", DateTime(timezone=True), nullable=True),
    Column("ended_by", Integer, nullable=True),  # the athlete who ended it
    Index("ix_partnerships_inviter_id", "inviter_id"),
    Index("ix_partnerships_invitee_id", "invitee_id"),
)

partner_sessions = Table(
    "partner_sessions",
    metadata,
    # A session of the runner's plan proposed to a partner, and the partner's answer.
    Column("id", Integer, primary_key=True),
    Column(
        "partnership_id",
        Integer,
        ForeignKey("partnerships.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("runner_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("partner_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),
    Column("start_time", String(5), nullable=True),  # "18:30", the runner's time zone
    Column("workout_kind", String(32), nullable=True),
    Column("description", Text, nullable=False),
    Column("status", String(16), nullable=False),  # invited / accepted / proposed / declined
    Column("proposed_day", Date, nullable=True),  # the partner's other day
    Column("proposed_time", String(5), nullable=True),
    Column("note", Text, nullable=True),
    Column("sequence", Integer, nullable=False, server_default="0"),  # iCalendar SEQUENCE
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("answered_at", DateTime(timezone=True), nullable=True),
    Index("ix_partner_sessions_runner_id", "runner_id"),
    Index("ix_partner_sessions_partner_id", "partner_id"),
)

running_groups = Table(
    "running_groups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(16), nullable=False),  # club / team / goal
    Column("description", Text, nullable=True),
    Column("goal_distance_m", Float, nullable=True),  # a goal group's race distance
    Column("goal_time_s", Float, nullable=True),
    Column("goal_date", Date, nullable=True),
    Column("is_open", Boolean, nullable=False, server_default=true()),  # anyone may join
    Column("created_by", Integer, ForeignKey("athletes.id", ondelete="SET NULL"), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

group_members = Table(
    "group_members",
    metadata,
    Column(
        "group_id", Integer, ForeignKey("running_groups.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(16), nullable=False),  # admin / member
    Column("joined_at", DateTime(timezone=True), nullable=False),
    Index("ix_group_members_athlete_id", "athlete_id"),
)

challenges = Table(
    "challenges",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "group_id", Integer, ForeignKey("running_groups.id", ondelete="CASCADE"), nullable=False
    ),
    Column("name", String(200), nullable=False),
    Column("measure", String(16), nullable=False),  # run_days / weekly_streak / distance
    Column("target", Float, nullable=True),  # days, weeks or metres; None: most wins
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("created_by", Integer, ForeignKey("athletes.id", ondelete="SET NULL"), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_challenges_group_id", "group_id"),
)

group_invitations = Table(
    "group_invitations",
    metadata,
    # An admin's invitation into a group: a link (its code stored as SHA-256, None once used),
    # to an account (invitee_id) or an address (email); 0018_acct14b_group_invitations.
    Column("id", Integer, primary_key=True),
    Column(
        "group_id", Integer, ForeignKey("running_groups.id", ondelete="CASCADE"), nullable=False
    ),
    Column("code_hash", String(64), nullable=True, unique=True),
    Column("email", String(320), nullable=True),
    Column("invitee_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=True),
    Column("invited_by", Integer, ForeignKey("athletes.id", ondelete="SET NULL"), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("accepted_by", Integer, ForeignKey("athletes.id", ondelete="SET NULL"), nullable=True),
    Column("accepted_at", DateTime(timezone=True), nullable=True),
    Index("ix_group_invitations_group_id", "group_id"),
)
group_join_requests = Table(
    "group_join_requests",
    metadata,
    # A runner asks to join an invite-only group; an admin approves (a member) or declines.
    Column(
        "group_id", Integer, ForeignKey("running_groups.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
invitation_emails = Table(
    "invitation_emails",
    metadata,
    # A partner or group invitation emailed to an address with no account here (the outbox
    # of services/notifications.deliver_emails): pending -> sent / failed / expired.
    Column("id", Integer, primary_key=True),
    Column("address", String(320), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Column("link", String(1000), nullable=False),  # a path: /signup?invitation=CODE&next=...
    Column("state", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=True),
    Index("ix_invitation_emails_state", "state"),
)
comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    Column("author_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("hidden_at", DateTime(timezone=True), nullable=True),
    Column("hidden_by", Integer, ForeignKey("athletes.id", ondelete="SET NULL"), nullable=True),
    Index("ix_comments_run_id", "run_id"),
)

kudos = Table(
    "kudos",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

notifications = Table(
    "notifications",
    metadata,
    # In-app notifications, and the outbox of their emails (email_state).
    Column("id", Integer, primary_key=True),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Column("link", String(1000), nullable=True),
    Column("dedupe_key", String(100), nullable=True),  # one digest per week, one reminder a day
    Column("in_app", Boolean, nullable=False),  # shown in the bell (the kind is on in the app)
    Column("email_state", String(16), nullable=False),  # none / pending / sent / failed
    Column("attachment_name", String(200), nullable=True),  # e.g. an invite's invite.ics
    Column("attachment_type", String(100), nullable=True),
    Column("attachment", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("read_at", DateTime(timezone=True), nullable=True),
    Column("emailed_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("athlete_id", "dedupe_key", name="uq_notifications_athlete_id_dedupe_key"),
    Index("ix_notifications_athlete_id_created_at", "athlete_id", "created_at"),
    Index("ix_notifications_email_state", "email_state"),
)

notification_settings = Table(
    "notification_settings",
    metadata,
    # A kind switched off (or on again), in the app and by email; no row: both on.
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("in_app", Boolean, nullable=False),
    Column("email", Boolean, nullable=False),
)


# --- accountability: commitment contracts and coaches (issue 14, migration 0011) --------------

contracts = Table(
    "contracts",
    metadata,
    # A commitment contract as signed (domain/accountability/contracts.py); made harder
    # later: ``history`` keeps each earlier version of the terms.
    Column("id", Integer, primary_key=True),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column(
        "referee_athlete_id",
        Integer,
        ForeignKey("athletes.id", ondelete="SET NULL"),
        nullable=True,
    ),
    Column("goal_kind", String(32), nullable=False),  # contracts.GoalKind
    Column("run_days", Integer, nullable=True),
    Column("distance_m", Float, nullable=True),
    Column("time_s", Float, nullable=True),
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False),
    Column("stake_cents", Integer, nullable=False),  # for each missed period
    Column("currency", String(3), nullable=False),
    Column("receiver", String(16), nullable=False),  # contracts.Receiver
    Column("receiver_name", String(200), nullable=False),
    Column("max_excused", Integer, nullable=False),
    Column("referee_days", Integer, nullable=False),
    Column("signed_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True), nullable=True),  # ended by the runner
    Column("ended_on", Date, nullable=True),  # the athlete's day it was ended
    Column("end_reason", Text, nullable=True),
    Column("history", JSON, nullable=True),  # [{"changed_at", "terms"}] the versions before
    # The referee's answer (migration 0017): asked / accepted / refused / stepped-down; None
    # when no referee was ever named. A refusal or a step-down clears referee_athlete_id.
    Column("referee_state", String(16), nullable=True),
    Column("referee_answered_at", DateTime(timezone=True), nullable=True),
    Column("referee_note", Text, nullable=True),  # why they refused or stepped down
    # When it became active (judged from then on): signed without a referee, or the referee
    # accepted; None while a referee is asked and has not accepted.
    Column("active_from", DateTime(timezone=True), nullable=True),
    Index("ix_contracts_athlete_id", "athlete_id"),
    Index("ix_contracts_referee_athlete_id", "referee_athlete_id"),
)

contract_periods = Table(
    "contract_periods",
    metadata,
    # Each period's automatic verdict (with the rule and the runs that decided it) and what
    # the referee and the runner said of it: the outcome history that stays.
    Column(
        "contract_id", Integer, ForeignKey("contracts.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("number", Integer, primary_key=True),  # 1-based
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False),
    Column("outcome", String(16), nullable=False),  # the automatic verdict
    Column("rule", Text, nullable=False),
    Column("seen", Text, nullable=False),
    Column("run_ids", JSON, nullable=False),
    Column("unwell_days", JSON, nullable=False),
    Column("judged_at", DateTime(timezone=True), nullable=False),
    Column("review_due", DateTime(timezone=True), nullable=False),
    Column("disputed_at", DateTime(timezone=True), nullable=True),
    Column("dispute_note", Text, nullable=True),
    Column("decision", String(16), nullable=True),  # confirm / overturn
    Column("set_outcome", String(16), nullable=True),  # the referee's outcome when overturned
    Column("decision_note", Text, nullable=True),
    Column("decided_at", DateTime(timezone=True), nullable=True),
)

coach_grants = Table(
    "coach_grants",
    metadata,
    # An athlete's grant to a coach: made as an invitation (its code stored as SHA-256),
    # accepted by the coach's account, revoked by the athlete (access ends at once).
    Column("id", Integer, primary_key=True),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column(
        "coach_athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=True
    ),
    Column("access", String(16), nullable=False),  # read / read-write
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("accepted_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    Index("ix_coach_grants_athlete_id", "athlete_id"),
    Index("ix_coach_grants_coach_athlete_id", "coach_athlete_id"),
)

plan_changes = Table(
    "plan_changes",
    metadata,
    # A coach's change to an athlete's plan, with the coach's note: the athlete sees it.
    Column("id", Integer, primary_key=True),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column(
        "author_athlete_id", Integer, ForeignKey("athletes.id", ondelete="SET NULL"), nullable=True
    ),
    Column("day", Date, nullable=False),
    Column("change", Text, nullable=False),  # "tempo 20 min -> easy 40 min"
    Column("note", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_plan_changes_athlete_id", "athlete_id"),
)

page_answers = Table(
    "page_answers",
    metadata,
    # The page cache shared by the web workers (store/page_answers.py): an answer kept for
    # the athlete's data version, compressed JSON (store/answer_codec.py). UNLOGGED on
    # PostgreSQL (0020_web13c_page_answers); not backed up: bookkeeping, not data.
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True),
    Column("data_version", BigInteger, primary_key=True),
    Column("what", String(64), primary_key=True),  # sha256 of the rest of the key
    Column("answer", LargeBinary, nullable=False),
    Column("made_at", DateTime(timezone=True), nullable=False),
)
