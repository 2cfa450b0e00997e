#!/usr/bin/env python3
"""tests/board/browser.py URL FIXTURES SHOTS -- the board in a real
headless Chromium (Debian's chromium, driven by chromedriver through
Selenium): the campaign's statuses, the culprit cell, a finding's cells,
a dismissal and the counts it changes, a re-submitted report's changes,
the 整改通知 in print media, and a hostile report harmless in every page.
Screenshots go to SHOTS; each is named in the log.  Prints
'N passed, N failed' and exits 1 on any failure."""
import os
import sys
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

URL, FIX, SHOTS = sys.argv[1].rstrip('/'), sys.argv[2], sys.argv[3]
passed = failed = 0


def ok(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print('FAIL:', what)


def read(name):
    with open(os.path.join(FIX, name), encoding='utf-8') as f:
        return f.read()


def shot(d, name):
    path = os.path.join(SHOTS, name + '.png')
    d.save_screenshot(path)
    print('screenshot: %s (%d bytes)' % (path, os.path.getsize(path)))


def no_alert(d, where):
    try:
        d.switch_to.alert.dismiss()
        ok(False, where + ': a script ran (alert)')
    except NoAlertPresentException:
        ok(True, where)


def harmless(d, where):
    """No element the report could have injected, no control character
    or bidi override shown, no line wider than the window."""
    no_alert(d, where + ': no alert')
    n = d.execute_script(
        "return document.querySelectorAll('script, svg, img, iframe,"
        " object, embed, [onload], [onerror], [onmouseover]').length")
    ok(n == 0, '%s: no injected element (%d)' % (where, n))
    text = d.execute_script('return document.documentElement.textContent')
    bad = [c for c in '\x1b\u202e\x7f' if c in text]
    ok(not bad, '%s: control characters shown escaped %r' % (where, bad))
    over = d.execute_script(
        'return document.documentElement.scrollWidth - window.innerWidth')
    ok(over <= 20, '%s: no line wider than the window (%d px)' % (where,
                                                                 over))


def statuses(d):
    return {r.get_attribute('data-agency'): r.get_attribute('data-status')
            for r in d.find_elements(By.CSS_SELECTOR, 'tr.agency')}


def campaign(d):
    d.get(URL + '/')
    expect = [l.split('\t') for l in read('expect').splitlines()]
    got = statuses(d)
    names = {'missing': '未报送', 'late': '逾期', 'error': '有错误',
             'review': '待复核', 'pass': '已通过'}
    for name, st in expect:
        ok(got.get(name) == st, 'campaign: %s is %s (got %s)' % (
            name, st, got.get(name)))
        if name in got:
            badge = d.find_element(By.CSS_SELECTOR, 'tr.agency[data-agency='
                                   '"%s"] .badge' % name).text
            ok(badge == names[st], 'campaign: %s shows %s (got %s)' % (
                name, names[st], badge))
    hostile = [n for n in got if n.startswith('某某县')]
    ok(len(hostile) == 1, 'campaign: the hostile report is listed')
    harmless(d, 'campaign')
    shot(d, 'campaign')
    # Filters: the 部门 level only, then the errors only.
    d.get(URL + '/?level=部门')
    lv = statuses(d)
    ok(set(lv) == {'原州区政府办公室', '红寺堡区教育局', '缺报局'},
       'campaign: filter by level (got %s)' % sorted(lv))
    d.get(URL + '/?status=error')
    ok(set(statuses(d)) == {'红寺堡区教育局'}, 'campaign: filter by status')
    return got, hostile[0] if hostile else None


def count(d, css):
    return int(d.find_element(By.CSS_SELECTOR, css).text)


def report(d):
    culprit = read('culprit').strip()
    d.get(URL + '/')
    d.find_element(By.CSS_SELECTOR, 'tr.agency[data-agency="红寺堡区教育局"]'
                   ' a[href^="/report/"]').click()
    marked = [e.get_attribute('data-cell')
              for e in d.find_elements(By.CSS_SELECTOR, 'td.culprit')]
    ok(marked == [culprit], 'report: exactly the culprit %s is highlighted'
       ' (got %s)' % (culprit, marked))
    bg = d.find_element(By.CSS_SELECTOR, 'td.culprit').value_of_css_property(
        'background-color')
    ok(bg != d.find_element(By.CSS_SELECTOR, 'td.c:not(.fail)')
       .value_of_css_property('background-color'),
       'report: the culprit is drawn differently')
    fail = d.find_elements(By.CSS_SELECTOR, 'td.fail')
    ok(len(fail) == 7, 'report: the failed row relation has 7 cells (%d)'
       % len(fail))
    shot(d, 'report')
    li = d.find_element(By.CSS_SELECTOR, 'li[data-rule="sums.row_total"]')
    li.find_element(By.CSS_SELECTOR, 'a.show').click()
    sel = {e.get_attribute('data-cell')
           for e in d.find_elements(By.CSS_SELECTOR, 'td.sel')}
    ok(culprit in sel and len(sel) == 7, 'finding: its cells shown (%s)'
       % sorted(sel))
    rows = d.find_elements(By.CSS_SELECTOR, 'li.selected table.cells tr')
    ok(len(rows) == 8, 'finding: its cells listed with their lines')
    where = d.find_element(By.CSS_SELECTOR, 'li.selected .where').text
    ok('行' in where, 'finding: its source line named (%s)' % where)
    shot(d, 'finding')
    return d.current_url.split('?')[0]


def notice(d):
    d.get(URL + '/')
    d.find_element(By.CSS_SELECTOR, 'tr.agency[data-agency="红寺堡区教育局"]'
                   ' a[href^="/notice"]').click()
    items = d.find_elements(By.CSS_SELECTOR, 'ol.problems li')
    ok(len(items) == 1 and 'sums.row_total' in items[0].text,
       'notice: the one error listed')
    d.execute_cdp_cmd('Emulation.setEmulatedMedia', {'media': 'print'})
    nav = d.find_element(By.CSS_SELECTOR, 'nav.top').is_displayed()
    ok(not nav, 'notice: no navigation on paper')
    shot(d, 'notice-print')
    d.execute_cdp_cmd('Emulation.setEmulatedMedia', {'media': ''})


def dismiss(d, report_url, before):
    d.get(report_url)
    n0 = count(d, '#nerrors')
    li = d.find_element(By.CSS_SELECTOR, 'li[data-rule="sums.row_total"]')
    li.find_element(By.NAME, 'reviewer').send_keys('张审核')
    li.find_element(By.NAME, 'note').send_keys('<b>已电话核实</b>')
    li.find_element(By.CSS_SELECTOR, 'button[value="dismissed"]').click()
    ok(count(d, '#nerrors') == n0 - 1, 'dismiss: errors %d -> %d' % (
        n0, count(d, '#nerrors')))
    li = d.find_element(By.CSS_SELECTOR, 'li[data-rule="sums.row_total"]')
    ok('已排除' in li.text and '张审核' in li.text and
       '<b>已电话核实</b>' in li.text, 'dismiss: verdict, reviewer and note'
       ' shown (escaped)')
    ok(not d.find_elements(By.CSS_SELECTOR, 'td.culprit'),
       'dismiss: the dismissed finding marks no culprit')
    shot(d, 'dismissed')
    d.get(URL + '/')
    after = statuses(d)
    ok(before['红寺堡区教育局'] == 'error' and after['红寺堡区教育局'] ==
       'review', 'dismiss: the agency goes from 有错误 to 待复核')
    ok(count(d, '#n-error') == 0, 'dismiss: no agency with errors left')
    e = d.find_element(By.CSS_SELECTOR, 'tr.agency[data-agency="红寺堡区教育局"]'
                       ' td.errors').text
    ok(e == '0', 'dismiss: the agency counts 0 errors (%s)' % e)
    d.get(report_url)   # a reload: still dismissed, counted once
    ok(count(d, '#nerrors') == n0 - 1, 'dismiss: not counted again')


def changes(d):
    cell = read('changed').strip()
    d.get(URL + '/')
    d.find_element(By.CSS_SELECTOR, 'tr.agency[data-agency="原州区政府办公室"]'
                   ' a[href^="/report/"]').click()
    ok('第 2 版' in d.find_element(By.ID, 'version').text,
       'resubmitted: version 2')
    changed = [e.get_attribute('data-cell')
               for e in d.find_elements(By.CSS_SELECTOR, 'td.changed')]
    ok(changed == [cell], 'resubmitted: %s changed (got %s)' % (cell,
                                                                changed))
    ok('与第 1 版相比' in d.find_element(By.ID, 'changes').text,
       'resubmitted: the changes are listed')
    new = [e.text for e in d.find_elements(By.CSS_SELECTOR, 'ul.delta li.new')]
    ok(any('history.duplicate' in t for t in new) and
       count(d, '#nnew') == len(new),
       'resubmitted: the new findings listed (%s)' % new)
    shot(d, 'changes')


def copied(d):
    """A narrative finding shows its sentences: history.copy's copied
    passages are marked in the report's text."""
    d.get(URL + '/')
    d.find_element(By.CSS_SELECTOR, 'tr.agency[data-agency="红寺堡镇人民政府"]'
                   ' a[href^="/report/"]').click()
    ok(not d.find_elements(By.CSS_SELECTOR, 'td.culprit'),
       'copy: a report with warnings only marks no culprit')
    li = d.find_element(By.CSS_SELECTOR, 'li[data-rule="history.copy"]')
    li.find_element(By.CSS_SELECTOR, 'a.show').click()
    marks = d.find_elements(By.CSS_SELECTOR, 'pre.text mark')
    ok(marks and all(m.is_displayed() for m in marks),
       'copy: the copied passages marked and shown (%d)' % len(marks))


def hostile(d, name):
    d.get(URL + '/')
    row = [r for r in d.find_elements(By.CSS_SELECTOR, 'tr.agency')
           if r.get_attribute('data-agency') == name][0]
    ok('"&' in row.text and '\ufffd' in row.text,
       'hostile: the title shows as text, controls replaced')
    link = row.find_element(By.CSS_SELECTOR, 'a[href^="/agency"]')
    notice_url = link.get_attribute('href').replace('/agency?', '/notice?')
    link.click()
    harmless(d, 'hostile agency page')
    d.find_element(By.CSS_SELECTOR, '#reports a[href^="/report/"]').click()
    harmless(d, 'hostile report page')
    shot(d, 'hostile-top')
    text = d.find_element(By.TAG_NAME, 'body').text
    ok('<svg onload=alert(1)>' in text, 'hostile: file name shown as text')
    d.find_element(By.CSS_SELECTOR, 'details summary').click()
    ok('<script>alert(3)</script>' in d.find_element(
        By.CSS_SELECTOR, 'pre.text').text, 'hostile: narrative shown as text')
    harmless(d, 'hostile narrative open')
    shot(d, 'hostile')
    rid = d.current_url.rsplit('/', 1)[1]
    for f in d.find_elements(By.CSS_SELECTOR, 'a.show')[:1]:
        f.click()
        harmless(d, 'hostile finding')
    d.get(notice_url + '&year=2022')
    ok(d.find_elements(By.CSS_SELECTOR, 'article.notice'),
       'hostile: its notice drawn')
    harmless(d, 'hostile notice')
    ok(rid.isdigit(), 'hostile: report page reached')


def http_checks(d):
    """The headers, CSRF and paths, outside the browser."""
    r = urllib.request.urlopen(URL + '/')
    csp = r.headers.get('Content-Security-Policy', '')
    ok("default-src 'none'" in csp and 'script-src' not in csp and
       'unsafe-inline' not in csp, 'http: CSP forbids every script')
    for path, code in (('/review', 403), ('/../../etc/passwd', 404),
                       ('/static/../../etc/passwd', 404),
                       ('/report/1%2f..', 404), ('/' + 'a' * 3000, 414)):
        data = b'rid=1&fid=1&state=dismissed' if path == '/review' else None
        try:
            urllib.request.urlopen(urllib.request.Request(URL + path, data))
            got = 200
        except urllib.error.HTTPError as e:
            got = e.code
        ok(got == code, 'http: %s answers %d (got %d)' % (path, code, got))
    logs = [l for l in d.get_log('browser') if l['level'] == 'SEVERE']
    ok(not logs, 'browser: no error in the console %s' % logs[:3])


def main():
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get('NB_CHROMIUM', '/usr/bin/chromium')
    for a in ('--headless=new', '--no-sandbox', '--disable-gpu',
              '--disable-dev-shm-usage', '--window-size=1280,1600',
              '--lang=zh-CN'):
        opts.add_argument(a)
    opts.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    svc = Service(os.environ.get('NB_CHROMEDRIVER', '/usr/bin/chromedriver'))
    d = webdriver.Chrome(service=svc, options=opts)
    d.set_page_load_timeout(30)
    try:
        before, name = campaign(d)
        url = report(d)
        notice(d)
        dismiss(d, url, before)
        changes(d)
        copied(d)
        if name:
            hostile(d, name)
        http_checks(d)
    finally:
        d.quit()
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
