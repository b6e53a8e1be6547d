#!/usr/bin/env python3
"""Wrap a report's text in a web page the way government portals publish it:
a header with the site's logo and a navigation menu, breadcrumbs, a sidebar
of links, the article (headline, date line, share buttons, the report's
paragraphs as <p> with inline tags, entities and one paragraph in <br>
lines), related articles, a footer with the ICP number and a visit counter,
scripts, styles, a hidden block and a comment. Everything outside the
article holds figures (访问量12345678人次, 增长99%) that must not become
indicators.

    make_html.py TEXT OUT.html [--charset utf-8|gbk] [--flat]

With --charset gbk the page is encoded in GBK and says charset=gb2312 in an
http-equiv <meta>, as many portals do.
"""
import argparse
import html

NAV = ["首页", "要闻动态", "政务公开", "政府信息公开", "政务服务", "互动交流", "数据发布", "专题专栏"]
SIDEBAR = ["全省经济运行情况：一季度增长18.6%", "2020年全省GDP突破11万亿元", "今年新增就业110万人"]
RELATED = ["2022年省政府工作报告", "图解：报告中的20个关键数字", "全省经济增长8.1%"]


def page(paragraphs, title, charset, flat=False):
    meta = ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            if charset == "gbk" else '<meta charset="utf-8">')
    nav = "".join(f'<li class="nav-item"><a href="/{i}.html">{w}</a></li>'
                  for i, w in enumerate(NAV))
    side = "".join(f'<li><a href="/s{i}.html">{w}</a></li>' for i, w in enumerate(SIDEBAR))
    rel = "".join(f'<li><a href="/r{i}.html">{w}</a><span>2021-0{i + 1}-15</span></li>'
                  for i, w in enumerate(RELATED))
    body = []
    for i, p in enumerate(paragraphs):
        text = html.escape(p, quote=False)
        if i % 7 == 3 and "，" not in p and "," in p:
            # a paragraph set as lines inside one <div>: <br> breaks, no <p>
            head, _, tail = text.partition(",")
            body.append(f"<div>{head},<br>\n{tail}</div>")
        elif len(p) < 40 and not p.endswith(("。", "：", ":")):
            body.append(f'<p style="text-align:center"><strong>{text}</strong></p>')
        else:
            # inline markup and an entity in the middle of the text
            k = len(text) // 3
            while k < len(text) and (text[k] in "0123456789.%" or text[k - 1] in "0123456789."):
                k += 1
            body.append(f'<p style="text-indent:2em;">&nbsp;&nbsp;{text[:k]}<span class="s1">'
                        f"{text[k:]}</span></p>")
    article = "\n".join(body)
    if flat:
        # an old portal: the paragraphs straight in <body> among the furniture,
        # which only its class and id words tell apart
        return f"""<html><head>{meta}<title>{html.escape(title)}</title>
<script>var visits = "访问量12345678人次，增长3.5%";</script></head><body>
<div id="topnav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | 访问量12345678人次</div>
<div class="weizhi">您现在的位置：首页 &gt; 政务公开 &gt; 政府工作报告</div>
<table class="sidebar"><tr><td>热点专题：今年新增就业110万人，全省经济增长8.1%</td></tr></table>
<h1>{html.escape(title)}</h1>
<div class="bdsharebuttonbox">分享到：微信 微博，已有1024人分享</div>
{article}
<div class="related">相关文章：图解报告中的20个关键数字，全省经济增长8.1%</div>
<div id="footer">版权所有 粤ICP备05070829号，您是第12345678位访问者，比上年增长20%</div>
</body></html>
"""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{meta}
<title>{html.escape(title)}_广东省人民政府门户网站</title>
<link rel="stylesheet" href="/css/main.css">
<style>.nav li {{ float: left; }} .content p {{ line-height: 2; }} /* 增长5% */</style>
<script type="text/javascript">var _hmt = _hmt || []; var visits = "访问量12345678人次，增长3.5%";
document.write("<div>全省地区生产总值增长6%以上</div>");</script>
</head>
<body>
<!-- 页面头部：本页浏览量999万人次 -->
<div class="header"><div class="logo"><a href="/"><img src="/logo.png" alt="广东省人民政府门户网站"></a></div>
<div class="top-search"><form action="/search"><input name="q" placeholder="请输入关键词"><button>搜索</button></form></div>
<ul class="nav">{nav}</ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府工作报告</div>
<div class="main clearfix">
<div class="sidebar"><h3>热点专题</h3><ul>{side}</ul><p>本站今日访问量：12345人次，累计访问量：12345678人次</p></div>
<div class="article">
<h1 class="article-title">{html.escape(title)}</h1>
<div class="info">发布时间：2021-02-01 09:30 来源：广东省人民政府办公厅 浏览次数：3892次 字号：<a>大</a> <a>中</a> <a>小</a></div>
<div class="bdsharebuttonbox"><a class="bds_weixin">分享到微信</a><a class="bds_tsina">分享到微博</a> 已有1024人分享</div>
<div id="zoom" class="TRS_Editor content">
{article}
</div>
<div style="display:none">隐藏内容：地区生产总值增长99%</div>
<div class="print-close"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="related"><h3>相关文章</h3><ul>{rel}</ul></div>
</div>
</div>
<div class="footer"><p>主办：广东省人民政府办公厅 版权所有 粤ICP备05070829号 网站标识码4400000114</p>
<p>粤公网安备 44010402001234号 联系电话：020-83135078 本网站支持IPv6访问</p>
<p>您是第12345678位访问者，网站访问量比上年增长20%</p></div>
<script src="/js/jquery.min.js"></script>
<script>$(function(){{ console.log("已加载100%"); }});</script>
</body>
</html>
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("text")
    ap.add_argument("out")
    ap.add_argument("--charset", choices=["utf-8", "gbk"], default="utf-8")
    ap.add_argument("--flat", action="store_true",
                    help="no article element: paragraphs straight in <body>")
    args = ap.parse_args()
    with open(args.text, encoding="utf-8") as f:
        lines = [l.strip() for l in f.read().splitlines()]
    paragraphs = [l for l in lines if l]
    title, paragraphs = paragraphs[0], paragraphs[1:]
    data = page(paragraphs, title, args.charset, args.flat)
    with open(args.out, "wb") as f:
        f.write(data.encode("gbk" if args.charset == "gbk" else "utf-8"))


if __name__ == "__main__":
    main()
