using GradingEngine.Schemes;
using GradingEngine.Schemes.Json;

namespace GradingEngine.RuleBook;

/// <summary>
/// What a variant (<c>extends</c>) changes in its base scheme, read from the variant's own JSON: each entry it gives
/// with the id of a base entry replaces it (替换, with the base's entry as the old value), entries with a new id are
/// added (新增), <c>remove</c> drops entries (删除), and a property such as the name is changed (修改).
/// </summary>
internal static class VariantOverrides
{
    private static readonly (string Property, string Section)[] Sections =
    [
        ("raters", "评价主体"), ("inputs", "输入项"), ("ratings", "三评项目"), ("values", "计算值"), ("flags", "标记"),
        ("items", "评分项"), ("rules", "规则"), ("levels", "等级"), ("gates", "闸门"), ("vetoes", "一票否决"),
        ("quotas", "名额"), ("bottomRanking", "末位排名"),
    ];

    private static readonly (string Property, string Name)[] Properties =
    [
        ("name", "名称"), ("version", "版本"), ("subject", "评定对象"), ("description", "说明"), ("precision", "分数精度"),
    ];

    /// <summary>The variant's changes to its base, in the order the variant's file gives them.</summary>
    public static BookVariant Describe(SchemeBook baseBook, SchemeBook book, JsonObjectNode own)
    {
        var overrides = new List<BookOverride>();
        foreach (var (property, name) in Properties)
        {
            if (own.Find(property) is not null)
            {
                var (old, now) = (Property(baseBook, property), Property(book, property));
                if (old != now)
                {
                    overrides.Add(new BookOverride("方案", name, "修改", old, now));
                }
            }
        }

        if (own.Find(SchemeVariants.RemoveProperty)?.Value is JsonArrayNode removed)
        {
            foreach (var id in removed.Items.OfType<JsonScalarNode>().Select(n => n.Value).OfType<string>())
            {
                var (section, old) = Sections.Select(s => (s.Section, Old: Summary(baseBook, s.Property, id))).FirstOrDefault(s => s.Old is not null);
                overrides.Add(new BookOverride(section ?? "—", id, "删除", old, null));
            }
        }

        foreach (var (property, section) in Sections)
        {
            if (own.Find(property)?.Value is not JsonArrayNode entries)
            {
                continue;
            }

            foreach (var id in entries.Items.Select(IdOf).OfType<string>())
            {
                var old = Summary(baseBook, property, id);
                overrides.Add(new BookOverride(section, id, old is null ? "新增" : "替换", old, Summary(book, property, id)));
            }
        }

        return new BookVariant(baseBook.Id, baseBook.Name, overrides);
    }

    private static string? IdOf(JsonNode node) =>
        node is JsonObjectNode o && o.Find("id")?.Value is JsonScalarNode { Value: string id } ? id : null;

    private static string Property(SchemeBook book, string property) => property switch
    {
        "name" => book.Name,
        "version" => book.Version,
        "subject" => book.Subject,
        "description" => book.Description ?? "—",
        _ => $"保留 {book.Precision} 位小数",
    };

    /// <summary>One entry of a section in one line of words; null when the book has no entry with that id there.</summary>
    public static string? Summary(SchemeBook book, string property, string id) => property switch
    {
        "raters" => book.Raters.FirstOrDefault(r => r.Id == id) is { } r ? $"{r.Label}，权重 {Words.Weight(r.Weight)}" : null,
        "inputs" => book.Inputs.FirstOrDefault(i => i.Id == id) is { } i ? $"{i.Label}：{i.Type}；取值范围 {i.Range}；默认 {i.Default}" : null,
        "ratings" => book.Ratings.FirstOrDefault(r => r.Id == id) is { } r ? $"{r.Label}：满分 {r.Scale}；{r.Raters}" : null,
        "values" => book.Values.FirstOrDefault(v => v.Id == id) is { } v ? $"{v.Label}：{v.Meaning}" : null,
        "flags" => book.Flags.FirstOrDefault(f => f.Id == id) is { } f ? f.Label + (f.Description is { } d ? $"：{d}" : string.Empty) : null,
        "items" => book.Items.FirstOrDefault(i => i.Id == id) is { } i ? $"{i.Label}：{i.Points}；{i.Scoring}" : null,
        "rules" => book.Rules.FirstOrDefault(r => r.Id == id) is { } r ? $"当{r.Condition}时：{string.Join("；", r.Actions)}" : null,
        "levels" => book.Levels.FirstOrDefault(l => l.Id == id) is { } l ? $"{l.Label}：{l.Threshold}" + (l.Condition is { } c ? $"，且{c}" : string.Empty) : null,
        "gates" => book.Gates.FirstOrDefault(g => g.Id == id) is { } g ? $"当{g.Condition}时，等级最高为{g.AtBest}" : null,
        "vetoes" => book.Vetoes.FirstOrDefault(v => v.Id == id) is { } v ? $"当{v.Condition}时，一票否决，定为{v.Level}" : null,
        "quotas" => book.Quotas.FirstOrDefault(q => q.Id == id)?.Summary,
        "bottomRanking" => book.BottomRankings.FirstOrDefault(b => b.Id == id)?.Summary,
        _ => null,
    };
}
