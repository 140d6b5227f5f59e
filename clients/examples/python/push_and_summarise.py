#!/usr/bin/python3
"""Push one county's figures to IndicatorExchange and print its prefecture's summary.

An integrator's client in Python, generated at run time from the repository's .proto files:

1. compiles protos/ (plus the well-known types bundled with grpc_tools) into a temporary
   folder with grpc_tools.protoc and imports the generated modules from there;
2. reads a figures CSV (the columns of services/IndicatorExchange.Host/DemoData/seed-figures-2022.csv:
   org_code, indicator_name_zh, period, value, unit, yoy_growth_pct, status, remark) and keeps
   the rows of one org unit and one period;
3. maps the Chinese indicator names to catalog codes with IndicatorService.ListIndicators;
4. sends the rows as one SubmitFigures batch, with a request_id derived from the batch's content
   (so running the script again with the same file changes nothing);
5. polls AggregationService.GetSummary until its as_of_sequence reaches the submission's
   last_sequence, and prints the summary one indicator per line:

   submitted org=654002 period=2022 figures=27 created=27 updated=0 unchanged=0 warnings=0 last_sequence=27 request_id=...
   summary org=654000 period=2022 as_of_sequence=27 rows=27
   GDP total=348.2 unit=亿元 method=SUM growth_pct=0.6 reported=1/11 partial=true missing=654003,... name=地区生产总值

   A value the server leaves unset prints as "-" (no total, no growth, nobody missing).

Exit codes: 0 done; 1 a gRPC call failed (its status code, message and error details are printed);
2 bad input (arguments, CSV, unknown indicator names, missing packages); 3 the summary did not
reach the submission in time.

Needs grpcio and grpcio-tools: on Debian `apt-get install python3-grpcio python3-grpc-tools` and run
with /usr/bin/python3; elsewhere `pip install grpcio grpcio-tools`.
"""

import argparse
import csv
import os
import hashlib
import importlib
import sys
import tempfile
import time
from pathlib import Path

EXAMPLES_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = EXAMPLES_DIR.parent.parent
DEFAULT_PROTOS = REPO_ROOT / "protos"
DEFAULT_FIGURES = REPO_ROOT / "services" / "IndicatorExchange.Host" / "DemoData" / "seed-figures-2022.csv"
RPC_STATUS_PROTOS = EXAMPLES_DIR / "rpc-status"
CALL_TIMEOUT_SECONDS = 30

# The CSV's status column, as the seed files write it, to FigureStatus enum names.
STATUSES = {
    "": "FIGURE_STATUS_UNSPECIFIED",
    "estimated": "FIGURE_STATUS_PRELIMINARY",
    "preliminary": "FIGURE_STATUS_PRELIMINARY",
    "reported": "FIGURE_STATUS_REPORTED",
    "final": "FIGURE_STATUS_FINAL",
}


class InputError(Exception):
    """A problem with the arguments or the CSV: exit code 2."""


class Timeout(Exception):
    """The summary did not reach the submission in time: exit code 3."""


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Push one county's figures to IndicatorExchange and print the prefecture summary.")
    parser.add_argument("--address", default="127.0.0.1:5100", help="host:port of the suite (insecure channel); default 127.0.0.1:5100")
    parser.add_argument("--figures", type=Path, default=DEFAULT_FIGURES, help="figures CSV; default the demo seed figures")
    parser.add_argument("--org", required=True, help="org unit whose rows are pushed, for example 654025")
    parser.add_argument("--period", default="2022", help="period whose rows are pushed and summarised; default 2022")
    parser.add_argument("--summary-org", default="654000", help="org unit to summarise; default 654000 (Ili prefecture)")
    parser.add_argument("--indicator", action="append", default=[], help="summarise only this indicator code (repeatable)")
    parser.add_argument("--request-id", help="request_id of the batch; default derived from its content")
    parser.add_argument("--protos", type=Path, default=DEFAULT_PROTOS, help="the repository's protos/ folder")
    parser.add_argument("--token", default=os.environ.get("IX_TOKEN"),
                        help="bearer token of the county pushing (a county reporter token); default $IX_TOKEN")
    parser.add_argument("--summary-token", default=os.environ.get("IX_SUMMARY_TOKEN"),
                        help="bearer token for reading the summary (a prefecture analyst token); default $IX_SUMMARY_TOKEN, else --token")
    parser.add_argument("--wait-seconds", type=float, default=30, help="how long to wait for the summary to include the batch; default 30")
    return parser.parse_args(argv)


def main(argv=None):
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")
    args = parse_args(argv)
    TOKENS["default"], TOKENS["summary"] = args.token, args.summary_token
    try:
        import grpc
        from grpc_tools import protoc
    except ImportError as error:
        print(f"error: {error}. This example needs grpcio and grpcio-tools: on Debian "
              "`apt-get install python3-grpcio python3-grpc-tools` and run it with /usr/bin/python3; "
              "elsewhere `pip install grpcio grpcio-tools`.", file=sys.stderr)
        return 2

    try:
        rows = read_rows(args.figures, args.org, args.period)
        with tempfile.TemporaryDirectory(prefix="ix-python-stubs-") as stub_dir:
            stubs = generate_stubs(protoc, args.protos.resolve(), stub_dir)
            with grpc.insecure_channel(strip_scheme(args.address)) as channel:
                return run(grpc, stubs, channel, args, rows)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except Timeout as error:
        print(f"error: {error}", file=sys.stderr)
        return 3


def strip_scheme(address):
    for scheme in ("http://", "dns:///"):
        if address.startswith(scheme):
            return address[len(scheme):].rstrip("/")
    return address


def read_rows(path, org, period):
    """The CSV rows of one org unit and period, as dicts keyed by column name."""
    if not path.is_file():
        raise InputError(f"figures file not found: {path}")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        required = {"org_code", "indicator_name_zh", "period", "value", "unit"}
        missing = required - set(reader.fieldnames or [])
        if missing:
            raise InputError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        rows = [row for row in reader if row["org_code"].strip() == org and row["period"].strip() == period]
    if not rows:
        raise InputError(f"{path}: no rows for org unit {org} and period {period}")
    return rows


def well_known_protos():
    """The folder of google/protobuf/*.proto bundled with grpc_tools."""
    try:
        from importlib.resources import files
        return str(files("grpc_tools") / "_proto")
    except (ImportError, AttributeError, TypeError):
        import pkg_resources
        return pkg_resources.resource_filename("grpc_tools", "_proto")


class Stubs:
    """The generated modules this example uses."""

    def __init__(self):
        self.common = importlib.import_module("indicatorexchange.common.v1.common_pb2")
        self.indicator = importlib.import_module("indicatorexchange.indicator.v1.indicator_service_pb2")
        self.figure = importlib.import_module("indicatorexchange.indicator.v1.figure_pb2")
        self.indicator_grpc = importlib.import_module("indicatorexchange.indicator.v1.indicator_service_pb2_grpc")
        self.aggregation = importlib.import_module("indicatorexchange.aggregation.v1.aggregation_service_pb2")
        self.aggregation_grpc = importlib.import_module("indicatorexchange.aggregation.v1.aggregation_service_pb2_grpc")
        self.rpc_status = importlib.import_module("google_rpc_status_pb2")


def generate_stubs(protoc, protos_dir, out_dir):
    """Compiles every .proto under protos_dir (and the google.rpc error details) into out_dir and imports them."""
    if not protos_dir.is_dir():
        raise InputError(f"protos folder not found: {protos_dir}")
    files = sorted(p.relative_to(protos_dir).as_posix() for p in protos_dir.rglob("*.proto"))
    command = [
        "grpc_tools.protoc",
        f"-I{protos_dir}",
        f"-I{RPC_STATUS_PROTOS}",
        f"-I{well_known_protos()}",
        f"--python_out={out_dir}",
        f"--grpc_python_out={out_dir}",
        *files,
        "google_rpc_status.proto",
    ]
    if protoc.main(command) != 0:
        raise InputError(f"grpc_tools.protoc could not compile the protos in {protos_dir} (see above)")
    sys.path.insert(0, out_dir)
    return Stubs()


def run(grpc, stubs, channel, args, rows):
    indicators = stubs.indicator_grpc.IndicatorServiceStub(channel)
    aggregation = stubs.aggregation_grpc.AggregationServiceStub(channel)
    try:
        codes = catalog_codes(stubs, indicators)
        request = build_request(stubs, args, rows, codes)
        response = call("SubmitFigures", indicators.SubmitFigures, request)
        summary = response.summary
        print(f"submitted org={request.org_unit} period={request.period} figures={len(request.figures)} "
              f"created={summary.created} updated={summary.updated} unchanged={summary.unchanged} "
              f"warnings={len(summary.issues)} last_sequence={response.last_sequence} request_id={request.request_id}")
        for issue in summary.issues:
            print(f"  warning {issue.field} {issue.reason}: {issue.message}")
        print_summary(stubs, wait_for_summary(stubs, aggregation, args, response.last_sequence))
        return 0
    except grpc.RpcError as error:
        report_rpc_error(stubs, error)
        return 1


TOKENS = {"default": None, "summary": None}


def call(name, method, request):
    """Calls a unary method with a deadline and the bearer token, naming the method in any error."""
    token = (TOKENS["summary"] or TOKENS["default"]) if name == "GetSummary" else TOKENS["default"]
    metadata = (("authorization", f"Bearer {token}"),) if token else None
    try:
        return method(request, timeout=CALL_TIMEOUT_SECONDS, metadata=metadata)
    except Exception as error:  # grpc.RpcError: remember which call failed
        error.ix_method = name
        raise


def catalog_codes(stubs, indicators):
    """Chinese indicator name (and code) → code, over every page of ListIndicators."""
    codes, token = {}, ""
    while True:
        page = call("ListIndicators", indicators.ListIndicators,
                    stubs.indicator.ListIndicatorsRequest(page_size=1000, page_token=token))
        for indicator in page.indicators:
            codes[indicator.name_zh] = indicator.code
            codes.setdefault(indicator.code, indicator.code)
        token = page.next_page_token
        if not token:
            return codes


def build_request(stubs, args, rows, codes):
    common = stubs.common
    unknown = sorted({row["indicator_name_zh"] for row in rows if row["indicator_name_zh"].strip() not in codes})
    if unknown:
        raise InputError(f"indicator name(s) not in the catalog: {', '.join(unknown)}")
    figures, fingerprint = [], []
    for row in rows:
        status_text = (row.get("status") or "").strip().lower()
        if status_text not in STATUSES:
            raise InputError(f"unknown status '{row.get('status')}' (expected one of {', '.join(s for s in STATUSES if s)})")
        code = codes[row["indicator_name_zh"].strip()]
        value, unit = row["value"].strip(), row["unit"].strip()
        growth = (row.get("yoy_growth_pct") or "").strip()
        note = (row.get("remark") or "").strip()
        figure = stubs.figure.FigureInput(
            indicator=code,
            quantity=common.Quantity(value=common.Decimal(value=value), unit=unit),
            status=common.FigureStatus.Value(STATUSES[status_text]),
            note=note,
        )
        if growth:
            figure.yoy_growth_pct.value = growth
        figures.append(figure)
        fingerprint.append("|".join([code, value, unit, growth, STATUSES[status_text], note]))
    digest = hashlib.sha256("\n".join(fingerprint).encode("utf-8")).hexdigest()[:16]
    return stubs.indicator.SubmitFiguresRequest(
        request_id=args.request_id or f"example-{args.org}-{args.period}-{digest}",
        org_unit=args.org,
        period=args.period,
        figures=figures,
    )


def wait_for_summary(stubs, aggregation, args, last_sequence):
    """GetSummary until the summary includes every revision up to last_sequence."""
    request = stubs.aggregation.GetSummaryRequest(org_unit=args.summary_org, period=args.period, indicators=args.indicator)
    deadline = time.monotonic() + args.wait_seconds
    while True:
        summary = call("GetSummary", aggregation.GetSummary, request).summary
        if summary.as_of_sequence >= last_sequence:
            return summary
        if time.monotonic() > deadline:
            raise Timeout(f"the summary of {args.summary_org} {args.period} reached sequence {summary.as_of_sequence}, "
                          f"not {last_sequence}, within {args.wait_seconds:g} s")
        time.sleep(0.1)


def print_summary(stubs, summary):
    print(f"summary org={summary.org_unit} period={summary.period} as_of_sequence={summary.as_of_sequence} rows={len(summary.rows)}")
    total_method = stubs.aggregation.TotalMethod
    for row in summary.rows:
        total = row.total.value if row.HasField("total") else "-"
        growth = row.growth_pct.value if row.HasField("growth_pct") else "-"
        method = total_method.Name(row.total_method).removeprefix("TOTAL_METHOD_")
        missing = ",".join(row.missing_org_units) or "-"
        print(f"{row.indicator} total={total} unit={row.unit} method={method} growth_pct={growth} "
              f"reported={row.reported_count}/{row.expected_count} partial={'true' if row.partial else 'false'} "
              f"missing={missing} name={row.name_zh}")


def report_rpc_error(stubs, error):
    """Prints the status code, its message and the google.rpc.Status details of a failed call."""
    method = getattr(error, "ix_method", "call")
    code = error.code() if hasattr(error, "code") else None
    details = error.details() if hasattr(error, "details") else str(error)
    code_text = f"{code.name} ({code.value[0]})" if code is not None else "UNKNOWN"
    print(f"error: {method} failed: {code_text}: {details}", file=sys.stderr)
    trailers = error.trailing_metadata() if hasattr(error, "trailing_metadata") else None
    for key, value in trailers or ():
        if key != "grpc-status-details-bin":
            continue
        status = stubs.rpc_status.Status()
        status.ParseFromString(value)
        for detail in status.details:
            print_detail(stubs, detail)


def print_detail(stubs, detail):
    rpc, common = stubs.rpc_status, stubs.common
    error_info, bad_request, import_summary = rpc.ErrorInfo(), rpc.BadRequest(), common.ImportSummary()
    if detail.Unpack(error_info):
        print(f"  error_info reason={error_info.reason} domain={error_info.domain}", file=sys.stderr)
    elif detail.Unpack(bad_request):
        for violation in bad_request.field_violations:
            print(f"  field_violation {violation.field} {violation.reason}: {violation.description}", file=sys.stderr)
    elif detail.Unpack(import_summary):
        severity = common.IssueSeverity
        print(f"  import_summary rejected={import_summary.rejected} issues={len(import_summary.issues)}", file=sys.stderr)
        for issue in import_summary.issues:
            print(f"  issue index={issue.index} {severity.Name(issue.severity).removeprefix('ISSUE_SEVERITY_')} "
                  f"{issue.field} {issue.reason}: {issue.message}", file=sys.stderr)
    else:
        print(f"  detail {detail.type_url}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
