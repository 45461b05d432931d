using System.Globalization;

namespace GradingEngine.Benchmarks.Baseline.MemberWudaiFluent;

/// <summary>A member's input dictionary (as the engine takes it: ids, ratings nested or flat) as the rules' typed fact.</summary>
internal static class MemberInput
{
    private static readonly string[] Raters = ["自评", "群众评", "领导评"];

    public static MemberFacts ToFacts(IReadOnlyDictionary<string, object?> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (var key in row.Keys)
        {
            var known = key is "id" or "党员类型" or "应参加组织生活次数" or "参加组织生活次数" or "应交党费月数" or "按时交纳党费月数" or "连续未参加组织生活月数"
                or "连续未交党费月数" or "连续未做分配工作月数" or "有正当理由" or "处分" or "测评票数" or "信任票数"
                || key.Split('.') is [var rating, var rater] && IsRating(rating) && Raters.Contains(rater)
                || IsRating(key);
            if (!known)
            {
                throw new FormatException($"member-wudai has no input “{key}”");
            }
        }

        return new MemberFacts
        {
            Id = row.TryGetValue("id", out var id) ? id?.ToString() ?? string.Empty : string.Empty,
            党员类型 = Enum.Parse<MemberType>((string)row["党员类型"]!),
            应参加组织生活次数 = Int(row, "应参加组织生活次数"),
            参加组织生活次数 = Int(row, "参加组织生活次数"),
            应交党费月数 = Int(row, "应交党费月数", 12),
            按时交纳党费月数 = Int(row, "按时交纳党费月数"),
            连续未参加组织生活月数 = Int(row, "连续未参加组织生活月数", 0),
            连续未交党费月数 = Int(row, "连续未交党费月数", 0),
            连续未做分配工作月数 = Int(row, "连续未做分配工作月数", 0),
            有正当理由 = row.TryGetValue("有正当理由", out var reason) && (bool)reason!,
            处分 = row.TryGetValue("处分", out var discipline) ? Enum.Parse<Discipline>((string)discipline!) : Discipline.无,
            测评票数 = Int(row, "测评票数", 0),
            信任票数 = Int(row, "信任票数", 0),
            学习提高 = Rating(row, "学习提高"),
            创造佳绩 = Rating(row, "创造佳绩"),
            服务群众 = Rating(row, "服务群众"),
            遵纪守法 = Rating(row, "遵纪守法"),
            弘扬正气 = Rating(row, "弘扬正气"),
        };
    }

    private static bool IsRating(string id) => id is "学习提高" or "创造佳绩" or "服务群众" or "遵纪守法" or "弘扬正气";

    private static RaterScores Rating(IReadOnlyDictionary<string, object?> row, string rating)
    {
        var nested = row.TryGetValue(rating, out var value) ? (IReadOnlyDictionary<string, object?>)value! : null;
        double Score(string rater) => Convert.ToDouble(nested is not null ? nested[rater] : row[rating + "." + rater], CultureInfo.InvariantCulture);
        return new RaterScores(Score("自评"), Score("群众评"), Score("领导评"));
    }

    private static int Int(IReadOnlyDictionary<string, object?> row, string id, int? fallback = null) =>
        row.TryGetValue(id, out var value) && value is not null ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
        : fallback ?? throw new KeyNotFoundException(id);
}

/// <summary>
/// Random members for member-wudai: the members of random organisations from <see cref="OrganisationSamples"/> (so the
/// same mix of strong, ordinary and weak members, 预备党员, 处分, 自行脱党 and trust votes), one in ten also giving
/// 应交党费月数, which that generator leaves to its default.
/// </summary>
internal static class MemberSamples
{
    public static List<(string Name, Dictionary<string, object?> Input)> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var members = new List<(string, Dictionary<string, object?>)>(count);
        for (var i = 0; members.Count < count; i++)
        {
            foreach (var member in (List<object?>)OrganisationSamples.Organisation(random, i)["党员"]!)
            {
                var input = (Dictionary<string, object?>)member!;
                if (random.NextDouble() < 0.1)
                {
                    input["应交党费月数"] = random.Next(0, 13);
                }

                members.Add(((string)input["id"]!, input));
                if (members.Count == count)
                {
                    break;
                }
            }
        }

        return members;
    }
}
