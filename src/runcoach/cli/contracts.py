"""``runcoach contracts``: commitment contracts with a stake and a referee, judged from the log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.output import emit, json_option
from runcoach.domain.accountability.contracts import DEFAULT_REFEREE_DAYS, Decision, Outcome
from runcoach.inputs.contracts import TermsText, parse_amount, parse_goal, parse_receiver
from runcoach.services import contracts as service
from runcoach.views.contracts import ContractJson, contract_json, judged_json

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _now() -> datetime:
    return datetime.now(UTC)


@click.group("contracts")
def contracts_group() -> None:
    """Commitment contracts: a goal the log decides, a stake, a referee."""


def _terms_options(func: Any) -> Any:
    options = [
        click.option("--goal", required=True,
                     help="run-days=4, weekly-distance=30k, key-sessions or race-time=10k@49:00"),
        click.option("--start", type=DATE, required=True, help="First day (YYYY-MM-DD)."),
        click.option("--weeks", type=int, help="Weeks of a weekly goal."),
        click.option("--by", "by", type=DATE, help="The date a race goal must be reached by."),
        click.option("--stake", required=True, help="Lost for each missed period: 20EUR."),
        click.option("--to", "to", required=True,
                     help="Who receives it: charity:NAME, friend:NAME or anti-charity:NAME."),
        click.option("--excuses", type=int, default=1, show_default=True,
                     help="Periods that sickness or injury told in check-ins may excuse."),
        click.option("--referee-days", type=int, default=DEFAULT_REFEREE_DAYS,
                     show_default=True, help="Days the referee has to confirm or overturn."),
    ]  # fmt: skip
    for option in reversed(options):
        func = option(func)
    return func


def _terms(goal: str, start: datetime, weeks: int | None, by: datetime | None, stake: str,
           to: str, excuses: int, referee_days: int) -> Any:  # fmt: skip
    cents, currency = parse_amount(stake)
    receiver, name = parse_receiver(to)
    return TermsText(
        parse_goal(goal), start.date(), weeks, by.date() if by else None, cents, currency,
        receiver, name, excuses, referee_days,
    ).terms()  # fmt: skip


@contracts_group.command("sign")
@_terms_options
@click.option("--referee", help="The email of the referee's account.")
@json_option
@pass_app
def sign_command(
    app: AppContext,
    goal: str,
    start: datetime,
    weeks: int | None,
    by: datetime | None,
    stake: str,
    to: str,
    excuses: int,
    referee_days: int,
    referee: str | None,
    as_json: bool,
) -> None:
    """Sign a contract: afterwards it can only be made harder, or ended (recorded)."""
    terms = _terms(goal, start, weeks, by, stake, to, excuses, referee_days)
    contract_id = service.sign(app.engine, terms, referee, _now(), athlete_id=app.athlete_id)
    _show(app, contract_id, as_json)


@contracts_group.command("list")
@json_option
@pass_app
def list_command(app: AppContext, as_json: bool) -> None:
    """Your contracts and those you referee, each judged up to today."""
    found = service.list_contracts(app.engine, _now(), athlete_id=app.athlete_id)
    data = [contract_json(c) for c in found]
    emit(as_json, data, lambda: "\n".join(_line(c) for c in data) or "no contracts")


def _line(c: ContractJson) -> str:
    t = c["tally"]
    return (f"{c['id']}: {c['terms']['goal']['text']}, {c['terms']['start']} to "
            f"{c['terms']['end']} ({c['status']}, {c['role']}): {t['kept']} kept, {t['missed']} "
            f"missed, {t['excused']} excused; owed {t['owed']}")  # fmt: skip


@contracts_group.command("show")
@click.argument("contract_id", type=int)
@json_option
@pass_app
def show_command(app: AppContext, contract_id: int, as_json: bool) -> None:
    """A contract with each period's verdict, the rule and the runs that decided it."""
    _show(app, contract_id, as_json)


def _show(app: AppContext, contract_id: int, as_json: bool) -> None:
    data = contract_json(service.show(app.engine, contract_id, _now(), athlete_id=app.athlete_id))
    emit(as_json, data, lambda: render_contract(data))


def render_contract(c: ContractJson) -> str:
    lines = [_line(c), f"  stake: {c['terms']['stake']['text']}"]
    if c["referee"]:
        who, days = c["referee"]["email"] or c["referee"]["name"], c["terms"]["referee_days"]
        lines.append(f"  referee: {who} ({c['referee_state']}; {days} days to decide)")
    elif c["referee_state"] in ("refused", "stepped-down"):
        lines.append(f"  referee: none (the last one {c['referee_state']})")
    for p in c["periods"]:
        review = f", referee: {p['review']}" if p["review"] != "no-referee" else ""
        lines.append(f"  {p['number']}. {p['start']} to {p['end']}: {p['outcome']}{review}")
        lines.append(f"     seen: {p['seen']}\n     rule: {p['rule']}")
    if c["ended"]:
        lines.append(f"  ended {c['ended']['on']}: {c['ended']['reason'] or 'no reason given'}")
    return "\n".join(lines)


@contracts_group.command("harder")
@click.argument("contract_id", type=int)
@_terms_options
@json_option
@pass_app
def harder_command(
    app: AppContext,
    contract_id: int,
    goal: str,
    start: datetime,
    weeks: int | None,
    by: datetime | None,
    stake: str,
    to: str,
    excuses: int,
    referee_days: int,
    as_json: bool,
) -> None:
    """New terms for a signed contract: refused when anything would be easier."""
    terms = _terms(goal, start, weeks, by, stake, to, excuses, referee_days)
    service.make_harder(app.engine, contract_id, terms, _now(), athlete_id=app.athlete_id)
    _show(app, contract_id, as_json)


@contracts_group.command("end")
@click.argument("contract_id", type=int)
@click.option("--reason", default="", help="Why it ends (kept with the contract).")
@json_option
@pass_app
def end_command(app: AppContext, contract_id: int, reason: str, as_json: bool) -> None:
    """End a contract early: recorded as ended; the periods judged stay."""
    service.end(app.engine, contract_id, reason, _now(), athlete_id=app.athlete_id)
    _show(app, contract_id, as_json)


@contracts_group.command("dispute")
@click.argument("contract_id", type=int)
@click.argument("period", type=int)
@click.option("--note", default="", help="Why the verdict is wrong.")
@json_option
@pass_app
def dispute_command(
    app: AppContext, contract_id: int, period: int, note: str, as_json: bool
) -> None:
    """Dispute a period's verdict: the referee decides within their time."""
    service.dispute(app.engine, contract_id, period, note, _now(), athlete_id=app.athlete_id)
    _show(app, contract_id, as_json)


@contracts_group.command("review")
@click.argument("contract_id", type=int)
@click.argument("period", type=int)
@click.option("--confirm", "decision", flag_value="confirm", help="Agree with the verdict.")
@click.option("--overturn", "decision", flag_value="overturn", help="Set another outcome.")
@click.option("--outcome", type=click.Choice(["kept", "missed", "excused"]),
              help="The outcome when overturning (default: the opposite).")  # fmt: skip
@click.option("--note", default="")
@json_option
@pass_app
def review_command(app: AppContext, contract_id: int, period: int, decision: str | None,
                   outcome: str | None, note: str, as_json: bool) -> None:  # fmt: skip
    """As the referee: confirm or overturn a period's verdict."""
    if decision is None:
        raise click.UsageError("say --confirm or --overturn")
    service.review(app.engine, contract_id, period, Decision(decision),
                   Outcome(outcome) if outcome else None, note, _now(),
                   athlete_id=app.athlete_id)  # fmt: skip
    _show(app, contract_id, as_json)


@contracts_group.command("judge")
@json_option
@pass_app
def judge_command(app: AppContext, as_json: bool) -> None:
    """Judge your contracts' periods that are over, now (the server does it every minute
    and after each import; reading a contract never judges it)."""
    judged = service.judge_due(app.engine, _now(), athlete_id=app.athlete_id)
    emit(as_json, judged_json(judged), lambda: f"{judged} period(s) judged")


@contracts_group.command("accept")
@click.argument("contract_id", type=int)
@json_option
@pass_app
def accept_command(app: AppContext, contract_id: int, as_json: bool) -> None:
    """As the asked referee: accept the role (the contract is then judged from its start)."""
    service.accept_role(app.engine, contract_id, _now(), athlete_id=app.athlete_id)
    _show(app, contract_id, as_json)


@contracts_group.command("refuse")
@click.argument("contract_id", type=int)
@click.option("--note", default="", help="Why (the runner is told).")
@pass_app
def refuse_command(app: AppContext, contract_id: int, note: str) -> None:
    """As the asked referee: refuse the role (the runner may name another)."""
    service.refuse_role(app.engine, contract_id, note, _now(), athlete_id=app.athlete_id)
    click.echo(f"refused to referee contract {contract_id}")


@contracts_group.command("step-down")
@click.argument("contract_id", type=int)
@click.option("--note", default="", help="Why (the runner is told).")
@pass_app
def step_down_command(app: AppContext, contract_id: int, note: str) -> None:
    """As the referee: step down (the automatic verdicts then stand)."""
    service.step_down(app.engine, contract_id, note, _now(), athlete_id=app.athlete_id)
    click.echo(f"stepped down as the referee of contract {contract_id}")


@contracts_group.command("referee")
@click.argument("contract_id", type=int)
@click.argument("email", required=False)
@click.option("--none", "without", is_flag=True, help="Go on without a referee.")
@json_option
@pass_app
def referee_command(
    app: AppContext, contract_id: int, email: str | None, without: bool, as_json: bool
) -> None:
    """Name another referee for your contract (after a refusal or a step-down), or none."""
    if bool(email) == without:
        raise click.UsageError("give the referee's EMAIL, or --none")
    service.name_referee(app.engine, contract_id, email, _now(), athlete_id=app.athlete_id)
    _show(app, contract_id, as_json)


COMMANDS = [contracts_group]
