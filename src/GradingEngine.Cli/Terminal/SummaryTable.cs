using System.Globalization;
using System.Text;
using static System.FormattableString;
using GradingEngine.Batch.Summary;

namespace GradingEngine.Cli.Terminal;

/// <summary>The summary of a run as readable tables: files reconciled, levels per kind, organisations per region.</summary>
internal static class SummaryTable
{
    private static readonly string[] FileHeader = ["类别", "文件", "编码", "读取", "评定", "拒收", "核对"];
    private static readonly string[] MatrixCorner = ["上年＼本年"];

    public static string Render(BatchSummary summary, int maxDepth)
    {
        var text = new StringBuilder();
        text.AppendLine("文件核对（读取 = 评定 + 拒收）");
        var files = new List<string[]> { FileHeader };
        foreach (var f in summary.Files)
        {
            files.Add([f.Kind, Path.GetFileName(f.File), f.Encoding, N(f.RowsRead), N(f.Graded), N(f.Rejected), f.Reconciles ? "✓" : "✗"]);
        }

        Table(text, files);
        foreach (var warning in summary.Files.SelectMany(f => f.Warnings.Select(w => $"  ! {Path.GetFileName(f.File)}：{w}")))
        {
            text.AppendLine(warning);
        }

        text.AppendLine();
        text.AppendLine("等级分布");
        foreach (var kind in summary.Kinds)
        {
            var cells = string.Join("  ", kind.Levels.Select(l => $"{l.Label} {N(l.Count)}（{P(l.Share)}）"));
            var flags = kind.Flags.Where(f => f.Count > 0).Select(f => $"{f.Label} {N(f.Count)}");
            text.AppendLine(Invariant($"  {kind.Kind}（{kind.SchemeId} 版本 {kind.SchemeVersion}，{N(kind.Graded)}）：{cells}"));
            if (flags.Any())
            {
                text.AppendLine(Invariant($"    标记：{string.Join("  ", flags)}"));
            }
        }

        text.AppendLine();
        text.AppendLine("按地区（党组织）");
        var levels = summary.Kinds[0].Levels.Select(l => l.Label).Where(l => l != "不评定").ToList();
        var header = new List<string> { "地区", "组织数" };
        header.AddRange(levels);
        header.AddRange(["名额调整", "末位排名"]);
        if (summary.YearOverYear is not null)
        {
            header.AddRange(["升级", "持平", "降级", $"上年{levels[^1]}升级"]);
        }

        var rows = new List<string[]> { header.ToArray() };
        // The whole run's row repeats the province's when there is one province.
        var skipRoot = summary.Regions.Count(r => r.Depth == 1) == 1;
        foreach (var region in summary.Regions.Where(r => r.Depth <= maxDepth && !(skipRoot && r.Depth == 0)))
        {
            var row = new List<string> { new string(' ', Math.Max(0, region.Depth - (skipRoot ? 1 : 0)) * 2) + region.Name, N(region.Organisations) };
            row.AddRange(region.Levels.Where(l => l.Label != "不评定").Select(l => $"{N(l.Count)} {P(l.Share)}"));
            row.AddRange([N(region.QuotaMoved), N(region.BottomMarked)]);
            if (region.YearOverYear is { } y)
            {
                row.AddRange([N(y.Upgraded), N(y.Same), N(y.Downgraded), $"{N(y.BottomMovedUp)}/{N(y.BottomLastYear)}"]);
            }

            rows.Add([.. row]);
        }

        Table(text, rows);
        foreach (var rule in summary.BatchRules)
        {
            text.AppendLine(Invariant($"  {rule.Kind}“{rule.Id}”：{rule.Description}；{N(rule.Groups)} 个{(rule.Kind == "党员名额" ? "党组织" : "分组")}，{rule.Kind switch { "名额" => "调整", "党员名额" => "调整", _ => "列入" }} {N(rule.Affected)} {(rule.Kind == "党员名额" ? "名党员" : "个党组织")}"));
        }

        if (summary.YearOverYear is { } yoy)
        {
            var t = yoy.Totals;
            text.AppendLine();
            text.AppendLine(Invariant($"与上年比较：可比 {N(t.Compared)} 个，升级 {N(t.Upgraded)}，持平 {N(t.Same)}，降级 {N(t.Downgraded)}，新参评 {N(t.New)}；上年{t.Levels[^1]} {N(t.BottomLastYear)} 个中 {N(t.BottomMovedUp)} 个升级"));
            var matrix = new List<string[]> { MatrixCorner.Concat(t.Levels).ToArray() };
            for (var i = 0; i < t.Levels.Count; i++)
            {
                matrix.Add(new[] { t.Levels[i] }.Concat(t.Matrix[i].Select(N)).ToArray());
            }

            Table(text, matrix);
        }

        return text.ToString();
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string P(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Columns aligned by display width (a Chinese character takes two columns); numbers right-aligned.</summary>
    private static void Table(StringBuilder text, List<string[]> rows)
    {
        var columns = rows.Max(r => r.Length);
        var widths = new int[columns];
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                widths[c] = Math.Max(widths[c], Width(row[c]));
            }
        }

        foreach (var row in rows)
        {
            text.Append("  ");
            for (var c = 0; c < row.Length; c++)
            {
                var cell = row[c];
                var pad = new string(' ', widths[c] - Width(cell));
                var numeric = cell.Length > 0 && (char.IsDigit(cell[0]) || cell[0] == '✓' || cell[0] == '✗');
                text.Append(numeric ? pad + cell : cell + pad);
                text.Append(c < row.Length - 1 ? "  " : string.Empty);
            }

            text.AppendLine();
        }
    }

    private static int Width(string text)
    {
        var width = 0;
        foreach (var c in text)
        {
            width += c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFF60)) ? 2 : 1;
        }

        return width;
    }
}
