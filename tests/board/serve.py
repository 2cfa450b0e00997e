#!/usr/bin/env python3
"""tests/board/serve.py NIANBAO STORE -- `nianbao serve` from outside a
browser: refusal to listen on a network without authentication, the
token login, the trusted proxy header, CSRF, the request limits.
Standard library only.  Prints 'N passed, N failed'."""
import http.client
import os
import re
import subprocess
import sys
import tempfile
import time

NB, STORE = sys.argv[1], sys.argv[2]
passed = failed = 0


def ok(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print('FAIL:', what)


def start(*args):
    p = subprocess.Popen([NB, 'serve', '--store', STORE, '--listen',
                          '127.0.0.1:0'] + list(args),
                         stderr=subprocess.PIPE, text=True)
    line = p.stderr.readline()
    m = re.search(r'http://127\.0\.0\.1:(\d+)/', line)
    if not m:
        p.kill()
        raise SystemExit('FAIL: serve did not start: ' + line)
    return p, int(m.group(1))


def req(port, method, path, body=None, headers=None):
    c = http.client.HTTPConnection('127.0.0.1', port, timeout=10)
    c.request(method, path, body, headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, r, data.decode('utf-8', 'replace')


def csrf(r, page):
    cookie = r.getheader('Set-Cookie', '').split(';')[0]
    m = re.search(r'name="csrf" value="([0-9a-f]{64})"', page)
    return cookie, m.group(1) if m else ''


def refusal():
    for addr in ('0.0.0.0:0', '[::]:0', '192.0.2.1:0'):
        p = subprocess.run([NB, 'serve', '--store', STORE, '--listen', addr],
                           capture_output=True, text=True, timeout=10)
        ok(p.returncode == 2 and '--token-file' in p.stderr,
           'refuses %s without authentication (%d)' % (addr, p.returncode))
    with tempfile.NamedTemporaryFile('w', delete=False) as f:
        f.write('short\n')
    p = subprocess.run([NB, 'serve', '--store', STORE, '--token-file',
                        f.name], capture_output=True, text=True, timeout=10)
    ok(p.returncode == 2 and f.name in p.stderr, 'a short token refused')
    os.unlink(f.name)
    p = subprocess.run([NB, 'serve', '--store', STORE, '--listen', 'nope'],
                       capture_output=True, text=True, timeout=10)
    ok(p.returncode == 2, 'a malformed --listen refused')


def token():
    tok = 'T0ken-for-the-board-test-0123456789'
    with tempfile.NamedTemporaryFile('w', delete=False) as f:
        f.write(tok + '\n')
    p, port = start('--token-file', f.name)
    try:
        st, r, _ = req(port, 'GET', '/')
        ok(st == 303 and r.getheader('Location') == '/login',
           'token: anonymous sent to /login (%d)' % st)
        st, _, _ = req(port, 'GET', '/', headers={
            'Authorization': 'Bearer ' + tok})
        ok(st == 200, 'token: bearer accepted')
        st, _, _ = req(port, 'GET', '/', headers={
            'Authorization': 'Bearer ' + tok[:-1] + 'x'})
        ok(st == 303, 'token: a wrong bearer refused')
        st, r, page = req(port, 'GET', '/login')
        cookie, t = csrf(r, page)
        form = 'csrf=%s&token=%s' % (t, tok)
        st, r, _ = req(port, 'POST', '/login', form, {
            'Cookie': cookie,
            'Content-Type': 'application/x-www-form-urlencoded'})
        login = r.getheader('Set-Cookie', '').split(';')[0]
        ok(st == 303 and login.startswith('nb_token='), 'token: login form')
        st, _, _ = req(port, 'GET', '/', headers={'Cookie': login})
        ok(st == 200, 'token: the login cookie is accepted')
        st, _, _ = req(port, 'POST', '/login', 'token=' + tok, {
            'Content-Type': 'application/x-www-form-urlencoded'})
        ok(st == 403, 'token: a login without CSRF token refused')
    finally:
        p.terminate()
        p.wait()
        os.unlink(f.name)


def proxy():
    p, port = start('--proxy-header', 'X-Remote-User')
    try:
        st, _, _ = req(port, 'GET', '/')
        ok(st == 403, 'proxy: a request without the header refused')
        h = {'X-Remote-User': 'wang'}
        st, r, page = req(port, 'GET', '/', headers=h)
        ok(st == 200, 'proxy: the header accepted')
        rid = re.search(r'href="/report/(\d+)"', page).group(1)
        st, r, page = req(port, 'GET', '/report/' + rid, headers=h)
        cookie, t = csrf(r, page)
        ok('name="reviewer"' not in page, 'proxy: the reviewer is fixed')
        fids = re.findall(r'name="fid" value="(\d+)"', page)
        h2 = dict(h, Cookie=cookie,
                  **{'Content-Type': 'application/x-www-form-urlencoded'})
        form = 'csrf=%s&rid=%s&fid=%s&state=confirmed&note=ok&reviewer=evil' \
            % (t, rid, fids[0])
        st, _, _ = req(port, 'POST', '/review', form, h2)
        ok(st == 303, 'proxy: review stored (%d)' % st)
        st, _, page = req(port, 'GET', '/report/' + rid, headers=h)
        ok('wang' in page and 'evil' not in page,
           'proxy: the review is the proxy user\'s')
        bad = form.replace('csrf=' + t, 'csrf=' + '0' * 64)
        st, _, _ = req(port, 'POST', '/review', bad, h2)
        ok(st == 403, 'csrf: a wrong token refused')
        st, _, _ = req(port, 'POST', '/review', form, dict(
            h2, Origin='http://evil.example'))
        ok(st == 403, 'csrf: a foreign Origin refused')
        other = form.replace('rid=' + rid, 'rid=999')
        st, _, _ = req(port, 'POST', '/review', other, h2)
        ok(st == 404, 'review: a finding of another report refused')
        st, _, _ = req(port, 'POST', '/review', form.replace(
            'confirmed', 'deleted'), h2)
        ok(st == 400, 'review: an unknown verdict refused')
        st, _, _ = req(port, 'POST', '/review', form + 'x' * 20000, h2)
        ok(st == 413, 'limits: a large body refused (%d)' % st)
        st, _, _ = req(port, 'GET', '/', headers=dict(h, X='y' * 10000))
        ok(st in (400, 413, 431), 'limits: large headers refused (%d)' % st)
        st, _, _ = req(port, 'PUT', '/', 'x', h)
        ok(st in (405, 501), 'limits: other methods refused (%d)' % st)
    finally:
        p.terminate()
        p.wait()


def rate():
    p, port = start('--rate', '2')
    try:
        codes = [req(port, 'GET', '/static/board.css')[0] for _ in range(20)]
        ok(codes[0] == 200 and 429 in codes, 'rate: 429 after the burst')
        time.sleep(1.1)
        ok(req(port, 'GET', '/static/board.css')[0] == 200,
           'rate: tokens come back')
    finally:
        p.terminate()
        p.wait()


refusal()
token()
proxy()
rate()
print('%d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
