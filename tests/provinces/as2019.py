#!/usr/bin/env python3
# as2019.py SAMPLE ROW -- sample 000 made a 2020 report in the 2019 trial
# format (its T2 in the 2019 columns, （六）其他处理 one row), with ROW
# (a line, may be empty) after the 规范性文件 row of T2 (一).
import sys, re
s = open(sys.argv[1], encoding='utf-8').read()
extra = sys.argv[2]
reps = [
 ("信息内容 本年制发件数 本年废止件数 现行有效件数", "信息内容 本年新制作数量 本年新公开数量 对外公开总数量"),
 ("信息内容 本年处理决定数量\n\n行政许可 1463", "信息内容 上一年项目数量 本年增/减 处理决定数量\n\n行政许可 120 -3 1463\n\n其他对外管理服务事项 15 2 37"),
 ("信息内容 本年处理决定数量\n\n行政处罚 1765\n\n行政强制 2", "信息内容 上一年项目数量 本年增/减 处理决定数量\n\n行政处罚 310 -12 1765\n\n行政强制 8 0 2"),
 ("信息内容 本年收费金额（单位：万元）\n\n行政事业性收费 1382.86", "信息内容 上一年项目数量 本年增/减\n\n行政事业性收费 12 -2\n\n第二十条第（九）项\n\n信息内容 采购项目数量 采购总金额\n\n政府集中采购 39 2895.90"),
 ("行政规范性文件 7 14 24", "行政规范性文件 7 14 24\n\n" + extra),
]
for a, b in reps:
    assert a in s, a
    s = s.replace(a, b)
s = s.replace("2022", "2020").replace("2023", "2021")
i = s.index("（六）其他"); j = s.index("（七）总计")
s = s[:i] + "（六）其他处理 0 0 0 0 0 0 0\n\n" + s[j:]
sys.stdout.write(s)
