using System.Globalization;
using System.Net;
using System.Text;
using GradingEngine.Batch.Output;

namespace GradingEngine.Batch.WhatIf;

/// <summary>The files a comparison writes: the changed subjects, the transitions, and one standalone HTML page.</summary>
internal static class ComparisonFiles
{
    public const string Changes = "changes.csv";
    public const string Transitions = "transitions.csv";
    public const string Page = "whatif.html";

    private static readonly string[] ChangeHead = ["类别", "编号", "组织编号"];
    private static readonly string[] ChangeTail = ["原等级", "新等级", "原总分", "新总分", "原因"];

    public static IEnumerable<string> ChangeHeader(IReadOnlyList<string> regionLevels) => ChangeHead.Concat(regionLevels).Concat(ChangeTail);

    public static IEnumerable<string> ChangeCells(SubjectChange change) =>
        new[] { change.Kind, change.Id, change.OrganisationId }.Concat(change.Regions)
            .Concat([change.From, change.To, change.TotalBefore, change.TotalAfter, change.Reason]);

    public static void WriteTransitions(string path, SchemeComparisonSummary summary)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true)) { NewLine = "\n" };
        writer.Write(CharBuffer.CsvLine(["类别", "地区级别", "地区", "原等级", "新等级", "数量"]));
        foreach (var kind in summary.Kinds)
        {
            foreach (var t in kind.Transitions)
            {
                writer.Write(CharBuffer.CsvLine([kind.Kind, "全部", "全部", Shown(t.From), Shown(t.To), Count(t.Count)]));
            }
        }

        foreach (var region in summary.Regions)
        {
            foreach (var t in region.Transitions)
            {
                writer.Write(CharBuffer.CsvLine([region.Kind, region.RegionLevel, region.Region, Shown(t.From), Shown(t.To), Count(t.Count)]));
            }
        }
    }

    public static void WriteHtml(string path, SchemeComparisonSummary summary, IReadOnlyList<SubjectChange> changes)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>方案变更影响 ")
            .Append(E(summary.Before)).Append(" → ").Append(E(summary.After)).Append("</title>\n<style>\n")
            .Append("body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;margin:2em;color:#222}")
            .Append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.3em .6em;text-align:right}")
            .Append("th{background:#f3f3f3}td.t,th.t{text-align:left}td.same{color:#888}td.up{background:#e6f4ea}td.down{background:#fde8e8}")
            .Append("@media print{body{margin:0}}\n</style>\n</head>\n<body>\n")
            .Append("<h1>方案变更影响</h1>\n<p>原方案 <b>").Append(E(summary.Before)).Append("</b>，新方案 <b>").Append(E(summary.After))
            .Append("</b>。同一数据分别按两个方案评定（含名额与末位排名），逐一比较。</p>\n");
        foreach (var kind in summary.Kinds)
        {
            html.Append("<h2>").Append(E(kind.Kind)).Append("</h2>\n<p>比较 ").Append(Count(kind.Compared)).Append("，等级变化 ")
                .Append(Count(kind.Changed)).Append("，总分变化 ").Append(Count(kind.TotalChanged));
            if (kind.OnlyBefore + kind.OnlyAfter > 0)
            {
                html.Append("，仅原方案评定 ").Append(Count(kind.OnlyBefore)).Append("，仅新方案评定 ").Append(Count(kind.OnlyAfter));
            }

            html.Append("</p>\n");
            Matrix(html, kind.Transitions);
        }

        if (summary.Regions.Count > 0)
        {
            html.Append("<h2>按地区</h2>\n<table class=\"regions\">\n<tr><th class=\"t\">类别</th><th class=\"t\">地区</th><th>比较</th><th>等级变化</th><th class=\"t\">变化</th></tr>\n");
            foreach (var region in summary.Regions.Where(r => r.Changed > 0))
            {
                html.Append("<tr><td class=\"t\">").Append(E(region.Kind)).Append("</td><td class=\"t\">").Append(E(region.RegionLevel)).Append(' ').Append(E(region.Region))
                    .Append("</td><td>").Append(Count(region.Compared)).Append("</td><td>").Append(Count(region.Changed)).Append("</td><td class=\"t\">")
                    .Append(E(string.Join("；", region.Transitions.Select(t => $"{Shown(t.From)}→{Shown(t.To)} {Count(t.Count)}")))).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<h2>等级变化的对象</h2>\n");
        var total = summary.Kinds.Sum(k => k.Changed);
        if (total > changes.Count)
        {
            html.Append("<p>每类列出前 ").Append(ResultComparer.PageChanges).Append(" 个；全部 ").Append(Count(total)).Append(" 个见 changes.csv。</p>\n");
        }

        html.Append("<table class=\"changes\">\n<tr><th class=\"t\">类别</th><th class=\"t\">编号</th><th class=\"t\">地区</th><th class=\"t\">原等级</th><th class=\"t\">新等级</th><th>原总分</th><th>新总分</th><th class=\"t\">原因</th></tr>\n");
        foreach (var c in changes)
        {
            html.Append("<tr><td class=\"t\">").Append(E(c.Kind)).Append("</td><td class=\"t\">").Append(E(c.Id)).Append("</td><td class=\"t\">")
                .Append(E(string.Join(" ", c.Regions.Skip(1)))).Append("</td><td class=\"t\">").Append(E(Shown(c.From))).Append("</td><td class=\"t\">")
                .Append(E(Shown(c.To))).Append("</td><td>").Append(E(c.TotalBefore)).Append("</td><td>").Append(E(c.TotalAfter)).Append("</td><td class=\"t\">")
                .Append(E(c.Reason)).Append("</td></tr>\n");
        }

        html.Append("</table>\n</body>\n</html>\n");
        File.WriteAllText(path, html.ToString(), new UTF8Encoding(false));
    }

    /// <summary>The transition matrix: levels before down, levels after across.</summary>
    private static void Matrix(StringBuilder html, IReadOnlyList<LevelTransition> transitions)
    {
        var from = transitions.Select(t => t.From).Distinct().ToList();
        var to = transitions.Select(t => t.To).Distinct().ToList();
        var all = from.Concat(to).Distinct().ToList();
        html.Append("<table class=\"matrix\">\n<tr><th class=\"t\">原等级 ＼ 新等级</th>");
        foreach (var level in all)
        {
            html.Append("<th>").Append(E(Shown(level))).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var row in all)
        {
            html.Append("<tr><th class=\"t\">").Append(E(Shown(row))).Append("</th>");
            foreach (var column in all)
            {
                var count = transitions.FirstOrDefault(t => t.From == row && t.To == column)?.Count ?? 0;
                var css = row == column ? "same" : all.IndexOf(column) < all.IndexOf(row) ? "up" : "down";
                html.Append("<td class=\"").Append(css).Append("\">").Append(count == 0 ? string.Empty : Count(count)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    internal static string Shown(string level) => level.Length == 0 ? "未评定" : level;

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
