using System.Globalization;
using System.Net;
using System.Text;

namespace GradingEngine.Batch.Report;

/// <summary>
/// The report's charts, written as SVG by hand: bars, stacked bars and a heat-map matrix. Each bar, segment and cell
/// is one <c>rect</c> carrying its number in a data attribute (<c>data-count</c>, or <c>data-points</c> for points)
/// and a <c>title</c> as tooltip; each chart is an <c>svg</c> with a <c>data-chart</c> name. The same data gives the same text.
/// </summary>
internal static class SvgCharts
{
    private const int Width = 760;
    private const int LabelWidth = 210;
    private const int BarHeight = 20;
    private const int Gap = 6;
    private const int ValueWidth = 130;

    private static readonly string[] LevelColours = ["#2e7d32", "#7cb342", "#fbc02d", "#ef6c00", "#c62828", "#6a1b9a"];

    /// <summary>The colour of a level by its place among <paramref name="count"/> levels, best (green) to worst (red); grey for 不评定.</summary>
    public static string LevelColour(int ordinal, int count, string label)
    {
        if (label == ReportAggregator.NoLevel || ordinal < 0)
        {
            return "#9e9e9e";
        }

        if (count <= 1)
        {
            return LevelColours[0];
        }

        var at = (int)Math.Round(ordinal * (LevelColours.Length - 2) / (double)(count - 1), MidpointRounding.AwayFromZero);
        return LevelColours[Math.Min(at, LevelColours.Length - 1)];
    }

    /// <summary>One bar.</summary>
    public readonly record struct Bar(string Label, double Value, string Shown, string Colour);

    /// <summary>Horizontal bars, one per value; <paramref name="attribute"/> names the data attribute of each bar (data-count, data-points).</summary>
    public static void Bars(StringBuilder html, string chart, string title, IReadOnlyList<Bar> bars, string attribute = "data-count")
    {
        var height = (bars.Count * (BarHeight + Gap)) + Gap;
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        Open(html, chart, title, height);
        var plot = Width - LabelWidth - ValueWidth;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Gap + (i * (BarHeight + Gap));
            var width = max <= 0 ? 0 : Math.Max(bar.Value, 0) / max * plot;
            Label(html, LabelWidth - 6, y + 14, bar.Label, "end");
            html.Append("<rect class=\"bar\" x=\"").Append(LabelWidth).Append("\" y=\"").Append(y).Append("\" width=\"").Append(N(width))
                .Append("\" height=\"").Append(BarHeight).Append("\" fill=\"").Append(bar.Colour).Append("\" ").Append(attribute).Append("=\"").Append(N(bar.Value))
                .Append("\" data-label=\"").Append(E(bar.Label)).Append("\"><title>").Append(E(bar.Label)).Append('：').Append(E(bar.Shown)).Append("</title></rect>\n");
            html.Append("<text x=\"").Append(N(LabelWidth + width + 6)).Append("\" y=\"").Append(y + 14).Append("\">").Append(E(bar.Shown)).Append("</text>\n");
        }

        html.Append("</svg>\n");
    }

    /// <summary>One stacked bar per row (a region), one segment per level, each segment's width its share of the row.</summary>
    public static void Stacked(StringBuilder html, string chart, string title, IReadOnlyList<string> levels, IReadOnlyList<(string Label, IReadOnlyList<long> Counts)> rows)
    {
        var legend = 24;
        var height = legend + (rows.Count * (BarHeight + Gap)) + Gap;
        Open(html, chart, title, height);
        var x = LabelWidth;
        for (var l = 0; l < levels.Count; l++)
        {
            html.Append("<rect class=\"key\" x=\"").Append(x).Append("\" y=\"4\" width=\"12\" height=\"12\" fill=\"").Append(LevelColour(l, levels.Count, levels[l])).Append("\"/>")
                .Append("<text x=\"").Append(x + 16).Append("\" y=\"15\">").Append(E(levels[l])).Append("</text>\n");
            x += 24 + (levels[l].Length * 14);
        }

        var plot = Width - LabelWidth - 20;
        for (var r = 0; r < rows.Count; r++)
        {
            var (label, counts) = rows[r];
            var y = legend + Gap + (r * (BarHeight + Gap));
            var total = counts.Sum();
            Label(html, LabelWidth - 6, y + 14, label, "end");
            double at = LabelWidth;
            for (var l = 0; l < counts.Count; l++)
            {
                var width = total == 0 ? 0 : counts[l] / (double)total * plot;
                var share = total == 0 ? 0 : counts[l] / (double)total;
                html.Append("<rect class=\"seg\" x=\"").Append(N(at)).Append("\" y=\"").Append(y).Append("\" width=\"").Append(N(width)).Append("\" height=\"").Append(BarHeight)
                    .Append("\" fill=\"").Append(LevelColour(l, levels.Count, levels[l])).Append("\" data-count=\"").Append(counts[l].ToString(CultureInfo.InvariantCulture))
                    .Append("\" data-level=\"").Append(E(levels[l])).Append("\"><title>").Append(E(label)).Append(' ').Append(E(levels[l])).Append('：')
                    .Append(Count(counts[l])).Append('（').Append(Percent(share)).Append("）</title></rect>\n");
                at += width;
            }
        }

        html.Append("</svg>\n");
    }

    /// <summary>A heat-map matrix: rows last year's level, columns this year's; a cell's colour says how many, green above the diagonal (up), red below (down).</summary>
    public static void HeatMap(StringBuilder html, string chart, string title, IReadOnlyList<string> levels, IReadOnlyList<IReadOnlyList<long>> matrix)
    {
        const int cell = 84;
        const int head = 44;
        var left = 120;
        var height = head + (levels.Count * cell) + 8;
        var max = matrix.SelectMany(r => r).DefaultIfEmpty(0).Max();
        html.Append("<svg class=\"chart\" data-chart=\"").Append(E(chart)).Append("\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
            .Append(left + (levels.Count * cell) + 8).Append(' ').Append(height).Append("\" width=\"").Append(left + (levels.Count * cell) + 8).Append("\" height=\"").Append(height)
            .Append("\" role=\"img\" aria-label=\"").Append(E(title)).Append("\">\n");
        html.Append("<text x=\"").Append(left).Append("\" y=\"14\">本年等级 →</text><text x=\"4\" y=\"").Append(head - 6).Append("\">上年等级 ↓</text>\n");
        for (var i = 0; i < levels.Count; i++)
        {
            html.Append("<text x=\"").Append(left + (i * cell) + (cell / 2)).Append("\" y=\"").Append(head - 6).Append("\" text-anchor=\"middle\">").Append(E(levels[i])).Append("</text>\n");
            html.Append("<text x=\"").Append(left - 8).Append("\" y=\"").Append(head + (i * cell) + (cell / 2) + 5).Append("\" text-anchor=\"end\">").Append(E(levels[i])).Append("</text>\n");
        }

        for (var last = 0; last < levels.Count; last++)
        {
            for (var now = 0; now < levels.Count; now++)
            {
                var count = matrix[last][now];
                var strength = max == 0 ? 0 : 0.12 + (0.78 * count / max);
                var hue = now < last ? "46,125,50" : now > last ? "198,40,40" : "21,101,192";
                var x = left + (now * cell);
                var y = head + (last * cell);
                html.Append("<rect class=\"cell\" x=\"").Append(x).Append("\" y=\"").Append(y).Append("\" width=\"").Append(cell - 2).Append("\" height=\"").Append(cell - 2)
                    .Append("\" fill=\"rgba(").Append(hue).Append(',').Append(N(count == 0 ? 0.04 : strength)).Append(")\" data-count=\"").Append(count.ToString(CultureInfo.InvariantCulture))
                    .Append("\" data-from=\"").Append(E(levels[last])).Append("\" data-to=\"").Append(E(levels[now])).Append("\"><title>上年")
                    .Append(E(levels[last])).Append(" → 本年").Append(E(levels[now])).Append('：').Append(Count(count)).Append("</title></rect>\n");
                html.Append("<text x=\"").Append(x + (cell / 2)).Append("\" y=\"").Append(y + (cell / 2) + 5).Append("\" text-anchor=\"middle\" class=\"num\">")
                    .Append(Count(count)).Append("</text>\n");
            }
        }

        html.Append("</svg>\n");
    }

    private static void Open(StringBuilder html, string chart, string title, int height) =>
        html.Append("<svg class=\"chart\" data-chart=\"").Append(E(chart)).Append("\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height)
            .Append("\" width=\"").Append(Width).Append("\" height=\"").Append(height).Append("\" role=\"img\" aria-label=\"").Append(E(title)).Append("\">\n");

    private static void Label(StringBuilder html, int x, int y, string text, string anchor)
    {
        var shown = text.Length > 14 ? string.Concat(text.AsSpan(0, 13), "…") : text;
        html.Append("<text x=\"").Append(x).Append("\" y=\"").Append(y).Append("\" text-anchor=\"").Append(anchor).Append("\">").Append(E(shown)).Append("</text>\n");
    }

    public static string E(string text) => WebUtility.HtmlEncode(text);

    public static string N(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);
}
