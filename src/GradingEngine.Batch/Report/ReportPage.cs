using System.Text;
using static GradingEngine.Batch.Report.SvgCharts;

namespace GradingEngine.Batch.Report;

/// <summary>
/// Writes a <see cref="ProvinceReport"/> as one standalone HTML page: inline CSS (with print rules: each section on
/// a new page), inline SVG charts, no script, no external file. Every text from the data is HTML-escaped.
/// </summary>
internal static class ReportPage
{
    private const string Style = """
        body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em auto;max-width:1000px;color:#222;line-height:1.5}
        h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #c62828;padding-bottom:.2em;margin-top:1.6em}h3{margin:1.2em 0 .4em}
        nav ul{columns:2;padding-left:1.2em}.meta{color:#555}
        table{border-collapse:collapse;margin:.6em 0 1.2em}td,th{border:1px solid #bbb;padding:.25em .55em;text-align:right;vertical-align:top}
        th{background:#f3f3f3}td.t,th.t{text-align:left}td.bad{background:#fde8e8}td.ok{color:#2e7d32}
        svg.chart{display:block;max-width:100%;height:auto;margin:.4em 0 1em;font-size:13px}svg text{fill:#222}svg text.num{font-weight:bold}
        .figures span{display:inline-block;margin-right:1.4em}.note{color:#555;font-size:.9em}
        @media print{body{margin:0;max-width:none}nav{display:none}section{break-before:page;page-break-before:always}section:first-of-type{break-before:auto;page-break-before:auto}
        table,svg.chart{break-inside:avoid;page-break-inside:avoid}h2,h3{break-after:avoid;page-break-after:avoid}a{color:inherit;text-decoration:none}}
        """;

    public static void Write(ProvinceReport report, TextWriter writer)
    {
        var html = new StringBuilder(1 << 16);
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>评定结果报告 ")
            .Append(E(report.SchemeName)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        html.Append("<h1>评定结果报告</h1>\n<p class=\"meta\">").Append(E(report.SchemeName)).Append('（').Append(E(report.SchemeId)).Append(" 版本 ").Append(E(report.SchemeVersion)).Append('）');
        foreach (var kind in report.Kinds.Where(k => k.SchemeId != report.SchemeId))
        {
            html.Append('；').Append(E(kind.Kind)).Append("按 ").Append(E(kind.SchemeName)).Append('（').Append(E(kind.SchemeId)).Append(" 版本 ").Append(E(kind.SchemeVersion)).Append('）');
        }

        html.Append("</p>\n<nav><ul><li><a href=\"#overview\">全省概况</a></li><li><a href=\"#year\">与上年比较</a></li><li><a href=\"#regions\">各地区</a></li>")
            .Append("<li><a href=\"#quotas\">名额与末位排名</a></li><li><a href=\"#items\">失分项目</a></li><li><a href=\"#flags\">标记与措施</a></li></ul></nav>\n");
        Overview(html, report);
        YearOverYear(html, report);
        Regions(html, report);
        Quotas(html, report);
        Items(html, report);
        Flags(html, report);
        html.Append("</body>\n</html>\n");
        writer.Write(html);
    }

    private static void Overview(StringBuilder html, ProvinceReport report)
    {
        html.Append("<section id=\"overview\">\n<h2>全省概况</h2>\n");
        foreach (var kind in report.Kinds)
        {
            html.Append("<h3>").Append(E(kind.Kind)).Append('：').Append(Count(kind.Graded)).Append(Unit(kind.Kind)).Append("</h3>\n");
            var levels = kind.Levels.Select((l, i) => new Bar(l.Label, l.Count, $"{Count(l.Count)}（{Percent(l.Share)}）", LevelColour(i, LevelsRanked(kind), l.Label))).ToList();
            SvgCharts.Bars(html, "levels-" + kind.Kind, kind.Kind + "等级分布", levels);
            html.Append("<table class=\"levels\"><tr><th class=\"t\">等级</th><th>数量</th><th>占比</th></tr>\n");
            foreach (var level in kind.Levels)
            {
                html.Append("<tr><td class=\"t\">").Append(E(level.Label)).Append("</td><td>").Append(Count(level.Count)).Append("</td><td>").Append(Percent(level.Share)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
            if (kind.QuotaMoved > 0)
            {
                html.Append("<p>因名额调整降一级：").Append(Count(kind.QuotaMoved)).Append(Unit(kind.Kind)).Append("</p>\n");
            }
        }

        html.Append("</section>\n");
    }

    private static int LevelsRanked(KindReport kind) => kind.Levels.Count(l => l.Label != ReportAggregator.NoLevel);

    private static void YearOverYear(StringBuilder html, ProvinceReport report)
    {
        html.Append("<section id=\"year\">\n<h2>与上年比较（党组织）</h2>\n");
        if (report.YearOverYear is not { } t)
        {
            html.Append("<p>结果中没有上年等级（评定时未给出 last-year 文件）。</p>\n</section>\n");
            return;
        }

        html.Append("<p class=\"figures\"><span>可比 <b>").Append(Count(t.Compared)).Append("</b></span><span>升级 <b>").Append(Count(t.Upgraded)).Append("</b></span><span>持平 <b>")
            .Append(Count(t.Same)).Append("</b></span><span>降级 <b>").Append(Count(t.Downgraded)).Append("</b></span><span>新参评 <b>").Append(Count(t.New))
            .Append("</b></span><span>上年").Append(E(t.Levels.Count > 0 ? t.Levels[^1] : string.Empty)).Append(' ').Append(Count(t.BottomLastYear)).Append(" 个中升级 <b>")
            .Append(Count(t.BottomMovedUp)).Append("</b></span></p>\n");
        HeatMap(html, "transitions", "上年等级到本年等级", t.Levels, t.Matrix);
        Movers(html, "升级最多的党组织", report.MovedUp);
        Movers(html, "降级最多的党组织", report.MovedDown);
        html.Append("</section>\n");
    }

    private static void Movers(StringBuilder html, string title, IReadOnlyList<LevelMove> moves)
    {
        html.Append("<h3>").Append(title).Append("（前 ").Append(ProvinceReport.ListLimit).Append(" 个）</h3>\n");
        if (moves.Count == 0)
        {
            html.Append("<p>无。</p>\n");
            return;
        }

        html.Append("<table class=\"movers\"><tr><th class=\"t\">组织编号</th><th class=\"t\">组织名称</th><th class=\"t\">地区</th><th class=\"t\">上年</th><th class=\"t\">本年</th><th>升降</th><th>总分</th></tr>\n");
        foreach (var move in moves)
        {
            html.Append("<tr><td class=\"t\">").Append(E(move.OrganisationId)).Append("</td><td class=\"t\">").Append(E(move.Name)).Append("</td><td class=\"t\">").Append(E(move.Region))
                .Append("</td><td class=\"t\">").Append(E(move.LastYear)).Append("</td><td class=\"t\">").Append(E(move.ThisYear)).Append("</td><td>")
                .Append(move.Steps > 0 ? "升 " : "降 ").Append(Math.Abs(move.Steps)).Append(" 级</td><td>").Append(N(move.Total)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Regions(StringBuilder html, ProvinceReport report)
    {
        html.Append("<section id=\"regions\">\n<h2>各地区（党组织）</h2>\n");
        var levels = report.Kinds.FirstOrDefault(k => k.Kind == "党组织")?.Levels.Select(l => l.Label).Where(l => l != ReportAggregator.NoLevel).ToList() ?? [];
        var byParent = report.Regions.Where(r => r.Depth > 1).GroupBy(r => r.Path[..r.Path.LastIndexOf('/')]).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var parent in report.Regions.Where(r => byParent.ContainsKey(r.Path)))
        {
            var children = byParent[parent.Path];
            var level = parent.Depth < report.RegionLevels.Count ? report.RegionLevels[parent.Depth] : "地区";
            html.Append("<h3 id=\"r-").Append(E(parent.Path)).Append("\">").Append(E(parent.Path)).Append("：各").Append(E(level)).Append("等级分布</h3>\n");
            Stacked(html, "regions-" + parent.Path, parent.Path + " 各" + level + "等级分布", levels, [.. children.Select(c => (c.Name, (IReadOnlyList<long>)[.. c.Levels.Select(l => l.Count)]))]);
            html.Append("<table class=\"regions\"><tr><th class=\"t\">").Append(E(level)).Append("</th><th>组织数</th>");
            foreach (var label in levels)
            {
                html.Append("<th>").Append(E(label)).Append("</th>");
            }

            html.Append("<th>名额调整</th><th>末位排名</th><th>升级</th><th>持平</th><th>降级</th></tr>\n");
            foreach (var region in new[] { parent }.Concat(children))
            {
                html.Append("<tr><td class=\"t\">").Append(region == parent ? "<b>" + E(region.Name) + " 合计</b>" : E(region.Name)).Append("</td><td>").Append(Count(region.Organisations)).Append("</td>");
                foreach (var count in region.Levels)
                {
                    html.Append("<td>").Append(Count(count.Count)).Append(' ').Append(Percent(count.Share)).Append("</td>");
                }

                html.Append("<td>").Append(Count(region.QuotaMoved)).Append("</td><td>").Append(Count(region.BottomMarked)).Append("</td><td>").Append(Count(region.Upgraded))
                    .Append("</td><td>").Append(Count(region.Same)).Append("</td><td>").Append(Count(region.Downgraded)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("</section>\n");
    }

    private static void Quotas(StringBuilder html, ProvinceReport report)
    {
        html.Append("<section id=\"quotas\">\n<h2>名额与末位排名</h2>\n");
        foreach (var rule in report.BatchRules)
        {
            html.Append("<p><b>").Append(E(rule.Kind)).Append('“').Append(E(rule.Id)).Append("”</b>：").Append(E(rule.Description)).Append('；').Append(Count(rule.Groups))
                .Append(" 个分组，").Append(rule.Kind == "末位排名" ? "列入 " : "调整 ").Append(Count(rule.Affected)).Append(rule.Kind == "党员名额" ? " 名党员" : " 个党组织").Append("</p>\n");
        }

        foreach (var quota in report.Quotas)
        {
            html.Append("<h3>名额执行情况：").Append(E(quota.Description)).Append("</h3>\n<table class=\"quota\"><tr><th class=\"t\">").Append(E(quota.Within))
                .Append("</th><th>组织数</th><th>").Append(E(quota.Level)).Append("</th><th>占比</th><th>名额（").Append(Percent(quota.Share)).Append("）</th><th>名额调整</th><th class=\"t\">执行</th></tr>\n");
            foreach (var group in quota.Groups)
            {
                html.Append("<tr><td class=\"t\">").Append(E(group.Region)).Append("</td><td>").Append(Count(group.Organisations)).Append("</td><td>").Append(Count(group.AtLevel))
                    .Append("</td><td>").Append(Percent(group.Share)).Append("</td><td>").Append(Count(group.Allowed)).Append("</td><td>").Append(Count(group.Moved)).Append("</td>")
                    .Append(group.Complies ? "<td class=\"t ok\">✓ 未超出</td>" : "<td class=\"t bad\">超出名额</td>").Append("</tr>\n");
            }

            html.Append("</table>\n");
        }

        var marked = report.Regions.Where(r => r.Bottom.Count > 0).ToList();
        if (marked.Count > 0)
        {
            html.Append("<h3>末位排名（每个").Append(E(report.RegionLevels.Count > 0 ? report.RegionLevels[^1] : "地区")).Append("总分最低的至多 ").Append(ProvinceReport.ListLimit).Append(" 个）</h3>\n")
                .Append("<table class=\"bottom\"><tr><th class=\"t\">地区</th><th class=\"t\">组织编号</th><th class=\"t\">组织名称</th><th class=\"t\">等级</th><th>总分</th></tr>\n");
            foreach (var region in marked)
            {
                foreach (var mark in region.Bottom)
                {
                    html.Append("<tr><td class=\"t\">").Append(E(region.Path)).Append("</td><td class=\"t\">").Append(E(mark.OrganisationId)).Append("</td><td class=\"t\">").Append(E(mark.Name))
                        .Append("</td><td class=\"t\">").Append(E(mark.Level)).Append("</td><td>").Append(N(mark.Total)).Append("</td></tr>\n");
                }
            }

            html.Append("</table>\n");
        }

        html.Append("</section>\n");
    }

    private static void Items(StringBuilder html, ProvinceReport report)
    {
        html.Append("<section id=\"items\">\n<h2>失分项目</h2>\n<p class=\"note\">失分 = 满分 − 得分，对所有参评对象求和；图中为不含子项目的项目，按失分从多到少，至多 ")
            .Append(ProvinceReport.ListLimit).Append(" 项。</p>\n");
        foreach (var kind in report.Kinds)
        {
            html.Append("<h3>").Append(E(kind.Kind)).Append('（').Append(E(kind.SchemeName)).Append("）</h3>\n");
            var leaves = ChartedItems(kind);
            var worst = leaves.Count == 0 ? 0 : leaves.Max(i => i.LostShare);
            SvgCharts.Bars(html, "items-" + kind.Kind, kind.Kind + "失分项目",
                [.. leaves.Select(i => new Bar(i.Label, i.PointsLost, $"{N(i.PointsLost)} 分（{Percent(i.LostShare)}）", i.LostShare >= worst * 0.75 ? "#c62828" : "#ef6c00"))],
                "data-points");
            html.Append("<table class=\"items\"><tr><th class=\"t\">项目</th><th>满分</th><th>平均得分</th><th>失分合计</th><th>失分率</th></tr>\n");
            foreach (var item in kind.Items)
            {
                html.Append("<tr><td class=\"t\">").Append(new string('　', item.Depth)).Append(E(item.Label)).Append("</td><td>").Append(N(item.FullPoints)).Append("</td><td>")
                    .Append(N(item.AverageScore)).Append("</td><td>").Append(N(item.PointsLost)).Append("</td><td>").Append(Percent(item.LostShare)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>The items a kind's chart shows: those without sub-items that lost points, most points first (ties by label), at most <see cref="ProvinceReport.ListLimit"/>.</summary>
    internal static List<ItemLoss> ChartedItems(KindReport kind) =>
        [.. kind.Items.Where(i => i.IsLeaf && i.PointsLost > 0).OrderByDescending(i => i.PointsLost).ThenBy(i => i.Label, StringComparer.Ordinal).Take(ProvinceReport.ListLimit)];

    private static void Flags(StringBuilder html, ProvinceReport report)
    {
        html.Append("<section id=\"flags\">\n<h2>标记与措施</h2>\n");
        foreach (var kind in report.Kinds)
        {
            html.Append("<h3>").Append(E(kind.Kind)).Append("：标记</h3>\n");
            if (kind.Flags.Count == 0)
            {
                html.Append("<p>无标记。</p>\n");
            }
            else
            {
                SvgCharts.Bars(html, "flags-" + kind.Kind, kind.Kind + "标记", [.. kind.Flags.Select(f => new Bar(f.Label, f.Count, $"{Count(f.Count)}（{Percent(f.Share)}）", "#ad1457"))]);
            }

            html.Append("<h3>").Append(E(kind.Kind)).Append("：最常见的措施</h3>\n");
            if (!kind.MeasuresRecorded)
            {
                html.Append("<p>本次评定未记录").Append(E(kind.Kind)).Append("的措施（党员的措施默认不写出，评定时加 --member-measures 写出）。</p>\n");
                continue;
            }

            if (kind.Measures.Count == 0)
            {
                html.Append("<p>无措施。</p>\n");
                continue;
            }

            html.Append("<p class=\"note\">措施中的数字记作 #，同一措施不同数字合并计数。</p>\n<table class=\"measures\"><tr><th class=\"t\">措施</th><th>次数</th><th>占参评</th></tr>\n");
            foreach (var measure in kind.Measures)
            {
                html.Append("<tr><td class=\"t\">").Append(E(measure.Label)).Append("</td><td>").Append(Count(measure.Count)).Append("</td><td>").Append(Percent(measure.Share)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("</section>\n");
    }

    private static string Unit(string kind) => kind == "党员" ? " 名" : " 个";
}
