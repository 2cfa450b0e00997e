#!/usr/bin/env python3
"""real.py -- every file of ../shared/real gives what its expect.json
entry requires (issue 8, Done when): each `must` finding ([rule, section],
a list of rules meaning "one of"), no error outside `must` +
`allowed_errors`, and the format of labels.json (a file not in the 2021
format is recognised: report.format, and not read as 2021).

One gap is known and said, not hidden:
  23  sums.blank_cell on 结转下年度 needs its shredded T3 read by row order
      (labels detached from their numbers); the table is declared
      unreadable instead, and the gap is printed.
Everything else is asserted.  Skips (77) where ../shared/real is absent.

usage: real.py SRCDIR BUILDDIR [SHAREDDIR]
"""
import json
import os
import subprocess
import sys

def main():
    src, bld = sys.argv[1], sys.argv[2]
    shared = sys.argv[3] if len(sys.argv) > 3 else os.environ.get(
        'NB_SHARED') or os.path.join(src, '..', 'shared')
    real = os.path.join(shared, 'real')
    if not os.path.isfile(os.path.join(real, 'expect.json')):
        print('SKIP: %s/expect.json not found (../shared is beside the '
              'clone in CI)' % real)
        return 77
    labels = json.load(open(os.path.join(real, 'labels.json'),
                            encoding='utf-8'))
    expect = json.load(open(os.path.join(real, 'expect.json'),
                            encoding='utf-8'))
    argv = [os.path.join(bld, 'cli', 'nianbao'), 'check', '--json',
            '--rules', os.path.join(src, 'rules', 'national-2021.json'),
            '--plugin-dir', os.path.join(bld, 'plugins', '.libs')]
    passed = failed = 0
    for lab in sorted(labels, key=lambda x: x['file']):
        name, key = lab['file'], lab['file'][:2]
        ex = expect.get(key, {})
        r = subprocess.run(argv + [os.path.join(real, name)],
                           capture_output=True, text=True)
        try:
            rep = json.loads(r.stdout.splitlines()[0])
        except (IndexError, ValueError):
            print('FAIL: %s: no JSON record (exit %d)' % (name, r.returncode))
            failed += 1
            continue
        fs = rep.get('findings', [])
        allowed = set(ex.get('allowed_errors', []))
        bad = []
        for rule, sec in ex.get('must', []):
            rules = rule if isinstance(rule, list) else [rule]
            allowed |= set(rules)
            if any(f.get('rule') in rules and (sec is None or
                   f.get('section') == sec) for f in fs):
                continue
            bad.append('must %s %s missing' % (rule, sec))
        fmt = str(rep.get('format'))
        if lab['format'] == '2021':
            if fmt != '2021':
                bad.append('format %s, not 2021' % fmt)
        else:
            allowed.add('report.format')
            if fmt == '2021' or not any(f.get('rule') == 'report.format'
                                        for f in fs):
                bad.append('format %s: %s not recognised' % (
                    fmt, lab['format']))
        for f in fs:
            if f.get('severity') == 'error' and f.get('rule') not in allowed:
                bad.append('false error %s line %s: %s' % (
                    f.get('rule'), f.get('line'), f.get('message')))
        if bad:
            failed += 1
            print('FAIL: %s: %s' % (name, '; '.join(bad)))
        else:
            passed += 1
            print('ok: %s' % name)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
