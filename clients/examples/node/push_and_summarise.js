#!/usr/bin/env node
// Push one county's figures to IndicatorExchange and print its prefecture's summary.
//
// An integrator's client in Node.js, loading the repository's .proto files at run time with
// @grpc/proto-loader (keepCase, longs as strings, enums as strings, defaults, oneofs) and
// calling them with @grpc/grpc-js. It does exactly what ../python/push_and_summarise.py does
// and prints the same lines:
//
//   1. reads a figures CSV (org_code, indicator_name_zh, period, value, unit, yoy_growth_pct,
//      status, remark) and keeps the rows of one org unit and one period;
//   2. maps the Chinese indicator names to catalog codes with IndicatorService.ListIndicators;
//   3. sends them as one SubmitFigures batch, with a request_id derived from its content;
//   4. polls AggregationService.GetSummary until as_of_sequence reaches the submission's
//      last_sequence, and prints the summary one indicator per line:
//
//      GDP total=481.81 unit=亿元 method=SUM growth_pct=1.25... reported=2/11 partial=true missing=654003,... name=地区生产总值
//
// Exit codes: 0 done; 1 a gRPC call failed (status code, message and error details printed);
// 2 bad input; 3 the summary did not reach the submission in time.
//
// Setup: `npm ci` (or `npm install`) in this folder. Run: node push_and_summarise.js --org 654025

'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const EXAMPLES_DIR = path.resolve(__dirname, '..');
const REPO_ROOT = path.resolve(EXAMPLES_DIR, '..', '..');
const DEFAULT_PROTOS = path.join(REPO_ROOT, 'protos');
const DEFAULT_FIGURES = path.join(REPO_ROOT, 'services', 'IndicatorExchange.Host', 'DemoData', 'seed-figures-2022.csv');
const RPC_STATUS_PROTOS = path.join(EXAMPLES_DIR, 'rpc-status');
const CALL_TIMEOUT_MS = 30_000;

// The CSV's status column, as the seed files write it, to FigureStatus enum names.
const STATUSES = {
  '': 'FIGURE_STATUS_UNSPECIFIED',
  estimated: 'FIGURE_STATUS_PRELIMINARY',
  preliminary: 'FIGURE_STATUS_PRELIMINARY',
  reported: 'FIGURE_STATUS_REPORTED',
  final: 'FIGURE_STATUS_FINAL',
};

class InputError extends Error {}
class Timeout extends Error {}

const USAGE = `usage: node push_and_summarise.js --org CODE [options]
  --address HOST:PORT   the suite, insecure channel (default 127.0.0.1:5100)
  --figures CSV         figures file (default the demo seed figures)
  --org CODE            org unit whose rows are pushed, for example 654025 (required)
  --period CODE         period pushed and summarised (default 2022)
  --summary-org CODE    org unit to summarise (default 654000, Ili prefecture)
  --indicator CODE      summarise only this indicator (repeatable)
  --request-id ID       request_id of the batch (default derived from its content)
  --protos DIR          the repository's protos/ folder
  --wait-seconds N      how long to wait for the summary to include the batch (default 30)
  --token JWT           bearer token of the county pushing (default $IX_TOKEN)
  --summary-token JWT   bearer token for reading the summary (default $IX_SUMMARY_TOKEN, else --token)`;

function parseArguments(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        address: { type: 'string', default: '127.0.0.1:5100' },
        figures: { type: 'string', default: DEFAULT_FIGURES },
        org: { type: 'string' },
        period: { type: 'string', default: '2022' },
        'summary-org': { type: 'string', default: '654000' },
        indicator: { type: 'string', multiple: true, default: [] },
        'request-id': { type: 'string' },
        protos: { type: 'string', default: DEFAULT_PROTOS },
        'wait-seconds': { type: 'string', default: '30' },
        token: { type: 'string', default: process.env.IX_TOKEN },
        'summary-token': { type: 'string', default: process.env.IX_SUMMARY_TOKEN },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new InputError(`${error.message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.org) {
    throw new InputError(`--org is required\n${USAGE}`);
  }
  const waitSeconds = Number(values['wait-seconds']);
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0) {
    throw new InputError(`--wait-seconds must be a number of seconds, not '${values['wait-seconds']}'`);
  }
  return {
    address: values.address.replace(/^(http:\/\/|dns:\/\/\/)/, '').replace(/\/$/, ''),
    figures: path.resolve(values.figures),
    org: values.org,
    period: values.period,
    summaryOrg: values['summary-org'],
    indicators: values.indicator,
    requestId: values['request-id'],
    protos: path.resolve(values.protos),
    waitSeconds,
    token: values.token,
    summaryToken: values['summary-token'],
  };
}

/** Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into arrays of fields. */
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => r.length > 1 || r[0] !== '');
}

/** The CSV rows of one org unit and period, as objects keyed by column name. */
function readRows(file, org, period) {
  if (!fs.existsSync(file)) {
    throw new InputError(`figures file not found: ${file}`);
  }
  const [header = [], ...records] = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  const missing = ['org_code', 'indicator_name_zh', 'period', 'value', 'unit'].filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new InputError(`${file}: missing column(s) ${missing.join(', ')}`);
  }
  const rows = records
    .map((record) => Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])))
    .filter((row) => row.org_code.trim() === org && row.period.trim() === period);
  if (rows.length === 0) {
    throw new InputError(`${file}: no rows for org unit ${org} and period ${period}`);
  }
  return rows;
}

/** Loads every .proto under protosDir, plus the google.rpc error details, with proto-loader. */
function loadProtos(protosDir) {
  if (!fs.existsSync(protosDir)) {
    throw new InputError(`protos folder not found: ${protosDir}`);
  }
  const files = fs.readdirSync(protosDir, { recursive: true })
    .filter((f) => f.endsWith('.proto'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
  const definition = protoLoader.loadSync([...files, 'google_rpc_status.proto'], {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
    includeDirs: [protosDir, RPC_STATUS_PROTOS],
  });
  return { definition, api: grpc.loadPackageDefinition(definition) };
}

/** Calls a unary method with a deadline, as a promise; a failure remembers the method's name. */
const tokens = { default: undefined, summary: undefined };

function call(client, method, request) {
  const metadata = new grpc.Metadata();
  const token = method === 'GetSummary' ? tokens.summary || tokens.default : tokens.default;
  if (token) metadata.add('authorization', `Bearer ${token}`);
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline: new Date(Date.now() + CALL_TIMEOUT_MS) }, (error, response) => {
      if (error) {
        error.ixMethod = method;
        reject(error);
      } else {
        resolve(response);
      }
    });
  });
}

/** Chinese indicator name (and code) → code, over every page of ListIndicators. */
async function catalogCodes(indicators) {
  const codes = new Map();
  let token = '';
  do {
    const page = await call(indicators, 'ListIndicators', { page_size: 1000, page_token: token });
    for (const indicator of page.indicators) {
      codes.set(indicator.name_zh, indicator.code);
      if (!codes.has(indicator.code)) codes.set(indicator.code, indicator.code);
    }
    token = page.next_page_token;
  } while (token);
  return codes;
}

function buildRequest(args, rows, codes) {
  const unknown = [...new Set(rows.map((r) => r.indicator_name_zh.trim()).filter((name) => !codes.has(name)))].sort();
  if (unknown.length > 0) {
    throw new InputError(`indicator name(s) not in the catalog: ${unknown.join(', ')}`);
  }
  const fingerprint = [];
  const figures = rows.map((row) => {
    const statusText = (row.status ?? '').trim().toLowerCase();
    if (!(statusText in STATUSES)) {
      throw new InputError(`unknown status '${row.status}' (expected one of ${Object.keys(STATUSES).filter((s) => s).join(', ')})`);
    }
    const code = codes.get(row.indicator_name_zh.trim());
    const value = row.value.trim();
    const unit = row.unit.trim();
    const growth = (row.yoy_growth_pct ?? '').trim();
    const note = (row.remark ?? '').trim();
    fingerprint.push([code, value, unit, growth, STATUSES[statusText], note].join('|'));
    return {
      indicator: code,
      quantity: { value: { value }, unit },
      yoy_growth_pct: growth ? { value: growth } : null,
      status: STATUSES[statusText],
      note,
    };
  });
  const digest = crypto.createHash('sha256').update(fingerprint.join('\n'), 'utf8').digest('hex').slice(0, 16);
  return {
    request_id: args.requestId || `example-${args.org}-${args.period}-${digest}`,
    org_unit: args.org,
    period: args.period,
    figures,
  };
}

/** GetSummary until the summary includes every revision up to lastSequence (int64 as text). */
async function waitForSummary(aggregation, args, lastSequence) {
  const request = { org_unit: args.summaryOrg, period: args.period, indicators: args.indicators };
  const deadline = Date.now() + args.waitSeconds * 1000;
  for (;;) {
    const { summary } = await call(aggregation, 'GetSummary', request);
    if (BigInt(summary.as_of_sequence) >= BigInt(lastSequence)) {
      return summary;
    }
    if (Date.now() > deadline) {
      throw new Timeout(`the summary of ${args.summaryOrg} ${args.period} reached sequence ${summary.as_of_sequence}, ` +
        `not ${lastSequence}, within ${args.waitSeconds} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function printSummary(summary) {
  console.log(`summary org=${summary.org_unit} period=${summary.period} as_of_sequence=${summary.as_of_sequence} rows=${summary.rows.length}`);
  for (const row of summary.rows) {
    const total = row.total ? row.total.value : '-';
    const growth = row.growth_pct ? row.growth_pct.value : '-';
    const method = row.total_method.replace(/^TOTAL_METHOD_/, '');
    const missing = row.missing_org_units.join(',') || '-';
    console.log(`${row.indicator} total=${total} unit=${row.unit} method=${method} growth_pct=${growth} ` +
      `reported=${row.reported_count}/${row.expected_count} partial=${row.partial} missing=${missing} name=${row.name_zh}`);
  }
}

/** Prints the status code, its message and the google.rpc.Status details of a failed call. */
function reportRpcError(definition, error) {
  const codeName = Object.keys(grpc.status).find((name) => grpc.status[name] === error.code) ?? 'UNKNOWN';
  console.error(`error: ${error.ixMethod ?? 'call'} failed: ${codeName} (${error.code}): ${error.details}`);
  const trailer = error.metadata ? error.metadata.get('grpc-status-details-bin') : [];
  for (const bytes of trailer) {
    const status = definition['google.rpc.Status'].deserialize(bytes);
    for (const detail of status.details) {
      const type = detail.type_url.slice(detail.type_url.lastIndexOf('/') + 1);
      const message = definition[type] ? definition[type].deserialize(detail.value) : null;
      if (type === 'google.rpc.ErrorInfo') {
        console.error(`  error_info reason=${message.reason} domain=${message.domain}`);
      } else if (type === 'google.rpc.BadRequest') {
        for (const v of message.field_violations) {
          console.error(`  field_violation ${v.field} ${v.reason}: ${v.description}`);
        }
      } else if (type === 'indicatorexchange.common.v1.ImportSummary') {
        console.error(`  import_summary rejected=${message.rejected} issues=${message.issues.length}`);
        for (const issue of message.issues) {
          console.error(`  issue index=${issue.index} ${issue.severity.replace(/^ISSUE_SEVERITY_/, '')} ${issue.field} ${issue.reason}: ${issue.message}`);
        }
      } else {
        console.error(`  detail ${detail.type_url}`);
      }
    }
  }
}

async function main(argv) {
  let args;
  let rows;
  let protos;
  try {
    args = parseArguments(argv);
    rows = readRows(args.figures, args.org, args.period);
    protos = loadProtos(args.protos);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    console.error(`error: ${error.message}`);
    return 2;
  }
  tokens.default = args.token;
  tokens.summary = args.summaryToken;
  const credentials = grpc.credentials.createInsecure();
  const indicators = new protos.api.indicatorexchange.indicator.v1.IndicatorService(args.address, credentials);
  const aggregation = new protos.api.indicatorexchange.aggregation.v1.AggregationService(args.address, credentials);
  try {
    const codes = await catalogCodes(indicators);
    const request = buildRequest(args, rows, codes);
    const response = await call(indicators, 'SubmitFigures', request);
    const s = response.summary;
    console.log(`submitted org=${request.org_unit} period=${request.period} figures=${request.figures.length} ` +
      `created=${s.created} updated=${s.updated} unchanged=${s.unchanged} warnings=${s.issues.length} ` +
      `last_sequence=${response.last_sequence} request_id=${request.request_id}`);
    for (const issue of s.issues) {
      console.log(`  warning ${issue.field} ${issue.reason}: ${issue.message}`);
    }
    printSummary(await waitForSummary(aggregation, args, response.last_sequence));
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    if (error instanceof Timeout) {
      console.error(`error: ${error.message}`);
      return 3;
    }
    if (typeof error.code === 'number' && 'details' in error) {
      reportRpcError(protos.definition, error);
      return 1;
    }
    throw error;
  } finally {
    indicators.close();
    aggregation.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`error: ${error.stack ?? error}`);
    process.exitCode = 1;
  },
);
