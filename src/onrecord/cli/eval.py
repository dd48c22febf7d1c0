"""`onrecord eval ...`: the benchmarks, each printing our figures beside a baseline or reference."""
from __future__ import annotations

import json
from importlib import import_module

import click


def _run(module: str, path: str, as_json: bool, **options) -> None:  # noqa: ANN003
    mod = import_module(f"onrecord.eval.{module}")
    result = mod.evaluate(path, **options)
    click.echo(json.dumps(result, indent=2, default=str) if as_json else mod.report(result))


json_option = click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")


@click.group("eval")
def eval_group() -> None:
    """Score onrecord on the benchmarks in ../shared/data."""


@eval_group.command("html")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@json_option
def eval_html_cmd(path: str, as_json: bool) -> None:
    """Article-text extraction against the html-bench articleBody, beside trafilatura's defaults.

    \b
    Example:
        onrecord eval html ../shared/data/html-bench
    """
    _run("html_bench", path, as_json)


@eval_group.command("attributions")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@click.option("--split", default="dev", show_default=True, type=click.Choice(["train", "dev"]))
@click.option("--limit", type=int, help="Only the first N articles.")
@json_option
def eval_attributions_cmd(path: str, split: str, limit: int | None, as_json: bool) -> None:
    """Attribution extraction (source, cue, content, speaker) on PolNeAR, whole articles.

    \b
    Example:
        onrecord eval attributions ../shared/data/polnear --split dev
    """
    _run("polnear", path, as_json, split=split, limit=limit)


@eval_group.command("events")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@json_option
def eval_events_cmd(path: str, as_json: bool) -> None:
    """PLOVER event coding (L1 type, L2 +actor country, L3 +sectors and recipient).

    \b
    Example:
        onrecord eval events ../shared/data/events/plover_gsr_dev.jsonl
    """
    _run("plover", path, as_json)


@eval_group.command("events-cv")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--k", default=5, show_default=True, help="Number of folds.")
@click.option("--tables", default="both", show_default=True, type=click.Choice(["both", "petrarch", "ours"]))
@click.option("--scorer", default="auto", show_default=True, type=click.Choice(["auto", "learned", "rules", "shipped"]),
              help="Candidate scorer: trained on the other folds, none, or the shipped one (not fair).")
@click.option("--folds", default=None, help="Score only these folds, e.g. 3,4 (the ones never read while tuning).")
@json_option
def eval_events_cv_cmd(path: str, k: int, tables: str, scorer: str, folds: str | None, as_json: bool) -> None:
    """PLOVER event coding, k-fold: no sentence is coded with lexicon entries only its fold supports.

    \b
    Example:
        onrecord eval events-cv ../shared/data/events/plover_gsr_dev.jsonl --folds 3,4
    """
    chosen = tuple(int(f) for f in folds.split(",")) if folds else None
    _run("events_cv", path, as_json, k=k, tables=tables, scorer=scorer, folds=chosen)


@eval_group.command("stories")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@json_option
def eval_stories_cmd(path: str, as_json: bool) -> None:
    """Events on whole VOA stories: type F1, type+actors F1, duplicates, date accuracy.

    \b
    Example:
        onrecord eval stories tests/fixtures/events_stories/gold.jsonl
    """
    _run("stories", path, as_json)


@eval_group.command("actors")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--sources", default="all", show_default=True, type=click.Choice(["all", "ours", "phoenix"]),
              help="Name tables: ours then Phoenix, ours alone, or the Phoenix dictionaries alone.")
@json_option
def eval_actors_cmd(path: str, sources: str, as_json: bool) -> None:
    """Actor country and sector coding accuracy.

    \b
    Example:
        onrecord eval actors ../shared/data/events/actor_cases_dev.jsonl
    """
    _run("actors", path, as_json, sources=sources)


@eval_group.command("stance")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@click.option("--test", "test_dir", type=click.Path(exists=True, file_okay=False),
              help="Train on all of PATH and score this FNC-1 competition test folder.")
@json_option
def eval_stance_cmd(path: str, test_dir: str | None, as_json: bool) -> None:
    """FNC-1 stance (agree, disagree, discuss, unrelated): the official weighted score.

    \b
    Example:
        onrecord eval stance ../shared/data/stance/fnc1
    """
    _run("stance", path, as_json, test_dir=test_dir)


@eval_group.command("speakers")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--split", "split_dir", type=click.Path(exists=True, file_okay=False),
              help="The PolNeAR split folder holding text/ and attributions/ (default: GOLD's folder/dev).")
@click.option("--half", type=click.Choice(["all", "tune", "report"]), default="all", show_default=True,
              help="Only the first (tune) or second (report) half of the articles by sorted id.")
@click.option("--mistakes", is_flag=True, help="List every paired speaker whose name or type is wrong.")
@json_option
def eval_speakers_cmd(gold: str, split_dir: str | None, half: str, mistakes: bool, as_json: bool) -> None:
    """Speaker names and types: coverage, name and type accuracy over all gold and over paired,
    and name accuracy on speakers marked resolved.

    \b
    Example:
        onrecord eval speakers ../shared/data/polnear/speakers_dev.jsonl
    """
    _run("speakers", gold, as_json, split_dir=split_dir, half=half, mistakes=mistakes)


@eval_group.command("conflicts")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("stories", type=click.Path(exists=True, dir_okay=False))
@click.option("--half", type=click.Choice(["all", "A", "B"]), default="all", show_default=True,
              help="Only half A (even story ids, tuned on) or half B (odd ids, held out).")
@click.option("--no-stance", is_flag=True, help="Leave the stance model out.")
@json_option
def eval_conflicts_cmd(gold: str, stories: str, half: str, no_stance: bool, as_json: bool) -> None:
    """Conflicts per story against hand-annotated gold, scored as ../shared/tools/score_conflicts.py.

    \b
    Example:
        onrecord eval conflicts ../shared/data/conflicts/voa_dev.jsonl ../shared/data/voa/voa_stories.jsonl
    """
    from ..eval.conflicts import evaluate, report

    result = evaluate(gold, stories, half=half, use_stance=not no_stance)
    click.echo(json.dumps(result, indent=2, default=str) if as_json else report(result))
