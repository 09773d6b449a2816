#!/usr/bin/env node
// Writes node-semver's verdicts on (version, range) pairs: the fixture that
// analyzer/tests/npm_semver.rs checks plugdep's npm semantics against.
//
//   node generate.mjs SEMVER_DIR                       regenerate verdicts.json (seeded pairs)
//   node generate.mjs SEMVER_DIR --out FILE            ... into FILE instead
//   node generate.mjs SEMVER_DIR --seed N --count N    other seeded pairs (larger fuzz runs)
//   node generate.mjs SEMVER_DIR --pairs FILE --out FILE
//                                                      verdicts on the pairs of FILE (an array of
//                                                      [version, range], or a fixture)
//
// SEMVER_DIR is an installed `semver` package folder (see setup.sh). Default options only:
// not loose; includePrerelease only for the last column.
//
// Output: one JSON object, one row per line:
//   [version, range, valid_version, valid_range, satisfies, satisfies_pre]  (flags as 1/0)
// valid_version = semver.valid(v) !== null, valid_range = semver.validRange(r) !== null,
// satisfies = semver.satisfies(v, r), satisfies_pre = semver.satisfies(v, r, {includePrerelease: true}).
//
// The pair generator below is deterministic (its own PRNG, code-point-safe mutations), so
// the committed fixture is exactly what the default command prints.

import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const DEFAULT_SEED = 20240607
const DEFAULT_COUNT = 5000

function usage (message) {
  console.error(`generate.mjs: ${message}`)
  console.error('usage: node generate.mjs SEMVER_DIR [--pairs FILE] [--out FILE] [--seed N] [--count N]')
  process.exit(2)
}

const args = process.argv.slice(2)
if (args.length === 0 || args[0].startsWith('--')) usage('missing SEMVER_DIR')
const semverDir = resolve(args[0])
const options = {}
for (let i = 1; i < args.length; i += 2) {
  const key = args[i]
  if (!['--pairs', '--out', '--seed', '--count'].includes(key) || i + 1 >= args.length) {
    usage(`bad argument ${key}`)
  }
  options[key.slice(2)] = args[i + 1]
}

const require = createRequire(import.meta.url)
const semver = require(semverDir)
const semverVersion = JSON.parse(readFileSync(join(semverDir, 'package.json'), 'utf8')).version
if (!/^7\./.test(semverVersion)) usage(`${semverDir} holds semver ${semverVersion}, not 7.x`)

// ---------------------------------------------------------------------------------------
// Seeded pair generation
// ---------------------------------------------------------------------------------------

function mulberry32 (seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function generatePairs (seed, count) {
  const random = mulberry32(seed)
  const int = (n) => Math.floor(random() * n)
  const chance = (p) => random() < p
  const pick = (list) => list[int(list.length)]
  const repeat = (n, f, sep) => Array.from({ length: n }, f).join(sep)

  const BIG = ['9007199254740991', '9007199254740992', '9007199254740993', '9007199254740990',
    '99999999999999999999', '1' + '0'.repeat(21), '1'.repeat(257), '1'.repeat(258)]
  const number = () => {
    const r = random()
    if (r < 0.6) return String(int(4))
    if (r < 0.9) return String(int(25))
    if (r < 0.97) return pick(['01', '00', '007', '10', '100', '65535', '10', '100', '65535'])
    return pick(BIG)
  }
  const component = () => (chance(0.18) ? pick(['x', 'X', '*']) : number())
  const prereleaseIdentifier = () => chance(0.6) ? pick(['alpha', 'beta', 'rc', '0', '1', '2']) : pick([
    'alpha', 'beta', 'rc', 'pre', '0', '1', '2', '10', '01', '0a', '-', '--', 'a-b', 'x', 'v',
    'dev', 'DEV', 'Beta', '1a', '9007199254740990', '9007199254740991', '9007199254740992',
    '9007199254740993', '', 'a'.repeat(251), '1'.repeat(256) + 'a', String(int(12))])
  const prerelease = () => repeat(1 + int(chance(0.8) ? 2 : 4), prereleaseIdentifier, '.')
  const buildMetadata = () => pick(['build', '001', 'sha.5', 'a.b', '', 'a..b', 'x-y', 'b'.repeat(251), String(int(9))])
  const space = () => pick(['', '', '', ' ', ' ', '  ', '\t', '\u00a0', '\u3000', '\ufeff', '\u2028', '\u0085', '\u180e', '\n'])
  const versionPrefix = () => chance(0.8) ? '' : pick(['v', 'v', '=', 'v=', '=v', ' ', 'V', 'vv', '==', 'v ', '= '])

  const fullVersion = () => {
    let v = `${number()}.${number()}.${number()}`
    if (chance(0.3)) v += `-${prerelease()}`
    if (chance(0.1)) v += `+${buildMetadata()}`
    return v
  }
  const partialVersion = () => {
    const n = pick([1, 2, 3, 3, 3])
    let v = repeat(n, component, '.')
    if (n === 3 && chance(0.2)) v += `-${prerelease()}`
    if (n === 3 && chance(0.08)) v += `+${buildMetadata()}`
    if (n < 3 && chance(0.04)) v += pick(['-beta', '+build', '.', '..'])
    return v
  }
  const operator = () => chance(0.93)
    ? pick(['', '', '', '=', '<', '<=', '>', '>=', '>=', '<', '~', '~>', '^', '^', '~'])
    : pick(['==', '=>', '=<', '!=', '>>', '~=', '^~', '~^', '<>', '>=~', '~>=', '^>'])
  const comparator = () => {
    const version = chance(0.5) ? fullVersion() : partialVersion()
    return operator() + (chance(0.8) ? '' : pick([' ', ' ', '  ', '\t'])) + versionPrefix() + version
  }
  const hyphen = () => {
    const end = () => versionPrefix() + (chance(0.5) ? fullVersion() : partialVersion())
    const separator = chance(0.85) ? ' - ' : pick(['-', ' -', '- ', '  -  ', ' -- ', ' – ', '\t-\t'])
    return end() + separator + end()
  }
  // Comparators around one base version, so that a nearby version often satisfies them all.
  const coherent = () => {
    const [M, m, p] = [int(4), int(4), int(4)]
    const pre = chance(0.2) ? `-${pick(['alpha', 'beta.1', '0', 'rc.2'])}` : ''
    const forms = [
      `${M}.${m}.${p}${pre}`, `=${M}.${m}.${p}${pre}`, `v${M}.${m}.${p}${pre}`, `${M}.${m}`, `${M}`,
      `${M}.x`, `${M}.${m}.x`, `^${M}.${m}.${p}${pre}`, `^${M}.${m}`, `^${M}`, `^0.${m}.${p}${pre}`,
      `^0.0.${p}${pre}`, `^0.0`, `^0.x`, `~${M}.${m}.${p}${pre}`, `~${M}.${m}`, `~>${M}.${m}.${p}${pre}`,
      `~> ${M}.${m}`, `>=${M}.${m}.${p}${pre}`, `>${M}.${m}.${p}${pre}`, `<${M + 1}.0.0${pre}`,
      `<=${M}.${m + 1}.${p}${pre}`, `>= ${M}.${m}`, `<${M + 1}`, `>${M}.${m}`, `<=${M}.${m}`,
      `${M}.${m}.${p}${pre} - ${M + 1}.${m}.${p}`, `${M}.${m} - ${M + 1}`, `${M} - ${M}.${m + 1}${pre ? '.0' + pre : ''}`,
    ]
    return repeat(1 + (chance(0.6) ? 0 : 1), () => pick(forms), ' ')
  }
  const set = () => {
    const r = random()
    if (r < 0.15) return hyphen()
    if (r < 0.6) return coherent()
    const n = 1 + (chance(0.5) ? 0 : int(3))
    const joiner = chance(0.08) ? pick([', ', ',', ' ,', ' && ', '  ']) : ' '
    return repeat(n, comparator, joiner)
  }
  // Short strings over the range alphabet: they reach the corners of node-semver's
  // rewriting steps that no grammar-shaped input does.
  const SOUP = ['0', '1', '2', '9', '.', '.', 'x', '*', '-', '+', 'a', ' ', ' ', 'v', '=', '<', '>', '~', '^', '|']
  const soup = () => repeat(1 + int(12), () => pick(SOUP), '')
  const range = () => {
    if (chance(0.1)) return soup()
    const n = chance(0.7) ? 1 : 2 + int(2)
    const joiner = chance(0.9) ? pick([' || ', ' || ', '||', ' ||', '|| ']) : pick([' | ', '|||', ' or ', '||||'])
    return repeat(n, set, joiner)
  }

  const ALPHABET = [' ', ' ', '\t', '\u00a0', '\u3000', '\ufeff', '\u0085', '+', '-', '.', '*', 'x',
    'v', '=', '<', '>', '~', '^', '|', ',', '0', '1', '9', 'a', 'é', '😀']
  const mutate = (text) => {
    const chars = Array.from(text) // code points: never splits a surrogate pair
    const edits = 1 + int(3)
    for (let e = 0; e < edits; e++) {
      const at = int(chars.length + 1)
      const r = random()
      if (r < 0.45) chars.splice(at, 0, pick(ALPHABET))
      else if (r < 0.8) chars.splice(at, 1)
      else chars.splice(at, 0, ...chars.slice(at, at + 1 + int(4)))
    }
    return chars.join('')
  }
  const pad = (text, length) => {
    const extra = Math.max(0, length - text.length)
    const before = int(extra + 1)
    return ' '.repeat(before) + text + ' '.repeat(extra - before)
  }

  // Versions chosen near the numbers a range mentions, so satisfies() is often true.
  const nearVersions = (text) => {
    const triples = []
    for (const m of text.matchAll(/(\d{1,17})(?:\.(\d{1,17}|[xX*]))?(?:\.(\d{1,17}|[xX*]))?/g)) {
      triples.push([m[1], m[2], m[3]].map((c) => (c === undefined || /[xX*]/.test(c) ? '0' : c)))
    }
    if (triples.length === 0) triples.push(['1', '2', '3'])
    const [M, m, p] = pick(triples).map((c) => BigInt(c))
    const triple = [M, m, p]
    if (chance(0.6)) triple[int(3)] += pick([-1n, 1n, 1n, 2n])
    let v = triple.map((n) => (n < 0n ? 0n : n)).join('.')
    if (chance(0.35)) v += '-' + pick(['0', 'alpha', 'beta.1', 'rc.10', 'pre', '1', 'beta', 'a.b.c'])
    if (chance(0.05)) v += '+' + pick(['build', '1'])
    return v
  }
  const version = (rangeText) => {
    const r = random()
    if (r < 0.72) return nearVersions(rangeText)
    if (r < 0.82) return versionPrefix() + fullVersion()
    if (r < 0.9) return space() + fullVersion() + space()
    if (r < 0.96) return mutate(fullVersion())
    return pick(['', ' ', '1.2', '1', 'x', '*', 'latest', '01.2.3', '1.2.3.4', '1.2.3-', '1.2.3+',
      pad('1.2.3', 256), pad('1.2.3', 257), pad('1.2.3-beta', 256), '1.2.3-' + 'a'.repeat(250),
      '1.2.3-' + 'a'.repeat(251), '0.0.0-0', '9007199254740991.0.0', '9007199254740992.0.0'])
  }

  const pairs = []
  const seen = new Set()
  const add = (v, r) => {
    const key = JSON.stringify([v, r])
    if (!seen.has(key)) {
      seen.add(key)
      pairs.push([v, r])
    }
  }

  // Hand-picked traps first, each with versions on both sides of its bounds.
  const TRAP_VERSIONS = ['0.0.0', '0.0.1', '0.1.0', '0.2.3', '0.2.9', '0.3.0', '1.0.0', '1.0.0-0', '1.2.2',
    '1.2.3', '1.2.3-beta', '1.2.4', '1.2.4-rc.1', '1.3.0', '1.5.0-beta.1', '2.0.0', '2.0.0-0', '2.3.4',
    '2.3.5', '2.4.0-alpha', '3.0.0', '1.0.0-9007199254740993', '9007199254740991.0.0']
  const TRAP_RANGES = [
    '', ' ', '*', 'x', 'X', 'x.x', '*.*.*', '||', ' || ', '1.2.3 ||', '|| 1.2.3', '1.2.3', '=1.2.3',
    'v1.2.3', '=v1.2.3', 'v=1.2.3', ' = 1.2.3', '==1.2.3', '1.2', '1', '1.x', '1.2.x', '1.x.x',
    '1.x.2', 'x.1', '1.*', '1.2.*', '~1.2.3', '~1.2', '~1', '~>1.2.3', '~> 1.2.3', '~ 1.2.3', '~>  1.2.3',
    '~0.0.1', '~1.2.3-beta', '^1.2.3', '^0.2.3', '^0.0.3', '^0.0.x', '^0.x', '^0', '^0.0', '^1.2.x',
    '^1.x.5', '^ 1.2.3', '^1.2.3-beta', '^0.0.3-beta', '^*', '~*', '^x.1', '>1.2', '>=1.2', '<1.2',
    '<=1.2', '>1', '<=1', '>*', '<*', '>=*', '<=*', '>x', '=*', '> 1.2.3', '>= 1.2.3 < 2', '>=1.0.0 <2.0.0',
    '>=1.0.0, <2.0.0', '>=1.0.0,<2.0.0', '>=1.0.0 , <2.0.0', '1.2.3 - 2.3.4', '1.2 - 2.3', '1 - 2',
    '1.2.3 - 2', '1.2.3 - 2.3', '* - 2', '1 - *', '1.2.3-beta - 2.3.4-rc', '1 - v1.2.3', '1 - =1.2.3',
    '=1.2.3 - 2', 'v1 - v2', '1.2.3 -2.3.4', '1.2.3- 2.3.4', '1.2.3 - 2.3.4 - 3', '1 - 2 || 4 - 5',
    '1.2.3+build', '1.2.3+build - 2+meta', '^1.2.3+build', 'a+b 1.2.3', '1.2.3*', '*1.2.3', '>=*1.2.3',
    '1.2.3**', '01.2.3', '1.02.3', '^01.2.3', '1.2.3-01', '1.2.3-0a', '>=0.0.0', '>=0.0.0-0', '<0.0.0-0',
    '<0.0.0', '* || 1.2.3-beta', '1.2.3-beta || *', '1.2.3 || 1.2.3-beta', '<0.0.0-0 || 1.2.3',
    '>=9007199254740991.0.0', '>=9007199254740992.0.0', '^9007199254740991.0.0', '~9007199254740991.0.0',
    '~9007199254740990.9007199254740991.0', '<=9007199254740991', '>9007199254740991.x',
    '^1.x.99999999999999999999', '1.2.x-beta', '~1.2.x-beta', '=1.0.0-9007199254740992',
    '1.0.0 - 1.2.9007199254740991', '\t1.2.3\n', '\u00a01.2.3\u3000', '\ufeff^1.2.3', '\u00851.2.3',
    '1.2.3\u180e', '>\u00a01.2.3', 'latest', 'next', 'not a range', 'file:../x', 'git+https://x/y',
    '1.2.3 || garbage', 'garbage || 1.2.3', '>=1.2.3 garbage', 'v', '=', '>', '<=', '~', '^', '-',
    '1.2.3.4', '1.2.3-', '1.2.3+', '1.2.', '1..2', '.1.2', 'x.x.x-beta', 'vv1.2.3', 'V1.2.3', '1.2.3 v',
    '>v1.2.3', '>=v=1.2.3', '~v1.2.3', '^v1.2', '~>v1', '<=v 1.2.3', '1.2.3-dev - 1.2.4-v', '||||',
    '1.2.3 |||| 2.0.0', '>1.2.3 <1.2.3', '1.2.3 1.2.4', '>=1.2.3 >=1.2.3', '^1.2.3 ~1.2.3',
    pad('1.2.3', 300), '^1.2.3-' + 'a'.repeat(251), '^1.2.x-' + 'a'.repeat(251), '1.2.x-' + 'a'.repeat(300),
    '~1.2.x-' + 'a'.repeat(260) + '.b', '1.x.' + '9'.repeat(257), '1.x.' + '9'.repeat(258),
    '>=1.2.3-' + '1'.repeat(256) + 'a', '1.2.3 ' + '|| 1.2.3 '.repeat(40)]
  for (const r of TRAP_RANGES) {
    for (let k = 0; k < 3; k++) add(pick(TRAP_VERSIONS), r)
    add(nearVersions(r), r)
  }

  while (pairs.length < count) {
    let r = range()
    const roll = random()
    if (roll < 0.15) r = mutate(r)
    else if (roll < 0.3) r = space() + r + space()
    else if (roll < 0.32) r = pad(r, 250 + int(20))
    add(version(r), r)
  }
  return pairs.slice(0, count)
}

// ---------------------------------------------------------------------------------------
// Verdicts
// ---------------------------------------------------------------------------------------

function verdict ([version, range]) {
  const flag = (b) => (b ? 1 : 0)
  return [
    version,
    range,
    flag(semver.valid(version) !== null),
    flag(semver.validRange(range) !== null),
    flag(semver.satisfies(version, range)),
    flag(semver.satisfies(version, range, { includePrerelease: true })),
  ]
}

let pairs
const header = { semver: semverVersion }
if (options.pairs !== undefined) {
  if (options.seed !== undefined || options.count !== undefined) usage('--pairs excludes --seed and --count')
  const input = JSON.parse(readFileSync(options.pairs, 'utf8'))
  pairs = (Array.isArray(input) ? input : input.rows).map(([v, r]) => [v, r])
} else {
  const seed = options.seed === undefined ? DEFAULT_SEED : Number(options.seed)
  const count = options.count === undefined ? DEFAULT_COUNT : Number(options.count)
  if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(count) || count < 0) usage('bad --seed or --count')
  header.seed = seed
  header.count = count
  pairs = generatePairs(seed, count)
}
for (const [v, r] of pairs) {
  if (typeof v !== 'string' || typeof r !== 'string') usage('every pair must be two strings')
}

const out = options.out ?? join(dirname(fileURLToPath(import.meta.url)), 'verdicts.json')
const columns = ['version', 'range', 'valid_version', 'valid_range', 'satisfies', 'satisfies_pre']
const lines = pairs.map((pair) => JSON.stringify(verdict(pair)))
const body = [
  '{',
  ...Object.entries(header).map(([k, v]) => `"${k}": ${JSON.stringify(v)},`),
  `"columns": ${JSON.stringify(columns)},`,
  '"rows": [',
  lines.join(',\n'),
  ']',
  '}',
  '',
].join('\n')
writeFileSync(out, body)
console.error(`generate.mjs: ${pairs.length} pairs, semver ${semverVersion} -> ${out}`)
